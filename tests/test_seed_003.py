"""Article 003 (Wenzhou, traditional script, published 2010-11-18/2010-12-31): as-of answers.

Every test quotes the sentence it checks (romanisation removed). The article states no
year; it is dated to the interval 2010-11-18/2010-12-31, so "現在"/"目前" facts are certain
only from 2010-12-31 and known only from then.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl
from policyline.errors import UnknownMetric

EVENTS = Path(__file__).resolve().parents[1] / "events"
PLAN = "003-wenzhou-quality-brand-development-plan"
THOUSAND = "003-wenzhou-thousand-enterprise-brand-project"
RATE = "规模以上企业重点产品采标率"
AWARD = "浙江省政府质量奖"
AWARDS = {
    "003-wenzhou-chint-first-provincial-quality-award",
    "003-wenzhou-kangnai-first-provincial-quality-award",
}


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def ids(events: tuple[pl.Event, ...]) -> set[str]:
    return {e.id for e in events}


def test_2006_policies_are_possible_mid_year_and_in_force_at_year_end(
    timeline: pl.Timeline,
) -> None:
    """“2006年,溫州市政府出臺了《溫州市質量與品牌發展規劃(2006-2020)》、《溫州市千家企業名牌
    培育工程(2006-2010)》” — year precision: on 2006-06-30 both are possible, not in force;
    on 2006-12-31 both are in force."""
    middle = timeline.as_of("2006-06-30").region("温州")
    assert middle.policies == ()
    assert {PLAN, THOUSAND} <= ids(middle.possible)
    assert timeline.as_of("2005-12-31").region("温州").possible == ()
    end = timeline.as_of("2006-12-31").region("温州")
    assert ids(end.policies) == {PLAN, THOUSAND}
    assert end.possible == ()


def test_validity_windows_from_the_titles(timeline: pl.Timeline) -> None:
    """《溫州市千家企業名牌培育工程(2006-2010)》 is in force on 2010-12-31 and ended on
    2011-01-01; 《溫州市質量與品牌發展規劃(2006-2020)》 runs to 2020-12-31."""
    assert THOUSAND in ids(timeline.as_of("2010-12-31").region("温州").policies)
    after = timeline.as_of("2011-01-01").region("温州")
    assert THOUSAND not in ids(after.policies)
    assert ids(after.ended_policies) == {THOUSAND}
    assert PLAN in ids(timeline.as_of("2020-12-31").region("温州").policies)
    assert PLAN in ids(timeline.as_of("2021-01-01").region("温州").ended_policies)


def test_policies_in_force_in_2008(timeline: pl.Timeline) -> None:
    """“2008年,出臺《關于深化名牌發展戰略 創建區域品牌的指導意見》” — with the two 2006
    documents and the 2007 work-report priority, four policies in force at the end of 2008;
    the 2009 measures not yet."""
    titles = {p.title for p in timeline.as_of("2008").region("温州").policies}
    assert titles == {
        "《溫州市質量與品牌發展規劃(2006-2020)》",
        "《溫州市千家企業名牌培育工程(2006-2010)》",
        "將名牌培育質量提升工程寫入市黨代會、人代會工作報告,并列為市委市政府的重要工作(標題未載明)",
        "《關于深化名牌發展戰略 創建區域品牌的指導意見》",
    }


def test_writing_a_project_into_work_reports_is_not_a_programme_launched(
    timeline: pl.Timeline,
) -> None:
    """“2007年,溫州市又將名牌培育質量提升工程寫入市黨代會、人代會工作報告” — a 2007 statement
    of policy in two documents, not the launch of the 工程 (whose start the text does not give):
    no programme of that name, and the policy is certain only at the end of 2007."""
    everything = timeline.as_of("2010-12-31").region("温州")
    assert not [p for p in everything.programs if "名牌培育質量提升工程" in p.name]
    event = timeline["003-wenzhou-brand-cultivation-project-in-work-reports-2007"]
    assert isinstance(event, pl.PolicyIssued)
    assert (str(event.effective), event.issuer, event.inferred) == ("2007", "溫州市", False)
    assert event.id in {e.id for e in timeline.as_of("2007-06-30").region("温州").possible}
    assert event.id in {p.id for p in timeline.as_of("2007-12-31").region("温州").policies}


def test_adoption_rate_from_40_percent_in_1993_to_at_least_85(timeline: pl.Timeline) -> None:
    """“規模以上企業重點產品采標率從1993年的40%提高到現在的85%以上” — a rate: not reported
    before 1993; 40% (exact) at the end of 1993; the ≥85% is only possible in November 2010
    and certain at the end of 2010, a lower bound."""
    assert timeline.as_of("1992-12-31").region("温州").statistic(RATE) is None
    old = timeline.as_of("1993-12-31").region("温州").statistic(RATE)
    assert old is not None
    assert (old.value, old.kind, old.bound, str(old.date)) == (40, "rate", "exact", "1993")
    november = timeline.as_of("2010-11-30").region("温州")
    assert november.statistic(RATE) == old
    assert "003-wenzhou-standard-adoption-rate-now" in ids(november.possible)
    now = timeline.as_of("2010-12-31").region("温州").statistic(RATE)
    assert now is not None
    assert (now.value, now.kind, now.bound) == (85, "rate", "at_least")


def test_lookups_fold_simplified_and_traditional(timeline: pl.Timeline) -> None:
    """The article writes 采標率 in traditional script; the simplified 采标率 and the fully
    traditional 採標率 find the same statistic, and so do words of it that name no other
    (采标率); words that name none are an error with suggestions."""
    state = timeline.as_of("2010-12-31").region("溫州")
    simplified = state.statistic("规模以上企业重点产品采标率")
    assert simplified is not None
    assert state.statistic("規模以上企業重點產品采標率") == simplified
    assert state.statistic("規模以上企業重點產品採標率") == simplified
    assert state.statistic("采标率") == simplified
    with pytest.raises(UnknownMetric, match="did you mean"):
        state.statistic("重点产品采样率")


def test_measurement_means_is_a_lower_bound_rate(timeline: pl.Timeline) -> None:
    """“目前全市規模企業80%以上有了保證自己產品質量的必要的計量和檢測手段” — 80%以上 → at least
    80, a rate."""
    figure = (
        timeline.as_of("2010-12-31")
        .region("温州")
        .statistic("具備必要計量和檢測手段的規模企業比例")
    )
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind, figure.bound) == (80, "%", "rate", "at_least")


def test_first_provincial_quality_awards_on_18_november(timeline: pl.Timeline) -> None:
    """“在11月18日浙江省政府質量獎頒獎大會上,兩家溫州企業正泰集團和康奈集團獲得了首屆浙江省政府
    質量獎” — awarded 2010-11-18: none on 2010-11-17, two on 2010-11-18."""
    assert timeline.as_of("2010-11-17").region("温州").awards == ()
    awards = timeline.as_of("2010-11-18").region("温州").awards
    assert {a.recipient for a in awards} == {"正泰集團", "康奈集團"}
    assert {a.award for a in awards} == {"浙江省政府質量獎"}


def test_award_count_covers_the_award_events(timeline: pl.Timeline) -> None:
    """“浙江省政府質量獎2個” counts the same two awards: Wenzhou's tally is 2, not 4."""
    tally = timeline.as_of("2010-12-31").region("温州").tally(AWARD)
    assert tally.value == 2
    assert set(tally.counted) == AWARDS | {"003-wenzhou-provincial-gov-quality-awards"}
    assert len(tally.counted) == len(set(tally.counted))


def test_zhejiang_rolled_up_tally_counts_five_winners_once(timeline: pl.Timeline) -> None:
    """“5家獲獎企業中,溫州贏得兩個” — Zhejiang rolled up on 2010-11-18 holds 5 awards; the
    province's count covers Wenzhou's two award events, so they are not added again."""
    tally = timeline.as_of("2010-11-18").region("浙江", rollup=True).tally(AWARD)
    assert tally.value == 5
    assert set(tally.counted) == AWARDS | {"003-zhejiang-first-provincial-quality-award-winners"}
    assert tally.events == ()


def test_zhejiang_rolled_up_tally_does_not_drop_when_a_city_repeats_its_share(
    timeline: pl.Timeline,
) -> None:
    """Wenzhou's “浙江省政府質量獎2個” re-reports two of the province's 5 winners; it adds no
    new award, so Zhejiang rolled up still holds 5 once the city's figure is certain."""
    tally = timeline.as_of("2011-01-01").region("浙江", rollup=True).tally(AWARD)
    assert tally.value == 5


def test_ruian_pilot_city_stays_in_ruian(timeline: pl.Timeline) -> None:
    """“今年溫州瑞安又被浙江省確定為質量強省建設試點市” — 瑞安 (330381), year 2010: possible
    mid-2010, certain at its end; Wenzhou sees it only rolled up."""
    pilot = "003-ruian-quality-province-pilot-city"
    assert pilot in ids(timeline.as_of("2010-06-30").region("瑞安").possible)
    end = timeline.as_of("2010-12-31")
    assert pilot in ids(end.region("瑞安").designations)
    assert pilot not in ids(end.region("温州").designations)
    assert pilot in ids(end.region("温州", rollup=True).designations)


def test_border_agreement_names_both_regions(timeline: pl.Timeline) -> None:
    """“9月份,在溫州市質監局和福建寧德市質監局的推動下,浙閩邊界質監部門首次簽訂了大質量合作
    協議” — September 2010, in Wenzhou and in 寧德: absent on 2010-08-31, certain on
    2010-09-30."""
    agreement = "003-wenzhou-ningde-zhe-min-border-big-quality-agreement"
    for region in ("温州", "宁德"):
        assert agreement not in ids(timeline.as_of("2010-08-31").region(region).agreements)
        assert agreement in ids(timeline.as_of("2010-09-15").region(region).possible)
        assert agreement in ids(timeline.as_of("2010-09-30").region(region).agreements)


def test_regional_brands_counted_once(timeline: pl.Timeline) -> None:
    """“溫州皮鞋、瑞安汽摩配和永嘉閥門3個產業品牌還榮獲浙江區域名牌” — three designations in
    three regions and one count of 3 that covers them."""
    state = timeline.as_of("2010-12-31").region("温州", rollup=True)
    brands = {d.designee: d.region for d in state.designations if d.designation == "浙江區域名牌"}
    assert brands == {"溫州皮鞋": "330300", "瑞安汽摩配": "330381", "永嘉閥門": "330324"}
    count = state.statistic("浙江区域名牌")
    assert count is not None
    assert count.value == 3
    assert {d.id for d in state.designations if d.designation == "浙江區域名牌"} < count.counted


def test_nothing_is_known_before_the_article_certainly_appeared(timeline: pl.Timeline) -> None:
    """Known time: the article appeared on some day from 2010-11-18 to 2010-12-31, so on
    2010-12-30 it is not yet certainly on record; from 2010-12-31 (and on 2011-01-01) it is."""
    assert timeline.as_of("2010-12-31", known="2010-12-30").region("温州", rollup=True).events == ()
    known = timeline.as_of("2010-12-31", known="2011-01-01").region("温州")
    assert len(known.policies) == 10
    assert timeline.as_of("2008", known="2010-11-17").region("温州").policies == ()
    assert len(timeline.as_of("2008", known="2011-01-01").region("温州").policies) == 4
