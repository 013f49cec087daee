"""Fact identity: several sources of one fact (``same_as``), their refinement, conflict and
settlement (:mod:`policyline._identity`).

The laws: a fact reported again by n more sources counts once, for every n, and cites every
source; refinement is commutative and idempotent and never widens; adding a source to a
fact in conflict never makes it certain; a settlement, then the retraction of it, restores
the conflict; the claims of a later article are not known before it was recorded. Then
examples with small fixture events written for these tests (not the corpus in events/).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any, cast

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._identity import ABOUT, Agreement, Interval, agreement, interval, meet
from policyline.testing.strategies import (
    BOUND_CHOICES,
    claims,
    days,
    facts,
    imprecise_dates,
    timelines,
)

SOURCE = pl.Source("fixture.txt", "为测试而写")
LAST = "2009-12-31"
LATER = "2025-12-31"
query_days = days(dt.date(2003, 6, 1), dt.date(2008, 6, 30))


def _again(event: pl.Event, number: int, of: str | None = None) -> pl.Event:
    """``event`` as another source reports it, word for word, recorded no earlier."""
    return attrs.evolve(
        event,
        id=f"again{number}-{event.id}",
        same_as=of or event.id,
        source=pl.Source(f"again{number}.txt", "原文"),
    )


@settings(max_examples=60, deadline=None)
@given(timelines(amendments=False), st.integers(1, 4), st.data())
def test_a_fact_reported_by_n_more_sources_counts_once(
    events: list[pl.Event], n: int, data: st.DataObject
) -> None:
    """The facts, every region's figures and tallies are the same with any number of
    corroborating claims; each figure cites the claims."""
    if not events:
        return
    chosen = data.draw(st.lists(st.sampled_from(events), min_size=1, unique_by=lambda e: e.id))
    again = [
        _again(e, k, e.id if k == 0 else f"again{k - 1}-{e.id}") for e in chosen for k in range(n)
    ]
    alone, joined = pl.Timeline(events), pl.Timeline([*events, *again])
    assert joined.facts() == alone.facts()
    day = data.draw(query_days)
    for code in {e.region for e in events}:
        one = alone.as_of(day).region(code, rollup=True)
        many = joined.as_of(day).region(code, rollup=True)
        assert [e.id for e in many.events] == [e.id for e in one.events]
        assert [_number(a) for a in many.statistics] == [_number(a) for a in one.statistics]
        for answer in many.statistics:
            cited = {s.id for s in answer.sources}
            assert all(c.id in cited for c in again if c.same_as and c.id.endswith(tuple(cited)))
        for award in {e.award for e in one.awards}:
            assert many.tally(award).value == one.tally(award).value
    for fact in chosen:
        identity = joined.facts().identities[fact.id]
        assert len(identity.claims) == n + 1
        assert identity.status == "corroborated"


def _number(answer: pl.Figure | pl.Refusal) -> object:
    return answer.shown


def _statistic(event_id: str, value: float, bound: str, effective: str, **more: Any) -> Any:
    return pl.StatisticReported(
        id=event_id,
        region="330100",
        effective=effective,
        recorded=more.pop("recorded", "2021-01-01"),
        source=pl.Source(f"{event_id}.txt", "原文"),
        metric="成员单位",
        value=value,
        unit=more.pop("unit", "家"),
        kind=more.pop("kind", "total"),
        bound=bound,
        **more,
    )


claims_of_one_fact = st.lists(
    st.builds(
        lambda k, value, bound, date: (k, value, bound, date),
        st.integers(0, 99),
        st.sampled_from([80, 85, 87.3, 90, 100]),
        st.sampled_from([*BOUND_CHOICES, "at_most"]),
        imprecise_dates(),
    ),
    min_size=1,
    max_size=5,
)


def _claims(drawn: list[tuple[int, float, str, pl.ImpreciseDate]]) -> list[Any]:
    return [
        _statistic(f"c{number}", value, bound, date.text, **({"same_as": "c0"} if number else {}))
        for number, (_, value, bound, date) in enumerate(drawn)
    ]


def _admitted(outer: Interval, inner: Interval) -> bool:
    """Does ``outer`` admit every value ``inner`` does?"""
    low = outer[0] < inner[0] or (math.isclose(outer[0], inner[0]) and (not outer[1] or inner[1]))
    high = outer[2] > inner[2] or (math.isclose(outer[2], inner[2]) and (not outer[3] or inner[3]))
    return low and high


@given(claims_of_one_fact, st.randoms(use_true_random=False))
def test_refinement_is_commutative_and_idempotent_and_never_widens(
    drawn: list[tuple[int, float, str, pl.ImpreciseDate]], random: Any
) -> None:
    """The claims of a fact in any order, or with one said twice, agree on the same date
    and value; what they agree on lies within every claim."""
    claims = _claims(drawn)
    found = agreement(claims)
    shuffled = list(claims)
    random.shuffle(shuffled)
    assert _meaning(agreement(shuffled)) == _meaning(found)
    assert _meaning(agreement([*claims, claims[-1]])) == _meaning(found)
    if isinstance(found, str):
        return
    changes, _ = found
    effective = changes["effective"]
    assert all(c.effective.earliest <= effective.earliest for c in claims)  # type: ignore[attr-defined]
    assert all(effective.latest <= c.effective.latest for c in claims)  # type: ignore[attr-defined]
    together = interval(attrs.evolve(claims[0], **changes))
    # Shown as one figure, a two-sided meet is its lower bound: the meet itself never widens.
    meets: Interval | None = interval(claims[0])
    for claim in claims[1:]:
        meets = None if meets is None else meet(meets, interval(claim))
    assert meets is not None
    assert all(_admitted(interval(c), meets) for c in claims)
    assert _admitted(together, meets)


def _meaning(found: Agreement | str) -> object:
    """What an agreement says, whatever claim its words were taken from."""
    if isinstance(found, str):
        return "conflict"
    changes, _ = found
    effective = cast("pl.ImpreciseDate", changes["effective"])
    shown = {k: v for k, v in changes.items() if k != "effective"}
    return (effective.earliest, effective.latest, interval_of(shown))


def interval_of(shown: dict[str, object]) -> object:
    if "value" not in shown:
        return None
    value, bound = shown["value"], shown["bound"]
    return (round(float(value), 6), bound)  # type: ignore[arg-type]


@given(claims_of_one_fact, claims_of_one_fact)
def test_adding_a_source_never_makes_a_conflict_certain(
    drawn: list[tuple[int, float, str, pl.ImpreciseDate]],
    more: list[tuple[int, float, str, pl.ImpreciseDate]],
) -> None:
    """Claims that cannot all be true stay so whatever claims are added: the figure is a
    refusal that lists every claim, at every day."""
    claims = _claims(drawn + more)
    first = claims[: len(drawn)]
    if not isinstance(agreement(first), str):
        return
    timeline = pl.Timeline(claims)
    for day in ("2004-06-30", "2007-12-31", LAST):
        answer = timeline.as_of(day).region("330100").answer("成员单位")
        if answer is not None:
            assert isinstance(answer, pl.Refusal)
            assert answer.conflict
            assert {s.id for s in answer.sources} == {c.id for c in claims}


def _settled(target: str, number: int = 0, recorded: str = "2022-01-01") -> pl.Settled:
    return pl.Settled(
        id=f"settled{number}",
        region="330100",
        effective=recorded,
        recorded=recorded,
        source=pl.Source("bureau.txt", "以统计局数据为准"),
        target=target,
        reason="the bureau's own table",
    )


@given(claims_of_one_fact.filter(lambda d: len(d) > 1), st.data())
def test_a_settlement_then_its_retraction_restores_the_conflict(
    drawn: list[tuple[int, float, str, pl.ImpreciseDate]], data: st.DataObject
) -> None:
    """A settlement makes its claim the fact from its recorded day on; retracting the
    settlement gives back exactly the answers without it."""
    claims = _claims(drawn)
    chosen = data.draw(st.sampled_from(claims))
    settlement = _settled(chosen.id)
    retraction = pl.Retracted(
        id="undo",
        region="330100",
        effective="2023-01-01",
        recorded="2023-01-01",
        source=SOURCE,
        target=settlement.id,
        reason="read again",
    )
    bare, settled = pl.Timeline(claims), pl.Timeline([*claims, settlement])
    undone = pl.Timeline([*claims, settlement, retraction])
    for known in (None, "2021-06-30", "2023-06-30"):
        assert undone.as_of(LAST, known=known).figures() == bare.as_of(LAST, known=known).figures()
    between = undone.as_of(LAST, known="2022-06-30").figures()  # settled, not yet undone
    assert between == settled.as_of(LAST).figures()
    answer = settled.as_of(LAST).region("330100").answer("成员单位")
    assert isinstance(answer, pl.Figure)
    assert (answer.value, answer.bound) == (chosen.value, chosen.bound)
    before = settled.as_of(LAST, known="2021-12-31").figures()
    assert before == bare.as_of(LAST).figures()


@settings(max_examples=40, deadline=None)
@given(timelines(sources=True), query_days, query_days, st.data())
def test_a_later_source_is_not_known_before_it_was_recorded(
    events: list[pl.Event], day: dt.date, known: dt.date, data: st.DataObject
) -> None:
    """As known on K, the answers never change when other sources' claims (sharper or
    contradicting) and settlements recorded after K are added."""
    joinable = [
        e
        for e in events
        if not isinstance(e, pl.Corrected | pl.Retracted | pl.Settled | pl.PolicyRepealed)
    ]
    if not joinable:
        return
    later: list[pl.Event] = []
    for number in range(data.draw(st.integers(1, 3))):
        of = data.draw(st.sampled_from(joinable))
        claim = data.draw(claims(of, f"late{number}"))
        after = known + dt.timedelta(days=data.draw(st.integers(1, 400)))
        later.append(attrs.evolve(claim, recorded=after.isoformat()))
    settle = attrs.evolve(
        _settled(later[0].id), recorded=(known + dt.timedelta(days=1)).isoformat()
    )
    before, after_all = pl.Timeline(events), pl.Timeline([*events, *later, settle])
    assert after_all.as_of(day, known=known).snapshot() == before.as_of(day, known=known).snapshot()
    assert after_all.as_of(day, known=known).figures() == before.as_of(day, known=known).figures()


@given(facts("f0"), st.integers(2, 5), st.randoms(use_true_random=False))
def test_the_claims_of_a_fact_can_arrive_in_any_order(fact: pl.Event, n: int, random: Any) -> None:
    """A chain of claims (each the same as the one before) and a star (each the same as the
    first) of the same reports give the same fact; the lines' order never matters."""
    chain = [fact, *(_again(fact, k, fact.id if k == 0 else f"again{k - 1}-f0") for k in range(n))]
    star = [fact, *(_again(fact, k) for k in range(n))]
    random.shuffle(chain)
    assert pl.Timeline(chain).facts() == pl.Timeline(star).facts() == pl.Timeline([fact]).facts()


# Examples, with fixture events written for these tests.


def test_a_month_and_a_day_in_it_give_the_day() -> None:
    """去年9月 in one article and 29 September 2020 in the next: the fact happened on the
    29th; certain from then, and before the sharper article was recorded, only the month."""
    month = _statistic("a", 85, "at_least", "2020-09", recorded="2021-03-01", unit="%", kind="rate")
    day = _statistic("b", 87.3, "exact", "2020-09-29", recorded="2020-09-30", unit="%", kind="rate")
    day = attrs.evolve(day, same_as="a", recorded="2021-04-01")
    timeline = pl.Timeline([month, day])
    (fact,) = timeline.facts()
    assert (fact.id, str(fact.effective)) == ("a", "2020-09-29")
    figure = timeline.as_of("2020-09-29").region("杭州").answer("成员单位")
    assert isinstance(figure, pl.Figure)
    assert figure.shown == "87.3 %"
    assert [s.id for s in figure.sources] == ["a", "b"]
    assert timeline.as_of("2020-09-28").region("杭州").answer("成员单位") is None
    earlier = timeline.as_of("2020-09-29", known="2021-03-31").region("杭州")
    assert earlier.answer("成员单位") is None  # the month is not over: possible only
    assert [e.id for e in earlier.possible] == ["a"]
    later = timeline.as_of("2020-10-01", known="2021-03-31").region("杭州").answer("成员单位")
    assert isinstance(later, pl.Figure)
    assert later.shown == "≥85 %"


def test_two_years_for_one_strategy_are_a_conflict_until_settled() -> None:
    """One report dates a strategy to 1993, a later one to 1994: the fact may have happened
    from 1993 and is certain only by the end of 1994; explain shows both claims."""
    first = pl.ProgramLaunched(
        id="w1", region="330300", effective="1993", recorded="2010-01-01",
        source=pl.Source("one.txt", "1993年提出质量立市"), name="质量立市",
    )  # fmt: skip
    second = attrs.evolve(
        first, id="w2", effective="1994", recorded="2015-01-01", same_as="w1",
        source=pl.Source("two.txt", "1994年实施质量立市战略"),
    )  # fmt: skip
    timeline = pl.Timeline([first, second])
    (fact,) = timeline.facts()
    assert str(fact.effective) == "1993/1994"
    mid = timeline.as_of("1994-06-01").region("温州")
    assert mid.events == ()
    assert [e.id for e in mid.possible] == ["w1"]
    text = str(timeline.as_of("1995-01-01").region("温州").explain("质量立市"))
    assert "2 sources (one.txt, two.txt): conflict; the dates do not overlap" in text
    assert "source: two.txt: “1994年实施质量立市战略”" in text
    settled = timeline.extend([_settled("w2", recorded="2016-01-01")])
    assert str(settled.facts()[0].effective) == "1994"
    assert str(settled.as_of("1995", known="2015-12-31").region("温州").explain("w2")).count(
        "conflict"
    )


def test_a_figure_in_conflict_is_never_summed() -> None:
    """A district whose two sources disagree is a refusal, and so is its city's sum; the
    city's own report still stands beside it; every route shows the refusal."""
    one = attrs.evolve(_statistic("d1", 12, "exact", "2021-06"), region="330102")
    two = attrs.evolve(_statistic("d2", 15, "exact", "2021-06"), region="330102", same_as="d1")
    other = attrs.evolve(_statistic("d3", 5, "exact", "2021-06"), region="330105")
    timeline = pl.Timeline([one, two, other])
    city = timeline.as_of("2021-07-01").region("杭州", rollup=True).answer("成员单位")
    assert isinstance(city, pl.Refusal)
    assert "a part is not added up" in city.reason
    district = timeline.as_of("2021-07-01").region("上城区").answer("成员单位")
    assert isinstance(district, pl.Refusal)
    assert district.conflict
    assert district.shown.startswith("in conflict: 2 sources disagree: no value satisfies")
    assert [p.shown for p in district.parts] == ["12 家", "15 家"]
    table = timeline.as_of("2021-07-01").figures("上城区").table().records()
    (row,) = table
    assert row["value"] is None
    assert row["source_ids"] == ["d1", "d2"]
    assert str(row["refused"]).startswith("2 sources disagree")


def test_units_that_count_alike_refine_and_units_that_do_not_conflict() -> None:
    """家 and 个 count the same firms (15 家 and ≥10 个 give 15 家); 家 and 家次 do not."""
    firms = _statistic("u1", 15, "exact", "2021")
    loose = _statistic("u2", 10, "at_least", "2021", unit="个", same_as="u1")
    times = _statistic("u3", 20, "exact", "2021", unit="家次", same_as="u1")
    figure = pl.Timeline([firms, loose]).as_of(LATER).region("杭州").answer("成员单位")
    assert isinstance(figure, pl.Figure)
    assert figure.shown == "15 家"
    refusal = pl.Timeline([firms, loose, times]).as_of(LATER).region("杭州").answer("成员单位")
    assert isinstance(refusal, pl.Refusal)
    assert "the units count different things (家 vs 个 vs 家次)" in refusal.reason


def test_about_admits_a_value_near_it() -> None:
    """≈3000 and 3160 are one figure (within ABOUT); ≈3000 and 4000 are not."""
    about = _statistic("v1", 3000, "about", "2021")
    near = _statistic("v2", 3160, "exact", "2021", same_as="v1")
    far = _statistic("v3", 3000 * (1 + 2 * ABOUT), "exact", "2021", same_as="v1")
    assert pl.Timeline([about, near]).as_of(LATER).region("杭州").answer("成员单位").shown == (  # type: ignore[union-attr]
        "3160 家"
    )
    assert isinstance(
        pl.Timeline([about, far]).as_of(LATER).region("杭州").answer("成员单位"), pl.Refusal
    )


def test_every_route_cites_every_source(tmp_path: Any) -> None:
    """The command's explain and the figures' CSV cite both sources of one fact."""
    import contextlib
    import io

    from policyline._cli.main import main
    from policyline._wire import encode_line

    first = _statistic("a", 40, "at_least", "2021-09")
    second = _statistic("b", 42, "exact", "2021-09-15", same_as="a")
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"".join(encode_line(e) + b"\n" for e in (first, second)))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert (
            main(["explain", "杭州", "成员单位", "--on", "2021-10-01", "--store", str(path)]) == 0
        )
    assert "2 sources (a.txt, b.txt): refined" in out.getvalue()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert (
            main(
                ["asof", "2021-10-01", "--region", "杭州", "--format", "csv", "--store", str(path)]
            )
            == 0
        )
    assert "42" in out.getvalue()
    assert "a.txt" in out.getvalue()
    assert "b.txt" in out.getvalue()


def test_pairs_of_claims_meet_symmetrically() -> None:
    """meet(a, b) == meet(b, a) for every pair of the bounds a report can have."""
    values = [10.0, 12.0]
    reports = [
        _statistic("x", value, bound, "2021")
        for value, bound in itertools.product(values, [*BOUND_CHOICES, "at_most"])
    ]
    for a, b in itertools.product(reports, repeat=2):
        assert meet(interval(a), interval(b)) == meet(interval(b), interval(a))


def test_the_report_quotes_every_claim() -> None:
    """The report's sources table has a row for each claim of a fact, marked as such."""
    from policyline._render.html import render_report

    first = _statistic("a", 40, "at_least", "2021-09")
    second = attrs.evolve(
        _statistic("b", 42, "exact", "2021-09-15"), same_as="a", source=pl.Source("b.txt", "42家")
    )
    page = render_report(
        pl.Timeline([first, second]), on="2021-12-31", region_name="杭州", picture=False
    )
    assert "[claim 1 of a: 2 sources, refined]" in page
    assert "[claim 2 of a: 2 sources, refined]" in page
    assert "<q>42家</q>" in page
