"""Imprecise dates beside plain dates, intervals whose ends overlap, and EDTF seasons.

A ``datetime.date`` is the exact day it is: equal to an imprecise date only when that is
the same day written as a day, ordered by the one total order, hashed alike when equal.
A ``datetime.datetime`` is not a day: never equal, and ordering against it raises.
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyline import ImpreciseDate, parse_date
from policyline.errors import InvalidDate
from policyline.testing.strategies import imprecise_dates

days = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@given(imprecise_dates(), days)
def test_a_date_compares_as_its_exact_day(value: ImpreciseDate, day: dt.date) -> None:
    """Against a date, every comparison gives what it gives against that day parsed."""
    as_imprecise = ImpreciseDate.of_day(day)
    assert (value == day) == (value == as_imprecise) == (day == value)
    assert (value < day) == (value < as_imprecise) == (day > value)
    assert (value <= day) == (value <= as_imprecise) == (day >= value)
    assert (value > day) == (value > as_imprecise) == (day < value)
    assert [value < day, value == day, value > day].count(True) == 1


@given(days)
def test_an_exact_day_equals_its_date_and_hashes_alike(day: dt.date) -> None:
    """2021-09-15 == date(2021, 9, 15), pendulum's too, and both find each other in a set."""
    value = parse_date(day.isoformat())
    assert value == day
    assert value == pendulum.date(day.year, day.month, day.day)
    assert hash(value) == hash(day)
    assert day in {value}
    assert value in {day}


def test_only_an_exact_day_equals_a_date() -> None:
    """A month, a year, or a one-day interval written as an interval is not that day."""
    day = dt.date(2021, 9, 1)
    assert parse_date("2021-09") != day
    assert parse_date("2021") != day
    assert parse_date("2021-09-01/2021-09-01") != day


def test_sorting_mixes_dates_and_imprecise_dates() -> None:
    """sorted() of a mixed list follows the total order: latest day, then earliest."""
    values: list[ImpreciseDate | dt.date] = [
        parse_date("2020"),
        dt.date(2020, 6, 30),
        parse_date("2020-06"),
        dt.date(2019, 12, 31),
    ]
    assert sorted(values) == [
        dt.date(2019, 12, 31),
        parse_date("2020-06"),
        dt.date(2020, 6, 30),
        parse_date("2020"),
    ]


def test_a_datetime_is_not_a_day() -> None:
    """As with date and datetime themselves: never equal, and ordering raises."""
    moment = dt.datetime(2021, 9, 15, 12, 0)
    assert parse_date("2021-09-15") != moment
    with pytest.raises(TypeError):
        _ = parse_date("2021-09-15") < moment
    with pytest.raises(TypeError):
        _ = parse_date("2021-09-15") < "2021-09-16"


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2004-06/2004", "2004-06-01", "2004-12-31"),
        ("2004/2004-06", "2004-01-01", "2004-06-30"),
        ("2004-06-15/2004-06", "2004-06-15", "2004-06-30"),
    ],
)
def test_an_interval_is_read_by_its_bounds(text: str, earliest: str, latest: str) -> None:
    """An interval whose end overlaps its start runs from the start's first day to the
    end's last day; it is refused only if that last day comes before the first."""
    value = parse_date(text)
    assert (value.earliest_date.isoformat(), value.latest_date.isoformat()) == (earliest, latest)
    assert parse_date(str(value)) == value


@pytest.mark.parametrize("text", ["2021-21", "2021-24", "2021-33"])
def test_edtf_seasons_are_refused_as_seasons(text: str) -> None:
    """EDTF months 21-41 are seasons and quarters: refused by name, not as a bad month."""
    with pytest.raises(InvalidDate, match="seasons are not supported"):
        parse_date(text)
