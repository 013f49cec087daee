"""Article 002 (质量与认证, Zhejiang, published 2017-10-23): as-of answers against its words.

Every test quotes the sentence it checks. The demonstration zones are dated
2013/2017-10-23 (applications began in 2013; known by publication); "今年初" is read as the
first half of 2017 (the widest reading) and "8月份" as 2017-08. National facts are under 全国
(100000).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policyline as pl
from policyline import errors

EVENTS = Path(__file__).resolve().parents[1] / "events"
PUBLISHED = "2017-10-23"
APPROVED = "获批国家级产品质量提升示范项目(区)"
ZONES = {
    "002-taizhou-smart-toilet-demo-zone",
    "002-tiantai-auto-interior-demo-zone",
    "002-pujiang-padlock-demo-zone",
}


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def zhejiang(timeline: pl.Timeline, date: str) -> pl.RegionState:
    return timeline.as_of(date).region("浙江", rollup=True)


def test_twenty_zones_approved_and_the_four_named_are_among_them(timeline: pl.Timeline) -> None:
    """“目前,全国共批准国家级产品质量提升示范项目(区)42个,其中浙江已获批20个” — 20, a total
    at publication, that already counts the three zones named in the list, so a rollup counts
    them once."""
    assert zhejiang(timeline, "2017-10-22").statistic(APPROVED) is None
    figure = zhejiang(timeline, PUBLISHED).statistic(APPROVED)
    assert figure is not None
    assert (figure.value, figure.kind, figure.region) == (20, "total", "330000")
    assert figure.counted == ZONES | {"002-zhejiang-national-demo-zones-approved"}


def test_named_zones_are_possible_from_2013_and_certain_at_publication(
    timeline: pl.Timeline,
) -> None:
    """“从2013年开始,浙江各县(市、区)政府纷纷提出申报国家级质量提升示范区(项目)” and
    “台州智能马桶、天台汽车内饰品、浦江挂锁等20个产业实施质量提升示范创建” — none before 2013,
    possible 2013-01-01 … 2017-10-22, certain on 2017-10-23."""

    def split(date: str) -> tuple[set[str], set[str]]:
        state = zhejiang(timeline, date)
        return (
            {e.id for e in state.designations} & ZONES,
            {e.id for e in state.possible} & ZONES,
        )

    assert split("2012-12-31") == (set(), set())
    assert split("2013-01-01") == (set(), ZONES)
    assert split("2017-10-22") == (set(), ZONES)
    assert split(PUBLISHED) == (ZONES, set())


def test_output_growth_does_not_make_shengzhou_a_zone(timeline: pl.Timeline) -> None:
    """“台州智能马桶、嵊州厨具产业总产值增长尤为明显,同比分别增长94.15%和68.6%” is about output
    growth; 嵊州厨具 is not in the list of the 20, so 嵊州 has its figures and no designation."""
    shengzhou = timeline.as_of(PUBLISHED).region("嵊州")
    assert shengzhou.designations == ()
    growth = shengzhou.statistic("嵊州厨具产业总产值同比增长")
    assert growth is not None
    assert (growth.value, growth.kind) == (68.6, "rate")
    everywhere = timeline.as_of(PUBLISHED).region("全国", rollup=True).designations
    assert "嵊州厨具" not in {d.designee for d in everywhere}


def test_national_facts_are_the_nations_and_never_zhejiangs(timeline: pl.Timeline) -> None:
    """“近日,党中央、国务院印发《关于开展质量提升行动的指导意见》” and “全国共批准…42个” are
    national (100000): the guideline is a national policy, the 42 a national total that covers
    Zhejiang's 20; Zhejiang rolled up has neither."""
    nation = timeline.as_of(PUBLISHED).region("全国")
    assert [(p.title, p.issuer) for p in nation.policies] == [
        ("《关于开展质量提升行动的指导意见》", "党中央、国务院")
    ]
    total = nation.statistic(APPROVED)
    assert total is not None
    assert (total.value, total.kind, total.region) == (42, "total", "100000")
    assert "002-zhejiang-national-demo-zones-approved" in total.counted
    zhejiang_state = zhejiang(timeline, PUBLISHED)
    assert not [p for p in zhejiang_state.policies if p.region == "100000"]
    twenty = zhejiang_state.statistic(APPROVED)
    assert twenty is not None
    assert twenty.value == 20
    assert "002-national-demo-zones-approved" not in twenty.counted
    assert all(e.region != "100000" for e in (*zhejiang_state.events, *zhejiang_state.possible))


def test_guideline_recently_issued_is_possible_for_a_magazines_recent_days(
    timeline: pl.Timeline,
) -> None:
    """“近日…印发” in a magazine: the 90 days up to publication (wider than a daily's 30), so
    the guideline is possible from 2017-07-26 and certain only on the publication day."""
    guideline = "002-national-quality-improvement-action-guideline"
    assert guideline not in {e.id for e in timeline.as_of("2017-07-25").region("全国").possible}
    assert guideline in {e.id for e in timeline.as_of("2017-09-10").region("全国").possible}
    assert timeline.as_of("2017-10-22").region("全国").policies == ()
    assert len(timeline.as_of(PUBLISHED).region("全国").policies) == 1


def test_first_batch_is_an_increment_and_implies_its_total(timeline: pl.Timeline) -> None:
    """“前期,浙江质监局共向阿里巴巴推送42家…首批入驻“天猫·品质频道”” — one batch is an
    increment over its window; 首批 (the first batch) implies the running total right after it
    was 42, dated to the batch (not to publication), and that total counts the batch once."""
    state = timeline.as_of(PUBLISHED).region("浙江")
    batch = state.statistic(
        "向阿里巴巴推送首批入驻“天猫·品质频道”的质量提升示范区和“浙江制造”优秀企业"
    )
    assert batch is not None
    assert (batch.value, batch.kind, str(batch.period)) == (
        42,
        "increment",
        "2017-01-01/2017-10-23",
    )
    total = state.statistic("向阿里巴巴推送入驻“天猫·品质频道”的质量提升示范区和“浙江制造”优秀企业")
    assert total is not None
    assert (total.value, total.kind, str(total.date)) == (42, "total", "2017-01-01/2017-10-23")
    assert "002-zhejiang-tmall-quality-channel-first-batch" in total.counted


def test_each_zone_sits_in_the_county_the_article_names(timeline: pl.Timeline) -> None:
    """“浦江挂锁” belongs to 浦江县 (a county of 金华), not to the province."""
    assert [d.designee for d in timeline.as_of(PUBLISHED).region("浦江").designations] == [
        "浦江挂锁"
    ]
    assert timeline.as_of(PUBLISHED).region("浙江").designations == ()
    assert len(timeline.as_of(PUBLISHED).region("金华", rollup=True).designations) == 1


def test_pass_rate_of_2016_is_a_rate_of_that_year(timeline: pl.Timeline) -> None:
    """“2016年,嵊州厨具监督抽查合格率为98.13%” — not reported in 2015, possible mid-2016,
    98.13% (rate) at the end of 2016."""
    metric = "嵊州厨具监督抽查合格率"
    assert timeline.as_of("2015-12-31").region("嵊州").statistic(metric) is None
    middle = timeline.as_of("2016-06-30").region("嵊州")
    assert middle.statistic(metric) is None
    assert "002-shengzhou-kitchenware-pass-rate-2016" in {e.id for e in middle.possible}
    figure = timeline.as_of("2016-12-31").region("嵊州").statistic(metric)
    assert figure is not None
    assert (figure.value, figure.unit, figure.kind) == (98.13, "%", "rate")


def test_rates_are_never_added_up(timeline: pl.Timeline) -> None:
    """“台州智能马桶、嵊州厨具产业总产值增长尤为明显,同比分别增长94.15%和68.6%” — growth rates
    of different places cannot be summed into a provincial figure."""
    taizhou = timeline.as_of(PUBLISHED).region("台州").statistic("台州智能马桶产业总产值同比增长")
    assert taizhou is not None
    assert (taizhou.value, taizhou.kind) == (94.15, "rate")
    with pytest.raises(errors.IncompatibleFigures):
        zhejiang(timeline, PUBLISHED).statistic("台州智能马桶产业总产值同比增长")


def test_special_funds_are_about_5_2_yi(timeline: pl.Timeline) -> None:
    """“浙江省用于质量提升示范创建工作专项资金大约5.2亿余元” — about 5.2 亿元, not exactly."""
    figure = timeline.as_of(PUBLISHED).region("浙江").statistic("用于质量提升示范创建工作专项资金")
    assert figure is not None
    assert (figure.value, figure.unit, figure.bound) == (5.2, "亿元", "about")


def test_built_so_far_are_totals_at_publication(timeline: pl.Timeline) -> None:
    """“截至目前,浙江已建成质量提升检测平台10个,研发中心12个,技术平台5个”."""
    state = timeline.as_of(PUBLISHED).region("浙江")
    values = [
        f.value if (f := state.statistic(m)) is not None else None
        for m in ("已建成质量提升检测平台", "已建成研发中心", "已建成技术平台")
    ]
    assert values == [10, 12, 5]
    assert timeline.as_of("2017-10-22").region("浙江").statistic("已建成研发中心") is None


def test_memorandum_early_this_year_and_channel_in_august(timeline: pl.Timeline) -> None:
    """“今年初,浙江省质监局与阿里巴巴集团就加强电子商务产品监管签订合作备忘录,8月份…合力打造
    “天猫·品质频道”专区” — 今年初 is vague, so it is read widely, as the first half of 2017: the
    memo is possible on 2017-01-15 and still only possible in March (the text does not exclude
    it), certain from 2017-06-30;
    the channel is absent on 2017-07-31, possible on 2017-08-15, there on 2017-08-31."""
    memo = "002-zhejiang-alibaba-ecommerce-supervision-memo"
    assert timeline.as_of("2016-12-31").region("浙江").agreements == ()
    assert memo in {e.id for e in timeline.as_of("2017-01-15").region("浙江").possible}
    march = timeline.as_of("2017-03-15").region("浙江")
    assert march.agreements == ()
    assert memo in {e.id for e in march.possible}
    assert timeline.as_of("2017-06-29").region("浙江").agreements == ()
    assert [a.id for a in timeline.as_of("2017-06-30").region("浙江").agreements] == [memo]

    def channel(date: str) -> tuple[int, int]:
        state = timeline.as_of(date).region("浙江")
        maybe = [e for e in state.possible if isinstance(e, pl.PlatformLaunched)]
        return len(state.platforms), len(maybe)

    assert channel("2017-07-31") == (0, 0)
    assert channel("2017-08-15") == (0, 1)
    assert channel("2017-08-31") == (1, 0)


def test_nothing_is_known_before_publication(timeline: pl.Timeline) -> None:
    """Known time: on 2017-10-22 none of the article's 18 Zhejiang facts was on record (the
    2010 article's facts were); its two national facts are not in Zhejiang."""

    def from_002(known: str) -> list[pl.Event]:
        state = timeline.as_of(PUBLISHED, known=known).region("浙江", rollup=True)
        return [e for e in (*state.events, *state.possible) if e.id.startswith("002-")]

    assert from_002("2017-10-22") == []
    assert len(from_002(PUBLISHED)) == 18
    assert timeline.as_of(PUBLISHED, known="2017-10-22").region("温州").events
