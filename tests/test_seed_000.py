"""Article 000 (浙江在线, Hangzhou, published 2021-09-15): as-of answers against its words.

Every test quotes the sentence it checks. "去年9月" resolves to 2020-09 (month precision),
"今年" to 2021-01-01/2021-09-15, "目前"/"近日" to the publication day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl

EVENTS = Path(__file__).resolve().parents[1] / "events"

PUBLISHED = "2021-09-15"
OFFLINE = "线下企业首席质量官交流平台"


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def platforms(timeline: pl.Timeline, date: str) -> tuple[set[str], set[str]]:
    state = timeline.as_of(date).region("杭州")
    certain = {p.name for p in state.platforms}
    possible = {e.name for e in state.possible if isinstance(e, pl.PlatformLaunched)}
    return certain, possible


def test_offline_cqo_platform_launched_in_september_2020(timeline: pl.Timeline) -> None:
    """“去年9月,杭州市还搭建了线下企业首席质量官交流平台” — a month-precision fact: not
    there on 2020-08-31, only possible on 2020-09-15, certain on 2020-09-30."""
    assert platforms(timeline, "2020-08-31") == (set(), set())
    assert platforms(timeline, "2020-09-15") == (set(), {OFFLINE})
    assert platforms(timeline, "2020-09-30") == ({OFFLINE}, set())
    assert str(timeline["000-hangzhou-offline-cqo-exchange-platform"].effective) == "2020-09"


def test_platform_member_units_not_reported_before_publication(timeline: pl.Timeline) -> None:
    """“目前,杭州这一首席质量官平台已有86家成员单位” — a total as of publication: not
    reported yet the day before."""
    metric = "首席质量官平台成员单位"
    assert timeline.as_of("2021-09-14").region("杭州").statistic(metric) is None
    figure = timeline.as_of(PUBLISHED).region("杭州").statistic(metric)
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind, figure.bound) == (86, "家", "total", "exact")
    assert [s.id for s in figure.sources] == ["000-hangzhou-cqo-platform-member-units"]


def test_a_nomination_list_is_not_an_award(timeline: pl.Timeline) -> None:
    """“杭州海康威视等6家组织和西子联合控股有限公司董事长王水福入选第四届中国质量奖提名奖建议名单”
    — four nominations (three named organisations and one person), no award; the count of
    6 organisations already includes the three named ones, and is a count for one edition's
    list (an increment over the list's window), not a running total."""
    state = timeline.as_of(PUBLISHED).region("杭州")
    assert len(state.nominations) == 4
    assert state.awards == ()
    assert {n.award for n in state.nominations} == {"中国质量奖提名奖"}
    six = state.statistic("入选第四届中国质量奖提名奖建议名单的杭州组织")
    assert six is not None
    assert six.value == 6
    # one edition's list: an increment over the list's 近日 window, not a running total
    assert (six.kind, str(six.period)) == ("increment", "2021-08-17/2021-09-15")
    organisations = {n.id for n in state.nominations if n.nominee.kind == "organization"}
    assert organisations < six.counted
    people = [n.nominee for n in state.nominations if n.nominee.kind == "person"]
    assert people == [pl.Party.person("王水福", affiliation="西子联合控股有限公司", role="董事长")]


def test_award_holders_are_totals_at_publication(timeline: pl.Timeline) -> None:
    """“目前杭州已拥有3家(次)企业获得中国质量奖提名奖,12家企业获得浙江省政府质量奖,11家(次)
    企业获得浙江省质量管理创新奖(提名奖)” — totals as of 2021-09-15, with units as written."""
    state = timeline.as_of(PUBLISHED).region("杭州")
    found = {
        metric: (f.value, f.unit, f.kind)
        for metric in ("中国质量奖提名奖", "浙江省政府质量奖", "浙江省质量管理创新奖(提名奖)")
        if (f := state.statistic(metric)) is not None
    }
    assert found == {
        "中国质量奖提名奖": (3, "家(次)", "total"),
        "浙江省政府质量奖": (12, "家", "total"),
        "浙江省质量管理创新奖(提名奖)": (11, "家(次)", "total"),
    }
    assert state.tally("浙江省政府质量奖").value == 12
    assert timeline.as_of("2021-09-14").region("杭州").tally("浙江省政府质量奖").value == 0


def test_policies_issued_this_year_are_possible_before_publication(timeline: pl.Timeline) -> None:
    """“今年杭州还出台了《关于加强质量促进工作的决定》和《杭州市质量促进办法》等政策” — 今年 is
    2021-01-01/2021-09-15: neither on 2020-12-31, possible on 2021-06-30, in force on
    2021-09-15."""
    titles = {"《关于加强质量促进工作的决定》", "《杭州市质量促进办法》"}
    before = timeline.as_of("2020-12-31").region("杭州")
    assert before.policies == ()
    assert not {e.id for e in before.possible} & {
        "000-hangzhou-decision-strengthening-quality-promotion",
        "000-hangzhou-quality-promotion-measures",
    }
    middle = timeline.as_of("2021-06-30").region("杭州")
    assert middle.policies == ()
    assert {e.title for e in middle.possible if isinstance(e, pl.PolicyIssued)} == titles
    in_force = {p.title for p in timeline.as_of(PUBLISHED).region("杭州").policies}
    assert titles <= in_force


def test_pinzibiao_retargeting_last_year_is_year_precise(timeline: pl.Timeline) -> None:
    """“去年,杭州市市场监管局就把“品字标”品牌培育瞄准传统优势产业和历史经典产业” — 2020:
    possible mid-2020, certain at its end."""
    event_id = "000-hangzhou-pinzibiao-traditional-industries-2020"
    middle = timeline.as_of("2020-06-30").region("杭州")
    assert event_id in {e.id for e in middle.possible}
    assert event_id not in {e.id for e in middle.events}
    assert event_id in {e.id for e in timeline.as_of("2020-12-31").region("杭州").events}


def test_certified_enterprises_count_the_named_brands(timeline: pl.Timeline) -> None:
    """“目前杭州市已有“品字标”标准403项,认证企业235家,获得认证证书377张” and “像海康威视、杭氧、
    天堂伞、老板电器等…都在‘品字标’的队伍之列” — the 235 already counts the four named."""
    state = timeline.as_of(PUBLISHED).region("杭州")
    certified = state.statistic("“品字标”认证企业")
    assert certified is not None
    assert certified.value == 235
    named = {
        d.id for d in state.designations if d.designee in {"海康威视", "杭氧", "天堂伞", "老板电器"}
    }
    assert len(named) == 4
    assert named <= certified.counted


def test_reward_ceiling_is_a_rule_not_a_number_to_add_up(timeline: pl.Timeline) -> None:
    """“对获得各级质量奖的组织给予奖励,最高可达500万元” — a reward rule in force in Hangzhou,
    not a statistic: Zhejiang rolled up reports no 500万元 figure."""
    event = timeline["000-hangzhou-quality-award-reward-cap"]
    assert isinstance(event, pl.PolicyIssued)
    assert "500万元" in event.title
    state = timeline.as_of(PUBLISHED)
    assert event in state.region("杭州").policies
    figures = [f for f in state.region("浙江", rollup=True).statistics if isinstance(f, pl.Figure)]
    assert figures
    assert all(f.unit != "万元" or f.value != 500 for f in figures)


def test_nothing_from_the_article_is_known_before_it_was_published(timeline: pl.Timeline) -> None:
    """Known time: on 2021-09-14 the article was not out, so even facts dated 2020 are
    unknown; on 2021-09-15 they are known."""
    before = timeline.as_of(PUBLISHED, known="2021-09-14").region("杭州", rollup=True)
    assert (before.events, before.possible) == ((), ())
    after = timeline.as_of(PUBLISHED, known=PUBLISHED).region("杭州")
    assert len(after.events) == 27
