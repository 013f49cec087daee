"""Dates as analysts hold them: ``pandas.Timestamp``, ``numpy.datetime64``, ``datetime``
and ISO date-time strings all stand for their day, as written."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline._dates import day_number

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
TIMES = st.times()


@given(DAYS, TIMES)
def test_every_form_of_a_day_is_that_day(day: dt.date, time: dt.time) -> None:
    """A date-time is its day as written (no time zone conversion), whatever holds it."""
    moment = dt.datetime.combine(day, time)
    forms: list[object] = [
        day,
        day.isoformat(),
        moment,
        moment.isoformat(),
        f"{moment.isoformat()}+08:00",
        pd.Timestamp(moment),
        np.datetime64(day.isoformat()),
        np.datetime64(moment.isoformat()),
    ]
    assert {day_number(form) for form in forms} == {day.toordinal()}  # type: ignore[arg-type]


def test_a_bad_date_time_says_what_is_expected() -> None:
    """A date-time string that is not one is refused with the forms that are."""
    with pytest.raises(pl.PolicylineError, match="an ISO date-time"):
        day_number("2021-13-01T00:00")
    with pytest.raises(pl.PolicylineError, match="expected a date string or a date"):
        day_number(3.5)  # type: ignore[arg-type]
