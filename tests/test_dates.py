"""Imprecise dates: parsing, printing, bounds and the replay order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyline import ImpreciseDate, parse_date
from policyline._dates import day_number
from policyline.errors import InvalidDate
from policyline.testing.strategies import imprecise_dates


@given(imprecise_dates())
def test_parse_of_str_is_identity(value: ImpreciseDate) -> None:
    """parse(str(d)) == d for every imprecise date."""
    assert parse_date(str(value)) == value


@given(imprecise_dates())
def test_earliest_never_after_latest(value: ImpreciseDate) -> None:
    """Every date has an earliest day on or before its latest day."""
    assert value.earliest <= value.latest
    assert value.earliest_date <= value.latest_date


@given(imprecise_dates(), imprecise_dates())
def test_order_is_total_and_consistent_with_equality(a: ImpreciseDate, b: ImpreciseDate) -> None:
    """Exactly one of a < b, a == b, a > b holds."""
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)


@given(imprecise_dates(), imprecise_dates(), imprecise_dates())
def test_order_is_transitive(a: ImpreciseDate, b: ImpreciseDate, c: ImpreciseDate) -> None:
    """a <= b and b <= c imply a <= c."""
    low, middle, high = sorted([a, b, c])
    assert low <= middle <= high
    assert low <= high


@given(imprecise_dates(), imprecise_dates())
def test_order_puts_certain_first(a: ImpreciseDate, b: ImpreciseDate) -> None:
    """The date certain sooner sorts first: events certain by D form a prefix."""
    if a.latest < b.latest:
        assert a < b


def test_year_and_its_first_day_order_consistently() -> None:
    """``2020-01-01`` is certain before ``2020`` is: it sorts first, whichever way asked."""
    day, year = parse_date("2020-01-01"), parse_date("2020")
    assert day < year
    assert not year < day
    assert sorted([year, day]) == [day, year]


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2020-02-29", "2020-02-29", "2020-02-29"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2021-02", "2021-02-01", "2021-02-28"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2000-02", "2000-02-01", "2000-02-29"),
        ("2021-12", "2021-12-01", "2021-12-31"),
        ("2006", "2006-01-01", "2006-12-31"),
        ("2006/2020", "2006-01-01", "2020-12-31"),
        ("2020-09/2021", "2020-09-01", "2021-12-31"),
        ("2010-11-18/2010-12-31", "2010-11-18", "2010-12-31"),
    ],
)
def test_bounds(text: str, earliest: str, latest: str) -> None:
    """Leap days, month ends and year bounds come out right."""
    value = parse_date(text)
    assert value.earliest_date.isoformat() == earliest
    assert value.latest_date.isoformat() == latest


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-02-30", "day 30 does not exist in 2021-02"),
        ("2021-02-29", "day 29 does not exist"),
        ("2021-13", "month 13"),
        ("2021-00", "month 00"),
        ("20x6", "is not YYYY"),
        ("2020/2019", "ends before it starts"),
        ("2020-05/2020-03", "ends before it starts"),
        ("", "is not YYYY"),
        ("0000", "year 0000"),
        ("2021-9-15", "is not YYYY"),
    ],
)
def test_invalid_dates_say_why(text: str, reason: str) -> None:
    """Bad input raises InvalidDate (a ValueError) naming the input and the reason."""
    with pytest.raises(InvalidDate) as caught:
        parse_date(text)
    assert reason in str(caught.value)
    assert repr(text) in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_year_only_fact_in_mid_year_is_possible_not_certain() -> None:
    """A fact dated only ``2006`` has possibly, not certainly, happened by 2006-06-30."""
    fact = parse_date("2006")
    mid_year = day_number("2006-06-30")
    assert fact.possible_by(mid_year)
    assert not fact.certain_by(mid_year)
    assert fact.certain_by(day_number("2006-12-31"))
    assert not fact.possible_by(day_number("2005-12-31"))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_query_dates_accept_str_date_and_pendulum(day: dt.date) -> None:
    """A query date may be a string, a datetime.date or a pendulum date: same day number."""
    import pendulum

    as_pendulum = pendulum.date(day.year, day.month, day.day)
    assert day_number(day.isoformat()) == day_number(day) == day_number(as_pendulum)


def test_month_as_query_date_means_its_last_day() -> None:
    """``as_of("2021-02")`` asks about the end of February."""
    assert day_number("2021-02") == day_number("2021-02-28")
