"""The one selection: a range means the same on every route that reads by region and date."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline.errors import InvalidArgument
from policyline.testing.strategies import REGION_CODES, imprecise_dates, timelines
from tests.store_backends import KINDS, new_store

dates = st.none() | imprecise_dates(dt.date(2003, 6, 1), dt.date(2008, 6, 30))


@st.composite
def selections(draw: st.DrawFn) -> pl.Selection:
    """Any region (or none), with or without subregions, any ranges, either meaning."""
    start, end = draw(dates), draw(dates)
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return pl.Selection.of(
        region=draw(st.none() | st.sampled_from(REGION_CODES)),
        subregions=draw(st.booleans()),
        effective=draw(st.none() | st.just((start, end))),
        recorded=draw(st.none() | st.tuples(st.none(), dates)),
        overlapping=draw(st.booleans()),
    )


@given(timelines(amendments=False), st.lists(selections(), min_size=1, max_size=8))
def test_select_keeps_exactly_the_facts_the_selection_matches(
    events: list[pl.Event], chosen: list[pl.Selection]
) -> None:
    """timeline.select(s) is the standing facts for which s.matches, in replay order."""
    timeline = pl.Timeline(events)
    for selection in chosen:
        assert timeline.select(selection) == tuple(
            e for e in timeline.facts() if selection.matches(e)
        )


@given(selections())
def test_within_is_a_part_of_overlapping(selection: pl.Selection) -> None:
    """An event certainly inside a range also overlaps it."""
    import attrs

    overlapping = attrs.evolve(selection, overlapping=True)
    within = attrs.evolve(selection, overlapping=False)
    events = pl.load(Path(__file__).resolve().parents[1] / "events").facts()
    assert {e.id for e in events if within.matches(e)} <= {
        e.id for e in events if overlapping.matches(e)
    }


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=30)
@given(timelines(max_facts=12), st.lists(selections(), min_size=1, max_size=10))
def test_a_store_reads_what_the_selection_matches(
    kind: str, events: list[pl.Event], chosen: list[pl.Selection]
) -> None:
    """store.read(s) and store.count(s) give the stored events s.matches, in append order,
    on every store (SQL conditions and Python checks mean the same)."""
    with tempfile.TemporaryDirectory() as scratch, new_store(kind, Path(scratch)) as store:
        store.append(events)
        stored = list(store.read())
        for selection in chosen:
            expected = [e for e in stored if selection.matches(e)]
            assert list(store.read(selection)) == expected
            assert store.count(selection) == len(expected)


def test_a_reversed_range_is_refused() -> None:
    """A range whose end is before its start is an error, not an empty answer."""
    with pytest.raises(InvalidArgument, match="effective"):
        pl.Selection.of(effective=("2010", "2006"))


def test_keywords_and_a_selection_cannot_be_mixed(tmp_path: Path) -> None:
    """store.read takes a Selection or its keywords, not both."""
    with pl.open(tmp_path / "s.jsonl") as store, pytest.raises(InvalidArgument):
        store.read(pl.Selection.of(region="杭州"), region="杭州")
