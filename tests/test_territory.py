"""Regions that change: a roll-up as of D adds up the children of D's division list, finds
the facts of every unit that ended in its territory, and counts each fact once; a unit's
predecessors' facts are findable from it (:mod:`policyline._territory`).

The histories are drawn over Hangzhou's real changes (萧山 and 余杭 made districts in 2001,
富阳 2014, 临安 2017, the 2021 reorganisation: 上城 and 江干 split into 上城 and 钱塘,
下城 merged into 拱墅, 临平 taken from 余杭), each fact dated when its unit was a division.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._regions import children, ever_within
from policyline._territory import BOUNDED, lineage, same_unit, territory
from tests.store_backends import KINDS, assert_scoped_reads_agree, store_law

SOURCE = pl.Source("fixture.txt", "为测试而写")
HANGZHOU = "330100"
UNITS = sorted(ever_within(HANGZHOU))


def _spans(code: str) -> tuple[tuple[int, int], ...]:
    first, last = dt.date(1999, 1, 1).toordinal(), dt.date(2025, 12, 31).toordinal()
    return tuple((max(lo, first), min(hi, last)) for lo, hi in BOUNDED.get(code, ((first, last),)))


@st.composite
def _histories(draw: st.DrawFn) -> list[pl.Event]:
    """Facts and reports in Hangzhou's units, old and new, each on a day its unit existed."""
    events: list[pl.Event] = []
    for number in range(draw(st.integers(1, 25))):
        code = draw(st.sampled_from(UNITS))
        lo, hi = draw(st.sampled_from(_spans(code)))
        day = dt.date.fromordinal(draw(st.integers(lo, hi))).isoformat()
        envelope = {"id": f"f{number}", "region": code, "effective": day, "recorded": day}
        if draw(st.booleans()):
            events.append(pl.ProgramLaunched(**envelope, source=SOURCE, name="n"))
        else:
            value = draw(st.integers(0, 50))
            events.append(
                pl.StatisticReported(
                    **envelope, source=SOURCE, metric="企业", value=value, unit="家", kind="total"
                )
            )
    return events


@settings(max_examples=80, deadline=None)
@given(_histories(), st.dates(dt.date(1999, 6, 1), dt.date(2025, 12, 31)))
def test_a_rollup_as_of_any_day_counts_each_fact_once(events: list[pl.Event], day: dt.date) -> None:
    """Rolled up as of D, Hangzhou and Zhejiang hold every fact of Hangzhou's units certain
    by D exactly once; a figure names each report once, and adds up only the children of
    D's list, each of which has its own (or its older names') report."""
    state = pl.Timeline(events).as_of(day)
    certain = sorted(e.id for e in events if e.effective.latest <= day.toordinal())
    for place in (HANGZHOU, "330000"):
        rolled = state.region(place, rollup=True)
        assert sorted(e.id for e in rolled.events) == certain
    if not any(isinstance(e, pl.StatisticReported) for e in events):
        return
    figure = state.region(HANGZHOU, rollup=True).answer("企业")
    if isinstance(figure, pl.Figure):
        counts = Counter(s.id for s in figure.sources)
        assert not counts or max(counts.values()) == 1
        if figure.coverage is not None:
            listed = {c.code for c in children(HANGZHOU, on=day)}
            assert {p.region for p in figure.coverage.parts} <= listed
            for part in figure.coverage.parts:
                assert all(s.region in same_unit(part.region) for s in part.sources)


@given(_histories(), st.dates(dt.date(1999, 6, 1), dt.date(2025, 12, 31)))
def test_a_successor_finds_its_predecessors_facts(events: list[pl.Event], day: dt.date) -> None:
    """A unit's own state holds the facts of every unit that ended in it, and of no other."""
    state = pl.Timeline(events).as_of(day)
    for code in ("330102", "330105", "330110", "330114"):
        found = {e.id for e in state.region(code).events}
        expected = {
            e.id
            for e in events
            if e.region in lineage(code) and e.effective.latest <= day.toordinal()
        }
        assert found == expected


def _program(event_id: str, code: str, day: str) -> pl.ProgramLaunched:
    return pl.ProgramLaunched(
        id=event_id, region=code, effective=day, recorded=day, source=SOURCE, name=event_id
    )


def _report(event_id: str, code: str, day: str, value: int) -> pl.StatisticReported:
    return pl.StatisticReported(
        id=event_id, region=code, effective=day, recorded=day, source=SOURCE,
        metric="企业", value=value, unit="家", kind="total",
    )  # fmt: skip


def test_hangzhou_before_and_after_2021() -> None:
    """江干区's 2019 programme is findable from 上城区 and 钱塘区 and counted once in
    Hangzhou; its 2019 report is added up in Hangzhou's 2020 sum, not in its 2023 one."""
    timeline = pl.Timeline(
        [
            _program("jianggan", "330104", "2019-05-01"),
            _report("jianggan-firms", "330104", "2019-05-01", 30),
            _report("xiacheng-firms", "330103", "2019-05-01", 20),
            _report("gongshu-firms", "330105", "2023-05-01", 45),
        ]
    )
    later = timeline.as_of("2023-12-31")
    assert [e.id for e in later.region("上城区").programs] == ["jianggan"]
    assert [e.id for e in later.region("钱塘区").programs] == ["jianggan"]
    rolled = later.region("杭州", rollup=True)
    assert [e.id for e in rolled.events].count("jianggan") == 1
    figure = rolled.answer("企业")
    assert isinstance(figure, pl.Figure)
    assert [s.id for s in figure.sources] == ["gongshu-firms"]  # 江干 and 下城 are no more
    assert figure.shown == "≥45 家"
    before = timeline.as_of("2020-12-31").region("杭州", rollup=True).answer("企业")
    assert isinstance(before, pl.Figure)
    assert sorted(s.id for s in before.sources) == ["jianggan-firms", "xiacheng-firms"]
    assert "of 13 districts and counties not reported" in str(before.coverage)


def test_a_renamed_unit_keeps_its_reports() -> None:
    """县级余杭市 (330184) became 余杭区 (330110) in 2001: its report is 余杭区's own."""
    timeline = pl.Timeline([_report("yuhang-city", "330184", "2000-06-30", 12)])
    figure = timeline.as_of("2005-12-31").region("余杭区").answer("企业")
    assert isinstance(figure, pl.Figure)
    assert figure.shown == "12 家"
    assert territory(HANGZHOU) >= {"330184", "330104", "330103"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_store_answers_over_the_territory(kind: str, tmp_path: Path) -> None:
    """On every store, a scoped read and the read model's figures see the facts of units
    that ended in the region asked about, as the whole timeline does."""

    @store_law(kind, examples=20)
    def law(data: st.DataObject) -> None:
        events = data.draw(_histories(), label="events")
        day = data.draw(st.dates(dt.date(1999, 6, 1), dt.date(2025, 12, 31)), label="as of")
        asked = data.draw(st.sampled_from(["330100", "330102", "330105", "330110"]), label="region")
        assert_scoped_reads_agree(kind, tmp_path, events, asked, day)

    law()
