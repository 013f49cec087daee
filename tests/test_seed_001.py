"""Article 001 (余杭区, published 2025-05-16 07:11:23): as-of answers against its words.

Every test quotes the sentence it checks. "截至目前"/"至今"/"目前" resolve to 2025-05-16;
facts with no date are known to hold by publication, so they too are dated 2025-05-16.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl

EVENTS = Path(__file__).resolve().parents[1] / "events"
PUBLISHED = "2025-05-16"
CERTIFIED = "通过考核获得企业首席质量官任职培训证书的企业质量管理人员"


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def test_certificate_holders_are_not_reported_before_publication(timeline: pl.Timeline) -> None:
    """“至今,已有669名企业质量管理人员通过考核获得企业首席质量官任职培训证书” — a total as of
    2025-05-16: None the day before, 669 that day, in Yuhang and in Hangzhou rolled up."""
    assert timeline.as_of("2025-05-15").region("余杭").statistic(CERTIFIED) is None
    figure = timeline.as_of(PUBLISHED).region("余杭").statistic(CERTIFIED)
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind) == (669, "名", "total")
    assert timeline.as_of(PUBLISHED).region("杭州").statistic(CERTIFIED) is None
    rolled = timeline.as_of(PUBLISHED).region("杭州", rollup=True).statistic(CERTIFIED)
    assert rolled is not None
    assert rolled.value == 669
    assert [s.id for s in rolled.sources] == ["001-yuhang-cqo-training-certificate-holders"]


def test_the_summary_and_the_paragraph_count_the_same_669_once(timeline: pl.Timeline) -> None:
    """“截至目前,余杭区已有669名企业质量人“持证上岗”” repeats the 669 of the training
    paragraph: one statistic, not two."""
    reports = [e for e in timeline if isinstance(e, pl.StatisticReported) and e.value == 669]
    assert [e.id for e in reports] == ["001-yuhang-cqo-training-certificate-holders"]


def test_more_than_660_enterprises_is_a_strict_lower_bound(timeline: pl.Timeline) -> None:
    """“该区在660余家规上工业企业全面推广建立企业首席质量官制度” — 660余 is more than 660."""
    figure = (
        timeline.as_of(PUBLISHED)
        .region("余杭")
        .statistic("全面推广建立企业首席质量官制度的规上工业企业")
    )
    assert figure is not None
    assert (figure.value, figure.bound, figure.kind) == (660, "more_than", "total")


def test_title_holders_tally_and_traditional_lookup(timeline: pl.Timeline) -> None:
    """“3名企业质量高管获“杭州市优秀首席质量官”称号” — 3 holders, found in either script."""
    state = timeline.as_of(PUBLISHED).region("余杭")
    simplified = state.statistic("杭州市优秀首席质量官")
    traditional = state.statistic("杭州市優秀首席質量官")
    assert simplified is not None
    assert simplified == traditional
    assert simplified.value == 3
    assert state.tally("杭州市优秀首席质量官").value == 3
    assert timeline.as_of("2025-05-15").region("余杭").tally("杭州市优秀首席质量官").value == 0


def test_a_platform_named_as_hangzhous_stays_in_hangzhou(timeline: pl.Timeline) -> None:
    """“该区依托杭州质量服务网络平台,搭建线上学习桥梁” and “依托质量基础设施“一站式”平台” — the
    first is Hangzhou's (330100), the second Yuhang's own."""
    yuhang = timeline.as_of(PUBLISHED).region("余杭")
    assert [p.name for p in yuhang.platforms] == ["质量基础设施“一站式”平台"]
    hangzhou = timeline.as_of(PUBLISHED).region("杭州")
    assert "杭州质量服务网络平台" in {p.name for p in hangzhou.platforms}
    assert "杭州质量服务网络平台" not in {
        p.name for p in timeline.as_of("2025-05-15").region("杭州").platforms
    }


def test_rules_of_the_cqo_system_are_policies(timeline: pl.Timeline) -> None:
    """“如将聘用首席质量官作为申报政府质量奖的必备条件” and “余杭区还将“杭州市优秀首席质量官”
    称号获得者纳入余杭E类人才” — two rules in force by publication, not before."""
    assert timeline.as_of("2025-05-15").region("余杭").policies == ()
    titles = {p.title for p in timeline.as_of(PUBLISHED).region("余杭").policies}
    assert titles == {
        "将聘用首席质量官作为申报政府质量奖的必备条件",
        "将“杭州市优秀首席质量官”称号获得者纳入余杭E类人才",
    }


def test_cqo_programmes_exist_from_publication(timeline: pl.Timeline) -> None:
    """“该区还实施首席质量官导师制” and “余杭区市场监管局组建首席质量官专家服务团” — among the
    six programmes known by publication."""
    names = {p.name for p in timeline.as_of(PUBLISHED).region("余杭").programs}
    assert {"首席质量官导师制", "首席质量官专家服务团"} <= names
    assert len(names) == 6


def test_nothing_is_known_before_publication(timeline: pl.Timeline) -> None:
    """Known time: as of 2025-05-16 but known by 2025-05-15, Yuhang has no facts."""
    before = timeline.as_of(PUBLISHED, known="2025-05-15").region("余杭")
    assert (before.events, before.possible) == ((), ())
    assert len(timeline.as_of(PUBLISHED, known=PUBLISHED).region("余杭").events) == 15
