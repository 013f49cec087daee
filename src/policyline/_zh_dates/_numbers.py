"""Numbers as Chinese dates write them: Arabic digits or Chinese numerals."""

from __future__ import annotations

import datetime as dt

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})

NUMBER = r"(\d{1,3}|[〇零一二两三四五六七八九十]{1,3})"
"""A small number (a month, a day, a count) in either script."""
FULL_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})"
SHORT_YEAR = r"(\d{2}|[〇零一二三四五六七八九]{2})"
QUARTER = r"([一二三四1-4首])"

SHORT_YEAR_PAST = 89
"""A two-digit year is read within the 89 years before and the 10 after publication."""


def cn_int(text: str) -> int:
    """A number in Arabic digits or Chinese numerals: ``9``, ``九``, ``十二``, ``二〇〇六``."""
    if text.isdigit():
        return int(text)
    if text == "首":
        return 1
    if "十" not in text:
        if not text or any(c not in _DIGITS for c in text):
            raise ValueError(text)
        return int("".join(str(_DIGITS[c]) for c in text))
    tens_text, _, units_text = text.partition("十")
    tens = _DIGITS[tens_text] if tens_text else 1
    units = _DIGITS[units_text] if units_text else 0
    return tens * 10 + units


def full_year(text: str) -> int:
    """A four-digit year; Chinese digits are read one by one (二〇〇六 is 2006)."""
    return int("".join(str(_DIGITS.get(c, c)) for c in text))


def short_year(two_digits: int, published: dt.date) -> int:
    """The year ending in ``two_digits`` within the 89 years before and the 10 after the
    publication year: 98 written in 2021 is 1998, 25 is 2025."""
    low = published.year - SHORT_YEAR_PAST
    return low + (two_digits - low) % 100
