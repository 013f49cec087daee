"""Simplified and traditional Chinese: fold either spelling to one key for lookups.

Data keeps the script its source wrote; lookups fold both sides to simplified characters
with OpenCC, so ``溫州`` finds ``温州`` and ``質量獎`` finds ``质量奖``. The converter
loads its dictionaries on first use, never on import.
"""

from __future__ import annotations

import opencc

from policyline._caching import memoized

_converters: list[opencc.OpenCC] = []


def converter_loaded() -> bool:
    """Has OpenCC's converter been loaded (by a first lookup)?"""
    return bool(_converters)


def _converter() -> opencc.OpenCC:
    if not _converters:
        _converters.append(opencc.OpenCC("t2s"))
    return _converters[0]


@memoized(100_000)
def fold(text: str) -> str:
    """A lookup key for ``text``: simplified script, trimmed, case-folded."""
    simplified: str = _converter().convert(text.strip())
    return simplified.casefold()
