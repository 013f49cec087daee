"""Plain-text tables whose columns line up in a terminal, Chinese text included.

Chinese characters take two terminal columns, so padding by ``len()`` misaligns every
row that mixes scripts; columns here are measured in display cells with ``wcwidth``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wcwidth import wcswidth, wcwidth

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character but newline and tab, and every bidi control
    (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM), shown as an escape (``\\x1b``,
    ``\\u202e``): data can neither drive the terminal nor reorder what it shows."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


MAX_CELL = 60
"""Cells wider than this many display columns are cut with an ellipsis."""


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes (control characters count as 0)."""
    measured = wcswidth(text)
    if measured >= 0:
        return int(measured)
    return sum(max(int(wcwidth(c)), 0) for c in text)


def clip(text: str, limit: int = MAX_CELL) -> str:
    """``text`` on one line, cut to at most ``limit`` columns (ending in …)."""
    flat = escape_controls(" ".join(text.split()))  # escaped before it is measured
    if width(flat) <= limit:
        return flat
    kept: list[str] = []
    used = 0
    for char in flat:
        char_width = max(int(wcwidth(char)), 0)
        if used + char_width > limit - 1:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + "…"


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` display columns."""
    return text + " " * max(columns - width(text), 0)


WHOLE = frozenset({"value", "coverage"})
"""Columns never cut: a figure's value (or the reason it is refused) and its coverage are
the answer itself."""


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, limit: int = MAX_CELL) -> str:
    """Rows under a header line and a rule, each column as wide as its widest cell; cells
    wider than ``limit`` are cut, except in the :data:`WHOLE` columns."""
    limits = [10**9 if h in WHOLE else limit for h in headers]
    cells = [
        [clip(h, limit) for h in headers],
        *([clip(c, most) for c, most in zip(r, limits, strict=True)] for r in rows),
    ]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("─" * w for w in widths))
    return "\n".join(lines)


def align_columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines, each column padded to its widest cell (no header rule, no clipping)."""
    if not rows:
        return []
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
