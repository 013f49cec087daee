"""Article 004 (嘉興, 中國市場監管報, dated only to 2021/2023): as-of answers against its words.

Every test quotes the sentence it checks (romanisation removed). 去年 resolves to
2020/2022, 今年/今年以來 to 2021/2023, the frame 去年以來 to 2020/2023; so the article's
facts are possible through 2021-2023 and certain, and known, only from 2023-12-31.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl

EVENTS = Path(__file__).resolve().parents[1] / "events"
END = "2023-12-31"
CQOS = "培育企业首席质量官"


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def test_cqos_cultivated_not_reported_until_the_interval_ends(timeline: pl.Timeline) -> None:
    """“積極推行企業“首席質量官”制度,培育企業首席質量官347名” — a total dated 2021/2023:
    nothing in 2020, only possible on 2022-06-30, 347 on 2023-12-31."""
    assert timeline.as_of("2020-12-31").region("嘉兴").statistic(CQOS) is None
    middle = timeline.as_of("2022-06-30").region("嘉兴")
    assert middle.statistic(CQOS) is None
    assert "004-jiaxing-cqos-cultivated" in {e.id for e in middle.possible}
    figure = timeline.as_of(END).region("嘉兴").statistic(CQOS)
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind) == (347, "名", "total")


def test_simplified_lookup_finds_the_traditional_metric(timeline: pl.Timeline) -> None:
    """The article writes 培育企業首席質量官; 培育企业首席质量官 finds it, in 嘉興 or 嘉兴."""
    a = timeline.as_of(END).region("嘉兴").statistic("培育企业首席质量官")
    b = timeline.as_of(END).region("嘉興").statistic("培育企業首席質量官")
    assert a is not None
    assert a == b
    assert a.metric == "培育企業首席質量官"


def test_new_benchmarking_enterprises_is_an_increment_over_the_frame(
    timeline: pl.Timeline,
) -> None:
    """“縱深推進對標達標提升行動,新增對標達標企業154家” — 新增 → an increment over the
    article's frame 去年以來 (2020/2023), not a total."""
    figure = timeline.as_of(END).region("嘉兴").statistic("新增对标达标企业")
    assert figure is not None
    assert (figure.value, figure.kind, str(figure.period)) == (154, "increment", "2020/2023")


def test_this_year_counts_are_increments_over_this_year(timeline: pl.Timeline) -> None:
    """“今年以來已服務企業1694家” and “今年已發動專家、技術人員入企服務230余次” — increments over
    今年 (2021/2023); 230余 is more than 230."""
    state = timeline.as_of(END).region("嘉兴")
    served = state.statistic("“一站式”服務平臺服務企業")
    visits = state.statistic("發動專家、技術人員入企服務")
    assert served is not None
    assert visits is not None
    assert (served.value, served.kind, str(served.period)) == (1694, "increment", "2021/2023")
    assert (visits.value, visits.kind, visits.bound) == (230, "increment", "more_than")


def test_full_coverage_is_an_approximate_rate(timeline: pl.Timeline) -> None:
    """“基本實現各級政府質量獎和“品字標”企業首席質量官聘任全覆蓋” — 基本…全覆蓋 is about 100%."""
    event = timeline["004-jiaxing-cqo-coverage-award-and-pinzibiao-enterprises"]
    assert isinstance(event, pl.StatisticReported)
    assert (event.value, event.unit, event.kind, event.bound) == (100, "%", "rate", "about")


def test_more_than_1000_trainees_is_a_cumulative_total(timeline: pl.Timeline) -> None:
    """“累計參訓企業超過1000家” — 累計 → total; 超過 → more than 1000."""
    figure = timeline.as_of(END).region("嘉兴").statistic("先進質量管理方法培訓班累計參訓企業")
    assert figure is not None
    assert (figure.value, figure.kind, figure.bound) == (1000, "total", "more_than")


def test_awards_of_the_period_are_possible_from_2020(timeline: pl.Timeline) -> None:
    """“中核核電獲中國標準創新貢獻獎,桐昆集團、長盛軸承獲浙江省標準創新貢獻獎” and
    “巨石集團獲中國專利金獎” — four awards of three different names, dated 2020/2023: none
    in 2019, all possible in mid-2020, all granted by 2023-12-31."""
    assert timeline.as_of("2019-12-31").region("嘉兴").possible == ()
    middle = timeline.as_of("2020-06-30").region("嘉兴")
    assert middle.awards == ()
    assert len([e for e in middle.possible if isinstance(e, pl.AwardGranted)]) == 4
    awards = timeline.as_of(END).region("嘉兴").awards
    assert sorted(a.award for a in awards) == sorted(
        ["中國標準創新貢獻獎", "浙江省標準創新貢獻獎", "浙江省標準創新貢獻獎", "中國專利金獎"]
    )
    state = timeline.as_of(END).region("嘉兴")
    assert state.tally("浙江省标准创新贡献奖").value == 2
    assert state.tally("中国标准创新贡献奖").value == 1


def test_thirteen_industries_cover_the_three_named_county_projects(timeline: pl.Timeline) -> None:
    """“實施南湖壓縮機、秀洲智能家居、嘉善木業家具等13個產業…質量提升攻堅項目” — the three named
    projects sit in their districts/county, and the 13 already counts them."""
    state = timeline.as_of(END).region("嘉兴", rollup=True)
    named = {p.id: p.region for p in state.programs if "攻堅" in p.name and p.region != "330400"}
    assert sorted(named.values()) == ["330402", "330411", "330421"]
    thirteen = state.statistic("實施質量提升攻堅的產業")
    assert thirteen is not None
    assert thirteen.value == 13
    assert set(named) < thirteen.counted
    assert timeline.as_of(END).region("南湖").programs


def test_provincial_platform_stays_in_the_province(timeline: pl.Timeline) -> None:
    """“引導企業入駐浙江“三同”在線服務平臺” — the platform is Zhejiang's, not Jiaxing's; the
    benchmarking platform “正式上線對標中心數字化平臺” is Jiaxing's."""
    jiaxing = {p.name for p in timeline.as_of(END).region("嘉兴").platforms}
    assert jiaxing == {"對標中心數字化平臺", "產品質量分級分類智慧監管平臺"}
    province = {p.name for p in timeline.as_of(END).region("浙江").platforms}
    assert "浙江“三同”在線服務平臺" in province


def test_increments_roll_up_with_their_period(timeline: pl.Timeline) -> None:
    """Zhejiang rolled up shows Jiaxing's 新增 as an increment over the same period."""
    figure = timeline.as_of(END).region("浙江", rollup=True).statistic("新增對標達標企業")
    assert figure is not None
    assert (figure.value, figure.kind, str(figure.period)) == (154, "increment", "2020/2023")


def test_nothing_is_known_before_the_article_certainly_appeared(timeline: pl.Timeline) -> None:
    """Known time: the article is dated 2021/2023, so with known=2023-12-30 none of its 59
    facts is on record; with known=2023-12-31 all are."""
    before = timeline.as_of(END, known="2023-12-30").region("嘉兴", rollup=True)
    assert (before.events, before.possible) == ((), ())
    after = timeline.as_of(END, known=END)
    assert len(after.region("嘉兴", rollup=True).events) == 58
    assert len([e for e in after.region("浙江").events if e.id.startswith("004-")]) == 1
