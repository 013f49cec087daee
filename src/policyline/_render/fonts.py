"""The CJK font pictures are drawn with, and the glyphs it lacks.

Labels are Chinese, so a CJK font is required: one installed on the system (Debian's
``fonts-noto-cjk``), found through matplotlib's font manager. Nothing is downloaded; with
no CJK font installed, :class:`~policyline.errors.MissingFont` says what to install.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from policyline.errors import MissingFont

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
"""CJK font families tried in order; the first one installed is used."""

_FONT_FILE_HINTS = ("cjk", "sourcehan", "wqy", "droidsansfallback")
_PROBE = "质量温州溫州"
_MISSING = re.compile(r"Glyph (\d+) .*missing from font")


@attrs.frozen
class Font:
    """An installed font: its family name and file."""

    family: str
    path: str


def _covers_probe(path: str, index: int) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(path, face_index=index)
    except (OSError, RuntimeError, TypeError):
        return False
    return all(face.get_char_index(ord(c)) != 0 for c in _PROBE)


def find_cjk_font() -> Font:
    """The first installed CJK font family of :data:`CJK_FAMILIES` that draws Chinese."""
    from matplotlib import font_manager

    def search() -> Font | None:
        entries = {e.name: e for e in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            entry = entries.get(family)
            if entry is not None and _covers_probe(entry.fname, int(getattr(entry, "index", 0))):
                return Font(family, entry.fname)
        return None

    found = search()
    if found is None:
        # The font cache may predate the font's installation: add system CJK files directly.
        for path in font_manager.findSystemFonts():
            if any(
                hint in Path(path).name.casefold().replace("-", "") for hint in _FONT_FILE_HINTS
            ):
                font_manager.fontManager.addfont(path)
        found = search()
    if found is None:
        raise MissingFont(CJK_FAMILIES)
    return found


def missing_glyphs(messages: Iterable[str]) -> str:
    """The characters matplotlib warned it had no glyph for, in code point order."""
    codes = {int(m.group(1)) for text in messages if (m := _MISSING.search(text))}
    return "".join(chr(code) for code in sorted(codes))
