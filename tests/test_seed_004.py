"""Article 004 (嘉興, 中國市場監管報, dated only to 2023-03-30/2024-12-31): as-of answers
against its words.

Every test quotes the sentence it checks (romanisation removed). The article names 中核核電's
中國標準創新貢獻獎, presented at the first 中國標準化大會 on 2023-03-30, inside its own frame
去年以來, so it appeared between 2023-03-30 and 2024-12-31 (events/README.md). 去年 resolves to
2022/2023, 今年/今年以來 to 2023/2024, the frame 去年以來 to 2022/2024; the article's facts are
possible from 2023-03-30 (or earlier, for dated windows) and certain, and known, only from
2024-12-31.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl

EVENTS = Path(__file__).resolve().parents[1] / "events"
END = "2024-12-31"
CQOS = "培育企业首席质量官"


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def test_cqos_cultivated_not_reported_until_the_interval_ends(timeline: pl.Timeline) -> None:
    """“積極推行企業“首席質量官”制度,培育企業首席質量官347名” — a total dated
    2023-03-30/2024-12-31: nothing before the earliest publication day, only possible in
    mid-2024, at least 347 on 2024-12-31 (培育 may be the frame's work or everything so far;
    the running total is at least 347 either way)."""
    assert timeline.as_of("2023-03-29").region("嘉兴").statistic(CQOS) is None
    early = timeline.as_of("2023-03-29").region("嘉兴").possible
    assert "004-jiaxing-cqos-cultivated" not in {e.id for e in early}
    middle = timeline.as_of("2024-06-30").region("嘉兴")
    assert middle.statistic(CQOS) is None
    assert "004-jiaxing-cqos-cultivated" in {e.id for e in middle.possible}
    figure = timeline.as_of(END).region("嘉兴").statistic(CQOS)
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind, figure.bound) == (
        347,
        "名",
        "total",
        "at_least",
    )


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
    article's frame 去年以來 (2022/2024), not a total."""
    figure = timeline.as_of(END).region("嘉兴").statistic("新增对标达标企业")
    assert figure is not None
    assert (figure.value, figure.kind, str(figure.period)) == (154, "increment", "2022/2024")


def test_this_year_counts_are_increments_over_this_year(timeline: pl.Timeline) -> None:
    """“今年以來已服務企業1694家” and “今年已發動專家、技術人員入企服務230余次” — increments over
    今年 (2023/2024); 230余 is more than 230."""
    state = timeline.as_of(END).region("嘉兴")
    served = state.statistic("“一站式”服務平臺服務企業")
    visits = state.statistic("發動專家、技術人員入企服務")
    assert served is not None
    assert visits is not None
    assert (served.value, served.kind, str(served.period)) == (1694, "increment", "2023/2024")
    assert (visits.value, visits.kind, visits.bound) == (230, "increment", "more_than")


def test_basically_full_coverage_is_words_not_a_number(timeline: pl.Timeline) -> None:
    """“基本實現各級政府質量獎和“品字標”企業首席質量官聘任全覆蓋” — the article gives no number:
    no rate is stored for it (Jiaxing reports no percentage at all); the claim is kept, as
    words, in the CQO system's description."""
    state = timeline.as_of(END).region("嘉兴")
    assert [f for f in state.statistics if f.kind == "rate"] == []
    assert "004-jiaxing-cqo-coverage-award-and-pinzibiao-enterprises" not in {
        e.id for e in timeline
    }
    (system,) = [p for p in state.programs if p.id == "004-jiaxing-cqo-system"]
    assert "基本實現各級政府質量獎和“品字標”企業首席質量官聘任全覆蓋" in (system.description or "")


def test_one_selection_round_is_an_increment_not_a_total(timeline: pl.Timeline) -> None:
    """“開展市長質量獎評選,認定各類市級市長質量獎企業19家,發放獎補資金310萬元” — one round's
    19 firms and its 310萬元 are increments over the frame (2022/2024), so “how many hold the
    award” has no exact answer from this article: the tally is at least the round's 19."""
    state = timeline.as_of(END).region("嘉兴")
    firms = state.statistic("市长质量奖")
    funds = state.statistic("發放市長質量獎獎補資金")
    assert firms is not None
    assert funds is not None
    assert (firms.value, firms.unit, firms.kind, str(firms.period)) == (
        19,
        "家",
        "increment",
        "2022/2024",
    )
    assert (funds.value, funds.kind, str(funds.period)) == (310, "increment", "2022/2024")
    assert state.statistic("市长质量奖", kind="total") is None
    tally = state.tally("市长质量奖")
    assert (tally.value, tally.shown, tally.bound) == (19, "≥19", "at_least")
    assert [s.id for s in tally.statistics] == ["004-jiaxing-mayor-quality-award-enterprises"]


def test_a_periods_spot_checks_are_an_increment(timeline: pl.Timeline) -> None:
    """“全市完成監督抽查1922批次” — spot checks carried out in a period: an increment over it."""
    figure = timeline.as_of(END).region("嘉兴").statistic("完成監督抽查")
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind, str(figure.period)) == (
        1922,
        "批次",
        "increment",
        "2022/2024",
    )


def test_breaking_zero_gives_a_total_of_one_counted_once(timeline: pl.Timeline) -> None:
    """“新增全省首批“品字標”浙江服務企業1家,實現全市“品字標”浙江服務零的突破” — the total went
    from 0 to 1: 0 on 2021-12-31 (before the frame could begin), only possible in between,
    exactly 1 at publication, and that total covers the +1 so nothing is counted twice."""
    metric = "“品字标”浙江服务企业"
    before = timeline.as_of("2021-12-31").region("嘉兴").statistic(metric)
    assert before is not None
    assert (before.value, before.kind) == (0, "total")
    middle = timeline.as_of("2024-06-30").region("嘉兴")
    middle_figure = middle.statistic(metric)
    assert middle_figure is not None
    assert middle_figure.value == 0
    assert "004-jiaxing-pinzibiao-zhejiang-service-enterprises-total" in {
        e.id for e in middle.possible
    }
    state = timeline.as_of(END).region("嘉兴")
    total = state.statistic(metric)
    assert total is not None
    assert (total.value, total.unit, total.kind, total.bound) == (1, "家", "total", "exact")
    assert "004-jiaxing-new-pinzibiao-zhejiang-service-enterprises" in total.counted
    added = state.statistic("新增“品字標”浙江服務企業(全省首批)")
    assert added is not None
    assert (added.value, added.kind, str(added.period)) == (1, "increment", "2022/2024")


def test_the_campaign_is_not_called_provincial(timeline: pl.Timeline) -> None:
    """“扎實推進“騰籠換鳥、鳳凰涅槃”攻堅行動” — the article does not say which level set the
    campaign; the event claims only that Jiaxing pushes it on."""
    event = timeline["004-jiaxing-tenglong-huanniao-campaign"]
    assert isinstance(event, pl.ProgramLaunched)
    assert event.description == "嘉興市扎實推進"
    assert "省" not in (event.description or "")
    assert "provincial" not in (event.note or "")


def test_more_than_1000_trainees_is_a_cumulative_total(timeline: pl.Timeline) -> None:
    """“累計參訓企業超過1000家” — 累計 → total; 超過 → more than 1000."""
    figure = timeline.as_of(END).region("嘉兴").statistic("先進質量管理方法培訓班累計參訓企業")
    assert figure is not None
    assert (figure.value, figure.kind, figure.bound) == (1000, "total", "more_than")


def test_awards_of_the_period_are_possible_from_2022(timeline: pl.Timeline) -> None:
    """“中核核電獲中國標準創新貢獻獎,桐昆集團、長盛軸承獲浙江省標準創新貢獻獎” and
    “巨石集團獲中國專利金獎” — four awards of three different names, dated to the frame
    去年以來 (2022/2024): none in 2021, all possible in mid-2022, all granted by 2024-12-31."""
    assert timeline.as_of("2021-12-31").region("嘉兴").awards == ()
    assert not [
        e
        for e in timeline.as_of("2021-12-31").region("嘉兴").possible
        if isinstance(e, pl.AwardGranted)
    ]
    middle = timeline.as_of("2022-06-30").region("嘉兴")
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
    assert (figure.value, figure.kind, str(figure.period)) == (154, "increment", "2022/2024")


def test_relative_dates_move_with_the_publication_date(timeline: pl.Timeline) -> None:
    """The article's own phrases, against 2023-03-30/2024-12-31: 去年 (the service model was
    begun 去年) is 2022/2023, 今年以來 2023/2024, 去年以來 2022/2024; every fact is recorded on
    the one publication interval."""
    model = timeline["004-jiaxing-three-in-one-quality-service-model"]
    assert str(model.effective) == "2022/2023"
    served = timeline["004-jiaxing-one-stop-platform-enterprises-served"]
    assert isinstance(served, pl.StatisticReported)
    assert str(served.period) == "2023/2024"
    assert {str(e.recorded) for e in timeline if e.id.startswith("004-")} == {
        "2023-03-30/2024-12-31"
    }
    assert model.effective == pl.parse_date_zh("去年", relative_to=model.recorded)
    assert str(pl.parse_date_zh("去年以来", relative_to=model.recorded)) == "2022/2024"


def test_nothing_is_known_before_the_article_certainly_appeared(timeline: pl.Timeline) -> None:
    """Known time: the article is dated 2023-03-30/2024-12-31, so with known=2024-12-30 none
    of its 60 facts is on record; with known=2024-12-31 all are (59 in Jiaxing, 1 in the
    province)."""
    before = timeline.as_of(END, known="2024-12-30").region("嘉兴", rollup=True)
    assert (before.events, before.possible) == ((), ())
    after = timeline.as_of(END, known=END)
    assert len(after.region("嘉兴", rollup=True).events) == 59
    assert len([e for e in after.region("浙江").events if e.id.startswith("004-")]) == 1
