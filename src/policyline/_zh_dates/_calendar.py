"""Windows of days (a first and a last day) and the calendar arithmetic the phrases need."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import Literal, NamedTuple

Window = tuple[dt.date, dt.date]
WithinYear = Callable[[int], Window]
"""What a phrase means inside one year: the year in, its window out."""

APPROXIMATE_DAYS = 7
"""左右/前后 around a day (or a part of a month) widens it by a week on each side."""


class Anchors(NamedTuple):
    """The days a relative phrase is read against: the publication day and, for words that
    refer back (同年, 次年, 当天), the day the text named before."""

    published: dt.date
    antecedent: dt.date


Resolver = Callable[[Anchors], Window]
Anchor = Literal["relative_to", "antecedent"]
NO_ANCHORS: frozenset[Anchor] = frozenset()


class Rule(NamedTuple):
    """How a phrase turns its anchors into a window, and which anchors it reads."""

    resolve: Resolver
    needs: frozenset[Anchor] = NO_ANCHORS


def fixed(window: Window) -> Rule:
    """A phrase that names the same days whenever it was written."""
    return Rule(lambda anchors: window)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months(year: int, first: int, last: int) -> Window:
    """From the first day of month ``first`` to the last day of month ``last`` of ``year``."""
    return dt.date(year, first, 1), month_end(year, last)


def whole_year(year: int) -> Window:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_shift(year: int, month: int, offset: int) -> tuple[int, int]:
    """The (year, month) ``offset`` months after (or before, when negative) ``year-month``."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def is_whole_years(window: Window) -> bool:
    first, last = window
    return (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


def is_whole_months(window: Window) -> bool:
    first, last = window
    return first.day == 1 and last == month_end(last.year, last.month)


def widen(window: Window) -> Window:
    """An approximation (左右, 前后): one unit of the window's own precision on each side —
    a year for whole years, a month for whole months, a week otherwise."""
    first, last = window
    if is_whole_years(window):
        return dt.date(first.year - 1, 1, 1), dt.date(last.year + 1, 12, 31)
    if is_whole_months(window):
        before, after = (
            month_shift(first.year, first.month, -1),
            month_shift(last.year, last.month, 1),
        )
        return dt.date(*before, 1), month_end(*after)
    margin = dt.timedelta(days=APPROXIMATE_DAYS)
    return first - margin, last + margin


def edtf_text(first: dt.date, last: dt.date) -> str:
    """The shortest EDTF text for the days ``first`` .. ``last``."""
    if is_whole_years((first, last)):
        start, end = f"{first.year:04d}", f"{last.year:04d}"
    elif is_whole_months((first, last)):
        start, end = first.isoformat()[:7], last.isoformat()[:7]
    else:
        start, end = first.isoformat(), last.isoformat()
    return start if start == end else f"{start}/{end}"
