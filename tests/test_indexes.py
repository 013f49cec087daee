"""The indexed fast paths against one-event-at-a-time folding: what as-of answers rest on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline import _batch as batch
from policyline._dates import day_number
from policyline._projections import AWARDS, BUILTIN, STATISTICS, Projection
from policyline._projections.base import Checkpoints, Prefix
from policyline.testing.naive import naive_region_state
from policyline.testing.strategies import REGION_CODES, days, timelines


def _one_by_one(projection: Projection[object], events: list[pl.Event]) -> list[object]:
    """The state after every prefix, by calling the handlers one event at a time."""
    state = projection.initial
    states = [state]
    for event in events:
        state = projection.apply(state, event)
        states.append(state)
    return states


@given(timelines(sources=True))
def test_the_builtin_index_at_every_prefix_equals_the_plain_fold(events: list[pl.Event]) -> None:
    """index(facts).at(n) is the state after the first n facts, for every n."""
    for code in REGION_CODES:
        facts = [e for e in pl.Timeline(events).facts() if code in e.regions]
        index = BUILTIN.index(facts)
        for count, expected in enumerate(_one_by_one(BUILTIN, facts)):  # type: ignore[arg-type]
            assert index.at(count) == expected


@given(timelines(sources=True), st.integers(1, 5))
def test_checkpoints_of_any_spacing_equal_the_plain_fold(
    events: list[pl.Event], every: int
) -> None:
    """The generic index (for projections without an indexer of their own) is exact too."""
    counting: Projection[int] = Projection(
        "count", 0, {pl.AwardGranted: lambda n, e: n + 1, pl.PolicyIssued: lambda n, e: n * 2}
    )
    facts = list(pl.Timeline(events).facts())
    index = Checkpoints(counting, facts, every=every)
    for count, expected in enumerate(_one_by_one(counting, facts)):  # type: ignore[arg-type]
        assert index.at(count) == expected


@given(timelines(sources=True))
def test_fold_from_scratch_takes_the_fast_path_and_equals_the_plain_fold(
    events: list[pl.Event],
) -> None:
    """Projection.fold with an indexer equals one handler call per event."""
    facts = list(pl.Timeline(events).facts())
    for projection in (BUILTIN, AWARDS, STATISTICS):
        assert projection.fold(facts) == _one_by_one(projection, facts)[-1]  # type: ignore[arg-type]


@given(timelines(), days(dt.date(2003, 6, 1), dt.date(2008, 6, 30)))
def test_a_custom_composite_without_indexers_answers_as_of_like_the_builtin(
    events: list[pl.Event], day: dt.date
) -> None:
    """Projections with no indexer of their own, composed, are indexed by checkpoints and
    give exactly the naive fold."""
    plain = pl.compose(*(Projection(p.name, p.initial, p.handlers) for p in _builtin_parts()))
    timeline = pl.Timeline(events)
    for code in REGION_CODES:
        expected = naive_region_state(events, code, day_number(day), None)
        assert timeline.as_of(day).region(code).project(plain).states == expected.states


def _builtin_parts() -> list[Projection[object]]:
    from policyline import _projections as projections

    return [
        projections.POLICIES,  # type: ignore[list-item]
        projections.AWARDS,  # type: ignore[list-item]
        projections.NOMINATIONS,  # type: ignore[list-item]
        projections.CQOS,  # type: ignore[list-item]
        projections.PLATFORMS,  # type: ignore[list-item]
        projections.DESIGNATIONS,  # type: ignore[list-item]
        projections.AGREEMENTS,  # type: ignore[list-item]
        projections.PROGRAMS,  # type: ignore[list-item]
        projections.STATISTICS,  # type: ignore[list-item]
    ]


def test_the_numpy_sweep_is_the_one_under_test() -> None:
    """The test extra brings NumPy, so the batch tests check both sweeps, not one twice."""
    assert batch.numpy_module() is not None


@given(
    timelines(),
    st.lists(days(dt.date(2003, 6, 1), dt.date(2008, 6, 30)), min_size=1, max_size=6),
    st.none() | days(dt.date(2003, 6, 1), dt.date(2008, 6, 30)),
)
def test_batch_statistics_equal_one_as_of_at_a_time(
    events: list[pl.Event], asked: list[dt.date], known: dt.date | None
) -> None:
    """statistics_as_of(days)[key][i] is the region's own latest report as of days[i],
    with the NumPy sweep and with the pure-Python one alike."""
    series = pl.Timeline(events).statistics_as_of(asked, known=known)
    saved, batch.numpy = batch.numpy_module(), None
    try:
        timeline = pl.Timeline(events)
        assert timeline.statistics_as_of(asked, known=known) == series
    finally:
        batch.numpy = saved
    for i, day in enumerate(asked):
        for code in REGION_CODES:
            statistics = timeline.as_of(day, known=known).region(code).facts["statistics"]
            for (metric, kind), report in statistics.items():
                assert series[(code, metric, kind)][i] is report
    for (code, metric, kind), answers in series.items():
        assert len(answers) == len(asked)
        for i, day in enumerate(asked):
            statistics = timeline.as_of(day, known=known).region(code).facts["statistics"]
            assert statistics.get((metric, kind)) is answers[i]


@given(st.lists(st.integers(), max_size=8), st.integers(0, 8), st.integers(-10, 10))
def test_a_prefix_behaves_as_the_tuple_of_its_events(items: list[int], stop: int, i: int) -> None:
    """A Prefix equals, hashes, indexes, slices, iterates and adds like the tuple it stands for."""
    stop = min(stop, len(items))
    whole = tuple(items)
    prefix: Prefix[int] = Prefix(whole, stop)
    expected = whole[:stop]
    assert prefix == expected
    assert expected == prefix
    assert prefix == Prefix((*whole, 99), stop)
    assert prefix != (*expected, object())
    assert hash(prefix) == hash(expected)
    assert len(prefix) == len(expected)
    assert tuple(prefix) == expected
    assert list(reversed(prefix)) == list(reversed(expected))
    assert prefix[1:3] == expected[1:3]
    assert prefix + (1,) == (*expected, 1)  # noqa: RUF005 - the operator is under test
    assert (1,) + prefix == (1, *expected)  # noqa: RUF005 - the operator is under test
    assert repr(prefix) == repr(expected)
    if -len(expected) <= i < len(expected):
        assert prefix[i] == expected[i]
    else:
        with pytest.raises(IndexError):
            prefix[i]


def _count(total: int, event: pl.AwardGranted) -> int:
    return total + 1


def _titles(
    titles: tuple[str, ...], event: pl.PolicyIssued | pl.ProgramLaunched
) -> tuple[str, ...]:
    return (*titles, event.title if isinstance(event, pl.PolicyIssued) else event.name)


AWARD_COUNT = pl.Projection("award_count", 0, {pl.AwardGranted: _count})
NO_TITLES: tuple[str, ...] = ()
TITLES = pl.Projection("titles", NO_TITLES, {pl.PolicyIssued: _titles, pl.ProgramLaunched: _titles})
MINE = pl.compose(AWARD_COUNT, TITLES)
"""A composition of one's own, with none of the built-in names."""


@given(
    timelines(),
    days(dt.date(2003, 6, 1), dt.date(2008, 6, 30)),
    st.sampled_from(REGION_CODES),
    st.booleans(),
)
def test_a_composite_of_ones_own_answers_as_the_naive_fold(
    events: list[pl.Event], day: dt.date, code: str, rollup: bool
) -> None:
    """A region state folds any composition, whatever its names, exactly as folding the
    region's (or, rolled up, the subtree's) facts certain by the day one by one; the
    built-in lists answer beside it."""
    from policyline._regions import subtree
    from policyline.testing.naive import naive_facts

    number = day_number(day)
    codes = subtree(code) if rollup else {code}
    facts = {
        e.id: e
        for e in naive_facts(events, None)
        if any(c in codes for c in e.regions) and e.effective.latest <= number
    }
    ordered = sorted(facts.values(), key=lambda e: (e.effective.latest, e.effective.earliest, e.id))
    expected = MINE.initial
    for event in ordered:
        expected = MINE.apply(expected, event)
    state = pl.Timeline(events).as_of(day).region(code, rollup=rollup)
    assert state.project(MINE) == expected
    assert state.project(MINE).of(AWARD_COUNT) == len(state.awards)
