"""The timeline's laws: determinism, as-of equals the naive fold, monotonicity, amendments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyline import (
    DecodeError,
    Event,
    Figure,
    PolicyIssued,
    Retracted,
    Source,
    StatisticReported,
    Timeline,
)
from policyline._dates import day_number
from policyline.testing.naive import naive_facts, naive_region_state
from policyline.testing.strategies import REGION_CODES, days, timelines

query_days = days(dt.date(2003, 6, 1), dt.date(2008, 6, 30)).map(day_number)
known_days = st.none() | query_days


@given(timelines(sources=True), st.randoms(use_true_random=False), query_days, known_days)
def test_replay_is_deterministic_under_any_input_order(
    events: list[Event], random: Any, day: int, known: int | None
) -> None:
    """The same events in any order give the same replay order and the same state."""
    shuffled = list(events)
    random.shuffle(shuffled)
    a, b = Timeline(events), Timeline(shuffled)
    assert a.events == b.events
    date, known_date = _as_day(day), _k(known)
    assert a.as_of(date, known=known_date).snapshot() == b.as_of(date, known=known_date).snapshot()


def _as_day(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


@given(timelines(), query_days, known_days)
def test_as_of_equals_the_naive_fold(events: list[Event], day: int, known: int | None) -> None:
    """as_of(D, known=K) equals folding exactly the facts known by K and certain by D."""
    timeline = Timeline(events)
    state = timeline.as_of(_as_day(day), known=None if known is None else _as_day(known))
    for code in REGION_CODES:
        assert state.region(code).facts == naive_region_state(events, code, day, known)


@given(timelines(), query_days, known_days)
def test_certain_and_possible_split_the_facts_that_could_have_happened(
    events: list[Event], day: int, known: int | None
) -> None:
    """Certain ⊆ could-have-happened; possible = could-have-happened minus certain."""
    state = Timeline(events).as_of(_as_day(day), known=None if known is None else _as_day(known))
    standing = naive_facts(events, known)
    for code in REGION_CODES:
        region = state.region(code)
        certain = {e.id for e in region.events}
        possible = {e.id for e in region.possible}
        could = {e.id for e in standing if code in e.regions and e.effective.earliest <= day}
        assert certain <= could
        assert possible == could - certain
        assert not certain & possible


@given(timelines(amendments=False), query_days, query_days, known_days)
def test_more_days_never_unhappen_facts(
    events: list[Event], d1: int, d2: int, known: int | None
) -> None:
    """Monotone in D: what is certain by D1 is still certain by any later D2."""
    d1, d2 = sorted([d1, d2])
    timeline = Timeline(events)
    for code in REGION_CODES:
        early = {e.id for e in timeline.as_of(_as_day(d1), known=_k(known)).region(code).events}
        late = {e.id for e in timeline.as_of(_as_day(d2), known=_k(known)).region(code).events}
        assert early <= late


def _k(known: int | None) -> str | None:
    return None if known is None else _as_day(known)


@given(timelines(amendments=False), query_days, query_days, query_days)
def test_knowing_more_never_forgets_facts(events: list[Event], day: int, k1: int, k2: int) -> None:
    """Monotone in known (without amendments): facts known by K1 are still known by K2 >= K1."""
    k1, k2 = sorted([k1, k2])
    timeline = Timeline(events)
    for code in REGION_CODES:
        early = {e.id for e in timeline.as_of(_as_day(day), known=_as_day(k1)).region(code).events}
        late = {e.id for e in timeline.as_of(_as_day(day), known=_as_day(k2)).region(code).events}
        assert early <= late


@given(timelines(amendments=False), st.data(), query_days, query_days)
def test_a_known_retraction_is_as_if_the_event_never_was(
    events: list[Event], data: st.DataObject, day: int, known: int
) -> None:
    """Once a retraction is known, the state equals that of a timeline without the event."""
    if not events:
        return
    target = data.draw(st.sampled_from(events))
    retraction = Retracted(
        id="retraction",
        region=target.region,
        effective="2003",
        recorded="2003-01-01",
        source=Source("errata.txt", "撤回"),
        target=target.id,
        reason="wrong",
    )
    with_retraction = Timeline([*events, retraction])
    without = Timeline([e for e in events if e.id != target.id])
    assert (
        with_retraction.as_of(_as_day(day), known=_as_day(known)).snapshot()
        == without.as_of(_as_day(day), known=_as_day(known)).snapshot()
    )


def _statistic(event_id: str, value: float, effective: str, recorded: str) -> StatisticReported:
    return StatisticReported(
        id=event_id,
        region="330100",
        effective=effective,
        recorded=recorded,
        source=Source("000.txt", "成员单位"),
        metric="成员单位",
        value=value,
        unit="家",
        kind="total",
    )


def test_a_correction_takes_effect_from_its_recorded_day() -> None:
    """Before the correction is recorded the old value stands; after, the new one."""
    from policyline import Corrected

    original = _statistic("s1", 68, "2021-09-15", "2021-09-15")
    fixed = attrs.evolve(original, value=86)
    correction = Corrected(
        id="c1",
        region="330100",
        effective="2021-10-01",
        recorded="2021-10-01",
        source=Source("errata.txt", "更正"),
        target="s1",
        reason="digits swapped",
        replacement=fixed,
    )
    timeline = Timeline([original, correction])

    def value(known: str | None) -> float | None:
        figure = timeline.as_of("2021-12-31", known=known).region("杭州").statistic("成员单位")
        return None if figure is None else figure.value

    assert value("2021-09-30") == 68
    assert value("2021-10-01") == 86
    assert value(None) == 86
    assert value("2021-09-14") is None


def test_identical_duplicates_are_idempotent_and_conflicts_raise() -> None:
    """The same event twice counts once; a different event under the same id is an error."""
    event = _statistic("s1", 86, "2021-09-15", "2021-09-15")
    assert len(Timeline([event, attrs.evolve(event)])) == 1
    with pytest.raises(DecodeError, match="s1"):
        Timeline([event, attrs.evolve(event, value=87)])


def test_references_must_resolve() -> None:
    """A retraction of an event that is not there is refused."""
    retraction = Retracted(
        id="r",
        region="330100",
        effective="2021",
        recorded="2021-10-01",
        source=Source("e.txt", "q"),
        target="missing",
        reason="x",
    )
    with pytest.raises(DecodeError, match="missing"):
        Timeline([retraction])


def _policy(event_id: str, effective: str, validity: str | None) -> PolicyIssued:
    return PolicyIssued(
        id=event_id,
        region="330300",
        effective=effective,
        recorded="2010-12-01",
        source=Source("003.txt", "规划"),
        title=event_id,
        issuer="温州市政府",
        validity=validity,
    )


def test_a_policy_leaves_force_after_its_validity_window() -> None:
    """《规划(2006-2020)》 is in force through 2020 and ended from 2021."""
    timeline = Timeline([_policy("plan", "2006", "2006/2020")])
    assert [p.id for p in timeline.as_of("2020-12-31").region("温州").policies] == ["plan"]
    after = timeline.as_of("2021-01-01").region("温州")
    assert after.policies == ()
    assert [p.id for p in after.ended_policies] == ["plan"]


def test_totals_replace_increments_stay_and_rates_stay() -> None:
    """A later total replaces the earlier; an increment is never added to a total."""
    base: dict[str, Any] = {
        "region": "330400",
        "recorded": "2022",
        "source": Source("004.txt", "q"),
        "metric": "对标达标企业",
        "unit": "家",
    }
    total_2020 = StatisticReported(id="t1", effective="2020", value=100, kind="total", **base)
    total_2021 = StatisticReported(id="t2", effective="2021", value=120, kind="total", **base)
    increment = StatisticReported(
        id="i1", effective="2022-06", value=154, kind="increment", period="2022-01/2022-06", **base
    )
    region = Timeline([total_2020, total_2021, increment]).as_of("2022-12-31").region("嘉兴")
    total = region.statistic("对标达标企业", kind="total")
    assert total is not None
    assert (total.value, total.sources) == (120, (total_2021,))
    added = region.statistic("对标达标企业", kind="increment")
    assert added is not None
    assert added.value == 154


def test_history_lists_every_report_with_its_source() -> None:
    """history() gives each report in order, traditional spelling found too."""
    first = _statistic("s1", 50, "2020-09", "2021-09-15")
    second = _statistic("s2", 86, "2021-09-15", "2021-09-15")
    history = Timeline([second, first]).history("杭州", "成員單位")
    assert all(isinstance(f, Figure) for f in history)
    assert [(f.value, f.sources[0].source.document) for f in history if isinstance(f, Figure)] == [
        (50, "000.txt"),
        (86, "000.txt"),
    ]


def test_diff_reports_appeared_ended_and_changed() -> None:
    """diff(D1, D2) lists new facts, policies that left force and changed figures."""
    plan = _policy("plan", "2006", "2006/2008")
    later = _policy("rules", "2009", None)
    timeline = Timeline([plan, later])
    diff = timeline.diff("2007-01-01", "2010-01-01", region="温州")
    assert [e.id for e in diff.appeared] == ["rules"]
    assert [p.id for p in diff.ended] == ["plan"]
    assert diff.changed == ()


def test_between_keeps_facts_certainly_inside_the_window() -> None:
    """A year-only fact is inside a window only if the whole year is."""
    year_fact, day_fact = _policy("year", "2009", None), _policy("day", "2009-05-01", None)
    timeline = Timeline([year_fact, day_fact])
    assert [e.id for e in timeline.between("2009-03-01", "2009-12-31")] == ["day"]
    assert [e.id for e in timeline.between("2009", "2009")] == ["day", "year"]


def test_bad_arguments_fail_at_once() -> None:
    """A kind that does not exist, or a diff whose end is before its start, raise
    InvalidArgument (a ValueError) instead of answering quietly."""
    from policyline.errors import InvalidArgument

    timeline = Timeline([_statistic("s1", 86, "2021-09-15", "2021-09-15")])
    region = timeline.as_of("2021-12-31").region("杭州")
    with pytest.raises(InvalidArgument, match="kind"):
        region.statistic("成员单位", kind="totl")
    with pytest.raises(InvalidArgument, match="start"):
        timeline.diff("2021", "2020", region="杭州")
    assert isinstance(InvalidArgument("x", 1, "y"), ValueError)
