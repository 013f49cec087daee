"""Rollups: a parent sees its children, and no event is ever counted twice."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given

import policyline as pl
from policyline import (
    AwardGranted,
    Event,
    Source,
    StatisticReported,
    Timeline,
)
from policyline._regions import ancestors
from policyline._regions import region as find_region
from policyline.errors import (
    IncompatibleFigures,
)
from policyline.testing.strategies import REGION_CODES, timelines

PARENTS = [code for code in REGION_CODES if find_region(code).level != "county"]
"""The regions with regions below them among those events are drawn in (elsewhere in
China every roll-up is empty)."""


@given(timelines(sources=True))
def test_a_rollup_never_counts_an_event_twice(events: list[Event]) -> None:
    """Every rolled-up list and figure names each event at most once."""
    state = Timeline(events).as_of("2008-12-31")
    for code in PARENTS:
        region = state.region(code, rollup=True)
        for listing in (region.events, region.possible, region.agreements, region.awards):
            ids = [e.id for e in listing]
            assert len(ids) == len(set(ids))
        for figure in region.statistics:
            counts = Counter(s.id for s in figure.sources)
            assert max(counts.values()) == 1
        for award in {a.award for a in region.awards}:
            counted = region.tally(award).counted
            assert len(counted) == len(set(counted))


@given(timelines(sources=True))
def test_rollup_events_are_exactly_the_subtree_events(events: list[Event]) -> None:
    """A rolled-up region's certain facts are the union of its subtree's facts."""
    state = Timeline(events).as_of("2008-12-31")
    for parent in PARENTS:
        below = [
            code
            for code in REGION_CODES
            if parent == code or parent in [a.code for a in ancestors(code)]
        ]
        union = {e.id for code in below for e in state.region(code).events}
        assert {e.id for e in state.region(parent, rollup=True).events} == union


SOURCE = Source("003_2ce0a9b537d74b60.txt", "浙江省政府質量獎2個")


def _stat(event_id: str, region: str, value: float, **extra: Any) -> StatisticReported:
    fields: dict[str, Any] = {
        "metric": "ISO9001认证企业",
        "unit": "家",
        "kind": "total",
        "effective": "2010-11",
        "recorded": "2010-12-01",
        **extra,
    }
    return StatisticReported(id=event_id, region=region, source=SOURCE, value=value, **fields)


def test_a_parent_uses_its_own_report_over_its_children() -> None:
    """Wenzhou's own total wins over the sum of its counties' totals."""
    state = Timeline(
        [
            _stat("city", "330300", 3616),
            _stat("ruian", "330381", 500),
            _stat("yueqing", "330382", 400),
        ]
    ).as_of("2010-12-31")
    figure = state.region("温州", rollup=True).statistic("ISO9001认证企业")
    assert figure is not None
    assert (figure.value, [s.id for s in figure.sources]) == (3616, ["city"])


def test_a_parent_without_a_report_sums_its_children_and_cites_them() -> None:
    """Zhejiang reports nothing itself: the cities' totals are added, each cited once."""
    state = Timeline(
        [
            _stat("wz", "330300", 3616),
            _stat("ruian", "330381", 500),
            _stat("hz", "330100", 100),
        ]
    ).as_of("2010-12-31")
    figure = state.region("浙江", rollup=True).statistic("ISO9001认证企业")
    assert figure is not None
    assert figure.value == 3716
    assert sorted(s.id for s in figure.sources) == ["hz", "wz"]
    assert state.region("浙江").statistic("ISO9001认证企业") is None


def test_rates_are_never_added_up() -> None:
    """Two cities' pass rates do not make a provincial rate."""
    timeline = Timeline(
        [
            _stat("a", "330300", 98, kind="rate", unit="%"),
            _stat("b", "330100", 97, kind="rate", unit="%"),
        ]
    )
    with pytest.raises(IncompatibleFigures, match="rates"):
        timeline.as_of("2010-12-31").region("浙江", rollup=True).statistic("ISO9001认证企业")


def _award(event_id: str, recipient: str) -> AwardGranted:
    return AwardGranted(
        id=event_id,
        region="330300",
        effective="2010-11-18",
        recorded="2010-12-01",
        source=SOURCE,
        award="浙江省政府质量奖",
        recipient=recipient,
    )


def test_a_total_that_covers_award_events_is_not_added_to_them() -> None:
    """温州: '浙江省政府質量獎2個' counts 正泰 and 康奈; the tally is 2, not 4."""
    total = _stat(
        "count", "330300", 2, metric="浙江省政府質量獎", unit="个", covers=("zhengtai", "kangnai")
    )
    timeline = Timeline([_award("zhengtai", "正泰集团"), _award("kangnai", "康奈集团"), total])
    for region in ("温州", "浙江"):
        tally = timeline.as_of("2010-12-31").region(region, rollup=True).tally("浙江省政府质量奖")
        assert tally.value == 2
        assert sorted(tally.counted) == ["count", "kangnai", "zhengtai"]


def test_a_stale_parent_report_gives_way_to_certainly_newer_children() -> None:
    """Zhejiang's 2010 total is older than every city's 2021 report: the cities' sum wins.
    A child report dated in an interval that overlaps the parent's date does not."""
    timeline = Timeline(
        [
            _stat("zj", "330000", 5, effective="2010-11-18"),
            _stat("wz", "330300", 2, effective="2010-11-18/2010-12-31"),
        ]
    )
    same_time = (
        timeline.as_of("2011-12-31").region("浙江", rollup=True).statistic("ISO9001认证企业")
    )
    assert same_time is not None
    assert [s.id for s in same_time.sources] == ["zj"]
    later = timeline.extend([_stat("hz", "330100", 12, effective="2021-09-15")])
    figure = later.as_of("2021-12-31").region("浙江", rollup=True).statistic("ISO9001认证企业")
    assert figure is not None
    assert (figure.value, sorted(s.id for s in figure.sources)) == (14, ["hz", "wz"])


def test_more_than_stays_strict_when_added_up() -> None:
    """>660 plus an exact 10 is >670, not ≥670."""
    timeline = Timeline([_stat("a", "330300", 660, bound="more_than"), _stat("b", "330100", 10)])
    figure = timeline.as_of("2011").region("浙江", rollup=True).statistic("ISO9001认证企业")
    assert figure is not None
    assert (figure.value, figure.bound) == (670, "more_than")


def _total(event_id: str, code: str, value: int, day: str = "2021-06-30") -> pl.StatisticReported:
    return pl.StatisticReported(
        id=event_id, region=code, effective=day, recorded=day,
        source=pl.Source(f"{event_id}.txt", "原文"), metric="企业", value=value, unit="家",
        kind="total",
    )  # fmt: skip


def test_a_parent_total_smaller_than_a_child_is_flagged_on_every_route() -> None:
    """A city's own total and its districts' are claims about different scopes, both shown;
    the city's total less than one district's (or than their sum) on a date they may share
    cannot be right with them, and every route says so. Totals of different years never
    contradict (a total grows)."""
    city, district = _total("city", "330100", 10), _total("district", "330102", 12)
    answer = pl.Timeline([city, district]).as_of("2021-12-31").region("杭州", rollup=True)
    figure = answer.answer("企业")
    assert isinstance(figure, pl.Figure)
    assert figure.inconsistent == "杭州市's own 10 家 is less than 上城区's 12 家"
    assert figure.other is not None
    assert figure.other.shown == "≥12 家"
    (row,) = answer.statistics.table().records()
    assert row["inconsistent"] == figure.inconsistent
    assert "INCONSISTENT: 杭州市's own 10 家" in str(row["shown"])
    two = [district, _total("other", "330105", 5), _total("city", "330100", 15)]
    summed = pl.Timeline(two).as_of("2021-12-31").region("杭州", rollup=True).answer("企业")
    assert isinstance(summed, pl.Figure)
    assert summed.inconsistent == "杭州市's own 15 家 is less than its children's sum ≥17 家"
    older = _total("city", "330100", 10, "2015-12-31")
    fine = pl.Timeline([older, district]).as_of("2021-12-31").region("杭州", rollup=True)
    assert fine.answer("企业").inconsistent is None  # type: ignore[union-attr]
