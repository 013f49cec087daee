"""Imprecise dates: a day, a month, a year, or a closed interval of those.

Text form is EDTF-style: ``2021-09-15``, ``2020-09``, ``2006``, ``2006/2020``,
``2021-01-01/2021-09-15``. Every imprecise date has an earliest and a latest day, kept as
proleptic Gregorian day numbers (``date.toordinal()``) so that comparisons on the hot path
are integer comparisons; pendulum is used to validate and to hand dates back to callers.

The total order (used for replay) sorts by the latest day first: the day by which the
fact has *certainly* happened. Ties are broken by the earliest day, then by the text.
So ``2020-01-01 < 2020-06 < 2020 < 2019/2021``, and the events certain by a day D are
always a prefix of the replay order.

A ``datetime.date`` (a pendulum date too) takes part as the exact day it is: it equals an
imprecise date only when that is the same single day written as a day (``2021-09-15``, not
``2021-09-15/2021-09-15``), and it is ordered by the same total order, so
``parse_date("2021-09") < date(2021, 10, 1)`` and ``sorted`` of a mixed list both work, and
equal values hash alike. A ``datetime.datetime`` is not a day: it is never equal, and
ordering against one raises ``TypeError``, as ``date < datetime`` does.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import attrs
import pendulum

from policyline.errors import InvalidDate

Precision = Literal["day", "month", "year", "interval"]

_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _point_bounds(text: str, whole: str) -> tuple[int, int, Precision]:
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        # The common case, a day: checked by the C parser (any mistake takes the long way,
        # which says what is wrong).
        try:
            ordinal = dt.date.fromisoformat(text).toordinal()
        except ValueError:
            pass
        else:
            return ordinal, ordinal, "day"
    match = _POINT.fullmatch(text)
    if match is None:
        raise InvalidDate(whole, f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if year == 0:
        raise InvalidDate(whole, "year 0000 does not exist")
    if month_text is None:
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), "year"
    month = int(month_text)
    if 21 <= month <= 41:
        raise InvalidDate(
            whole, f"month {month_text} is an EDTF season or quarter: seasons are not supported"
        )
    if not 1 <= month <= 12:
        raise InvalidDate(whole, f"month {month_text} is not between 01 and 12")
    first = pendulum.date(year, month, 1)
    if day_text is None:
        last = first.add(days=first.days_in_month - 1)
        return first.toordinal(), last.toordinal(), "month"
    day = int(day_text)
    if not 1 <= day <= first.days_in_month:
        raise InvalidDate(
            whole,
            f"day {day_text} does not exist in {year:04d}-{month:02d} "
            f"(it has {first.days_in_month} days)",
        )
    ordinal = dt.date(year, month, day).toordinal()
    return ordinal, ordinal, "day"


def _order_key(value: ImpreciseDate) -> tuple[int, int, str]:
    return (value.latest, value.earliest, value.text)


def _comparable_key(other: object) -> tuple[int, int, str] | None:
    """The order key of an imprecise date or a plain date (an exact day); None otherwise."""
    if isinstance(other, ImpreciseDate):
        return (other.latest, other.earliest, other.text)
    if isinstance(other, dt.date) and not isinstance(other, dt.datetime):
        day = other.toordinal()
        return (day, day, dt.date.fromordinal(day).isoformat())
    return None


@attrs.frozen(eq=False, order=False, repr=False, weakref_slot=False)
class ImpreciseDate:
    """A date known to day, month or year precision, or a closed interval of such dates.

    Build one with :meth:`parse` (or :func:`parse_date`); ``str()`` gives the text back.
    ``earliest`` and ``latest`` are day numbers (``datetime.date.toordinal``).
    """

    earliest: int
    latest: int
    text: str
    precision: Precision
    rank: int = attrs.field(init=False)
    """The latest day, then the earliest, packed in one integer: replay sorts by it."""

    def __attrs_post_init__(self) -> None:
        # Day numbers stay below 2**22 (year 9999 is day 3,652,059).
        object.__setattr__(self, "rank", (self.latest << 22) | self.earliest)

    @classmethod
    def parse(cls, text: str) -> ImpreciseDate:
        """Read an EDTF-style string; raise :class:`InvalidDate` saying what is wrong."""
        if not isinstance(text, str):
            raise InvalidDate(text, f"expected a string, got {type(text).__name__}")
        stripped = text.strip()
        if "/" in stripped:
            start_text, _, end_text = stripped.partition("/")
            start, _, _ = _point_bounds(start_text, text)
            _, end, _ = _point_bounds(end_text, text)
            # Only the bounds matter: 2004-06/2004 runs to 2004-12-31, after it starts.
            if end < start:
                raise InvalidDate(text, "the interval ends before it starts")
            return cls(start, end, stripped, "interval")
        earliest, latest, precision = _point_bounds(stripped, text)
        return cls(earliest, latest, stripped, precision)

    @classmethod
    def of_day(cls, day: dt.date) -> ImpreciseDate:
        """The exact day ``day``."""
        return cls(day.toordinal(), day.toordinal(), day.isoformat(), "day")

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> ImpreciseDate:
        """The closed interval of days from ``first`` to ``last``."""
        return cls.parse(f"{first.isoformat()}/{last.isoformat()}")

    @property
    def earliest_date(self) -> pendulum.Date:
        """The first day this date could be."""
        return pendulum.Date.fromordinal(self.earliest)

    @property
    def latest_date(self) -> pendulum.Date:
        """The last day this date could be."""
        return pendulum.Date.fromordinal(self.latest)

    @property
    def is_exact(self) -> bool:
        """True when the date is a single known day."""
        return self.earliest == self.latest

    def certain_by(self, day: int) -> bool:
        """Has it certainly happened by day number ``day``?"""
        return self.latest <= day

    def possible_by(self, day: int) -> bool:
        """Could it have happened by day number ``day``?"""
        return self.earliest <= day

    def contains(self, day: int) -> bool:
        """Is day number ``day`` one of the days this date could be?"""
        return self.earliest <= day <= self.latest

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ImpreciseDate({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ImpreciseDate):
            return (self.earliest, self.latest, self.text) == (
                other.earliest,
                other.latest,
                other.text,
            )
        if isinstance(other, dt.date) and not isinstance(other, dt.datetime):
            return self.precision == "day" and self.earliest == other.toordinal()
        return NotImplemented

    def __hash__(self) -> int:
        if self.precision == "day":
            # Equal to a datetime.date of the same day, so it must hash like one.
            return hash(dt.date.fromordinal(self.earliest))
        return hash((self.earliest, self.latest, self.text))

    def __lt__(self, other: object) -> bool:
        key = _comparable_key(other)
        if key is None:
            return NotImplemented
        return _order_key(self) < key

    def __le__(self, other: object) -> bool:
        key = _comparable_key(other)
        if key is None:
            return NotImplemented
        return _order_key(self) <= key

    def __gt__(self, other: object) -> bool:
        key = _comparable_key(other)
        if key is None:
            return NotImplemented
        return _order_key(self) > key

    def __ge__(self, other: object) -> bool:
        key = _comparable_key(other)
        if key is None:
            return NotImplemented
        return _order_key(self) >= key


def parse_date(text: str) -> ImpreciseDate:
    """Read an EDTF-style imprecise date: ``2021-09-15``, ``2020-09``, ``2006``, ``2006/2020``."""
    return ImpreciseDate.parse(text)


DateLike = str | dt.date | ImpreciseDate
"""What a query takes for a date: ``YYYY[-MM[-DD]]`` or an interval, an ISO date-time, a
``datetime.date`` or ``datetime`` (pendulum's and ``pandas.Timestamp`` included), an
imprecise date; ``numpy.datetime64`` is taken too."""


def imprecise(value: DateLike) -> ImpreciseDate:
    """Coerce a date-like value (see :data:`DateLike`) to an imprecise date. A date-time
    stands for its day as written (its own time zone, not converted)."""
    if isinstance(value, ImpreciseDate):
        return value
    if isinstance(value, dt.datetime):
        return ImpreciseDate.of_day(value.date())
    if isinstance(value, dt.date):
        return ImpreciseDate.of_day(value)
    if isinstance(value, str):
        try:
            return ImpreciseDate.parse(value)
        except InvalidDate:
            if "T" not in value and " " not in value.strip():
                raise
            return ImpreciseDate.of_day(_date_time(value))
    if type(value).__name__ == "datetime64":  # numpy's, without importing NumPy
        day = value.astype("datetime64[D]").item()
        if isinstance(day, dt.date):
            return ImpreciseDate.of_day(day)
    raise InvalidDate(value, f"expected a date string or a date, got {type(value).__name__}")


def _date_time(text: str) -> dt.date:
    """The day of an ISO date-time (``2021-09-15T10:30:00+08:00``), read by pendulum."""
    try:
        parsed = pendulum.parse(text.strip())
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise InvalidDate(
            text, "expected YYYY, YYYY-MM, YYYY-MM-DD, an interval or an ISO date-time"
        ) from None
    if not isinstance(parsed, dt.datetime):
        raise InvalidDate(text, "expected a date-time")
    return parsed.date()


def day_number(value: DateLike) -> int:
    """The day a query date stands for, as a day number.

    A day is itself; a month, a year or an interval stands for its *last* day, so
    ``as_of("2021")`` means "as of the end of 2021".
    """
    return imprecise(value).latest


def day_text(day: int) -> str:
    """ISO text of a day number."""
    return dt.date.fromordinal(day).isoformat()
