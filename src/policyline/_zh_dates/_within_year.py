"""What a phrase means inside one year: a month, a day, a part of a month, a quarter, a half.

Each reader returns a function from the year to the window, so one rule serves ``2021年9月``,
``去年9月`` and a bare ``9月`` alike.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from policyline._zh_dates._calendar import Window, WithinYear, month_end, months, whole_year
from policyline._zh_dates._numbers import NUMBER, QUARTER, cn_int
from policyline.errors import InvalidDate

InMonth = Callable[[int, int], Window]
"""What a phrase means inside one month: (year, month) in, window out."""

_MONTH_PARTS: dict[str, tuple[int, int]] = {
    "上旬": (1, 10),
    "初": (1, 10),
    "月初": (1, 10),
    "中旬": (11, 20),
    "中": (11, 20),
    "月中": (11, 20),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
    "月底": (21, 31),
    "月末": (21, 31),
    # Two parts named together cover both.
    "中下旬": (11, 31),
    "中上旬": (1, 20),
    "上中旬": (1, 20),
}
_MONTH_PART = "|".join(sorted(_MONTH_PARTS, key=len, reverse=True))
_DAY = NUMBER + r"[日号]"

START_OF_YEAR_MONTHS = (1, 6)
END_OF_YEAR_MONTHS = (7, 12)
"""年初 and 年底 are read as the half-year they name: how far into the year 年初 reaches is
the writer's, and a narrower reading would make a fact certain on days the text does not
exclude."""


class YearPart(NamedTuple):
    """A part of a year, and whether it is a running total from January (前11个月, 1-9月):
    such a figure is only known once the part is over."""

    within: WithinYear
    from_january: bool = False


def in_month(part: str, whole: str) -> InMonth:
    """A part of a month: the whole month, a day (15日), a 旬, its start (初) or end (底)."""
    if part in ("", "份"):
        return lambda year, month: months(year, month, month)
    day_match = re.fullmatch(_DAY, part)
    if day_match is not None:
        day = cn_int(day_match.group(1))

        def exact(year: int, month: int) -> Window:
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise InvalidDate(whole, f"day {day} does not exist in {year}-{month:02d}")
            return dt.date(year, month, day), dt.date(year, month, day)

        return exact
    if part not in _MONTH_PARTS:
        raise InvalidDate(whole, f"cannot read {part!r} as a day or a part of a month")
    first_day, last_day = _MONTH_PARTS[part]
    return lambda year, month: (
        dt.date(year, month, first_day),
        min(dt.date(year, month, 1) + dt.timedelta(days=last_day - 1), month_end(year, month)),
    )


def in_quarter(number: int, part: str, whole: str) -> WithinYear:
    """A quarter (一季度), its first month (初) or its last month (末, 底)."""
    if not 1 <= number <= 4:
        raise InvalidDate(whole, f"quarter {number} is not between 1 and 4")
    first, last = 3 * number - 2, 3 * number
    if part == "初":
        last = first
    elif part in ("末", "底"):
        first = last
    elif part != "":
        raise InvalidDate(whole, f"cannot read {part!r} as a part of a quarter")
    return lambda year: months(year, first, last)


def _month_span(first: int, last: int, whole: str) -> YearPart:
    if not 1 <= first <= last <= 12:
        raise InvalidDate(whole, f"months {first} to {last} are not a span of January..December")
    return YearPart(lambda year: months(year, first, last), from_january=first == 1)


def _quarter_span(first: int, last: int, whole: str) -> YearPart:
    if not 1 <= first <= last <= 4:
        raise InvalidDate(whole, f"quarters {first} to {last} are not a span of 1..4")
    return _month_span(3 * first - 2, 3 * last, whole)


def in_year(rest: str, whole: str) -> YearPart:
    """The part of a year ``rest`` names (what follows ``2021年``, ``去年`` or nothing)."""
    if rest in ("", "全年", "全年度", "年度"):
        return YearPart(whole_year)
    if rest in ("初", "年初"):
        return YearPart(lambda year: months(year, *START_OF_YEAR_MONTHS))
    if rest in ("底", "末", "年底", "年末"):
        return YearPart(lambda year: months(year, *END_OF_YEAR_MONTHS))
    if rest == "上半年":
        return YearPart(lambda year: months(year, 1, 6))
    if rest == "下半年":
        return YearPart(lambda year: months(year, 7, 12))
    first_quarters = re.fullmatch(r"前" + NUMBER + r"个?季度", rest)
    if first_quarters is not None:
        return _quarter_span(1, cn_int(first_quarters.group(1)), whole)
    quarters = re.fullmatch(r"第?" + QUARTER + r"(?:季度)?(?:-|至|到)第?" + QUARTER + "季度", rest)
    if quarters is not None:
        return _quarter_span(cn_int(quarters.group(1)), cn_int(quarters.group(2)), whole)
    if rest == "首季度":  # the first quarter: the first months of a year, as 前一季度 is
        return _quarter_span(1, 1, whole)
    quarter = re.fullmatch(r"第?" + QUARTER + r"季度?(初|末|底)?", rest)
    if quarter is not None:
        return YearPart(in_quarter(cn_int(quarter.group(1)), quarter.group(2) or "", whole))
    first_months = re.fullmatch(r"前" + NUMBER + r"个?月", rest)
    if first_months is not None:
        return _month_span(1, cn_int(first_months.group(1)), whole)
    span = re.fullmatch(NUMBER + r"月?(?:-|至|到)" + NUMBER + r"月份?", rest)
    if span is not None:
        return _month_span(cn_int(span.group(1)), cn_int(span.group(2)), whole)
    month = re.fullmatch(NUMBER + r"月(.*)", rest)
    if month is None:
        raise InvalidDate(whole, f"cannot read {rest!r} as a month, day, quarter or half year")
    number = cn_int(month.group(1))
    if not 1 <= number <= 12:
        raise InvalidDate(whole, f"month {number} is not between 1 and 12")
    part = in_month(month.group(2), whole)
    return YearPart(lambda year: part(year, number))
