"""Honest roll-ups: a sum says how exact it is, which children it covers, and in what unit.

The laws: a rolled-up figure is exact only if every child reported, at one reference
date, exactly; its coverage lists exactly the children; its bound is sound (whatever the
children that did not report hold, the true total satisfies it); interchangeable units
add up and others are refused with the units named.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline._figures import UNITS, unit_of
from policyline._regions import all_regions, children
from policyline.testing.strategies import timelines

SOURCE = pl.Source("test.txt", "某某")
PARENTS = [r.code for r in all_regions() if children(r.code)]
METRIC = "认证企业"


def total(
    region: str,
    value: float,
    day: str,
    *,
    unit: str = "家",
    bound: str = "exact",
    n: int = 0,
    metric: str = METRIC,
    period: str | None = None,
) -> pl.StatisticReported:
    """A report of ``metric`` (an increment over ``period`` if one is given)."""
    return pl.StatisticReported(
        id=f"{region}-{day}-{n}",
        region=region,
        effective=day,
        recorded=day,
        source=SOURCE,
        metric=metric,
        value=value,
        unit=unit,
        kind="total" if period is None else "increment",
        bound=bound,
        period=period,
    )


def _check(answer: pl.Figure | pl.Refusal, state: pl.State) -> None:
    """The coverage of a rolled-up answer, recursively: exactly the children (in the
    division list of its day), each with
    the answer the child itself gives; exact only when complete and every part exact."""
    if isinstance(answer, pl.Refusal) or answer.coverage is None:
        return
    coverage = answer.coverage
    below = [c.code for c in children(answer.region, on=coverage.day)]  # the list of its day
    reported = [p.region for p in coverage.parts]
    assert sorted(reported + list(coverage.missing)) == sorted(below)
    assert not set(reported) & set(coverage.missing)
    assert reported == [c for c in below if c in reported]  # gazetteer order
    for part in coverage.parts:
        again = state.region(part.region, rollup=True).answer(answer.metric, kind=answer.kind)
        assert again == part
        _check(part, state)
    if answer.bound == "exact":
        assert coverage.complete
        assert all(isinstance(p, pl.Figure) and p.bound == "exact" for p in coverage.parts)


@given(timelines())
def test_a_rollup_is_exact_only_when_complete_and_lists_exactly_its_children(
    events: list[pl.Event],
) -> None:
    """For every parent and statistic: the coverage law above, on the figure itself and
    on the region's other claim."""
    state = pl.Timeline(events).as_of("2008-12-31")
    for code in PARENTS:
        for answer in state.region(code, rollup=True).statistics:
            _check(answer, state)
            if answer.other is not None:
                _check(answer.other, state)


@given(
    st.dictionaries(
        st.sampled_from([c.code for c in children("330100")]),
        st.tuples(st.integers(0, 500), st.sampled_from(["2021-09-15", "2021-06-30", "2021"])),
        min_size=1,
    ),
    st.lists(st.integers(0, 10_000), min_size=13, max_size=13),
)
def test_the_bound_of_a_sum_holds_for_any_completion(
    reports: dict[str, tuple[int, str]], completion: list[int]
) -> None:
    """Hangzhou's districts report some totals on some dates; whatever the others hold
    (any non-negative count), the true city total satisfies the rolled-up figure's bound:
    equal to it if exact, at least it if a lower bound."""
    events = [total(code, value, day) for code, (value, day) in reports.items()]
    figure = pl.Timeline(events).as_of("2021-12-31").region("杭州", rollup=True).statistic(METRIC)
    assert isinstance(figure, pl.Figure)
    assert figure.coverage is not None
    districts = [c.code for c in children("330100")]
    true_total = sum(
        reports[code][0] if code in reports else extra
        for code, extra in zip(districts, completion, strict=True)
    )
    if figure.bound == "exact":
        assert true_total == figure.value
        assert len(reports) == len(districts)
        assert len({day for _, day in reports.values()}) == 1
    else:
        assert figure.bound == "at_least"
        assert true_total >= figure.value
        assert figure.value == sum(value for value, _ in reports.values())


def test_a_complete_sum_at_one_date_is_exact() -> None:
    """Every Zhoushan district and county reports on one day: the city's sum is exact."""
    codes = [c.code for c in children("330900")]
    events = [total(code, 10, "2021-09-15") for code in codes]
    figure = pl.Timeline(events).as_of("2021-12-31").region("舟山", rollup=True).statistic(METRIC)
    assert figure is not None
    assert (figure.value, figure.bound, figure.shown) == (40, "exact", "40 家")
    assert figure.coverage is not None
    assert figure.coverage.complete


def test_children_on_different_dates_give_a_lower_bound_that_says_so() -> None:
    """Two cities, eleven years apart: at least their sum, and the text names both dates
    and how many cities said nothing."""
    events = [total("330100", 12, "2021-09-15"), total("330300", 2, "2010-12-31")]
    figure = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True).statistic(METRIC)
    assert figure is not None
    assert figure.shown == "≥14 家"
    assert str(figure.coverage) == (
        "杭州市 12 家 (2021-09-15), 温州市 2 家 (2010-12-31); 9 of 11 cities not reported"
    )
    assert str(figure).endswith(f": {figure.coverage}")


def test_a_national_sum_of_two_provinces_is_a_lower_bound_and_zhejiang_never_includes_it() -> None:
    """The gazetteer lists every province: a national sum over the two that report is a
    lower bound naming the 32 that did not; national facts never reach a rolled-up Zhejiang."""
    events = [
        total("330000", 5, "2021"),
        total("350000", 3, "2021"),
        total("100000", 100, "2021"),
    ]
    state = pl.Timeline(events).as_of("2021-12-31")
    zhejiang = state.region("浙江", rollup=True).statistic(METRIC)
    assert zhejiang is not None
    assert (zhejiang.value, zhejiang.coverage) == (5, None)
    nation = state.region("全国", rollup=True).statistic(METRIC)
    assert nation is not None
    assert nation.value == 100
    assert isinstance(nation.other, pl.Figure)
    assert (nation.other.value, nation.other.bound) == (8, "at_least")
    assert nation.other.coverage is not None
    assert not nation.other.coverage.unlisted
    assert len(nation.other.coverage.missing) == 32
    assert "32 of 34 provinces not reported" in str(nation.other.coverage)


def test_a_parents_own_report_and_its_childrens_sum_are_both_shown() -> None:
    """Hangzhou says 50; its districts add up to at least 7 on the same day: the answer is
    Hangzhou's own report, and the sum stands beside it (neither silently wins). A district
    reporting certainly later makes the sum the answer, the city's report beside it."""
    events = [total("330100", 50, "2021-06"), total("330110", 7, "2021-06-30")]
    figure = pl.Timeline(events).as_of("2021-12-31").region("杭州", rollup=True).statistic(METRIC)
    assert figure is not None
    assert figure.value == 50
    assert figure.coverage is None
    assert isinstance(figure.other, pl.Figure)
    assert figure.other.shown == "≥7 家"
    later = [*events, total("330110", 9, "2021-09-15", n=1)]
    figure = pl.Timeline(later).as_of("2021-12-31").region("杭州", rollup=True).statistic(METRIC)
    assert figure is not None
    assert figure.shown == "≥9 家"
    assert isinstance(figure.other, pl.Figure)
    assert figure.other.value == 50


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (("家", "个"), "≥5 家"),
        (("家", "個"), "≥5 家"),
        (("名", "人"), "≥5 名"),
        (("项", "項"), "≥5 项"),
        (("张", "張"), "≥5 张"),
        (("家(次)", "家次"), "≥5 家次"),
        (("家（次）", "家(次)"), "≥5 家次"),
        (("亿元", "万元"), "≥2.0003 亿元"),
    ],
)
def test_interchangeable_units_add_up_in_the_unit_they_normalise_to(
    units: tuple[str, str], expected: str
) -> None:
    """Units that count the same things add up; the figure shows the unit they were
    normalised to (money in the larger of its units)."""
    first, second = units
    events = [
        total("330100", 2, "2021-09-15", unit=first),
        total("330300", 3, "2021-09-15", unit=second),
    ]
    figure = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True).statistic(METRIC)
    assert figure is not None
    assert figure.shown == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [("家", "家次"), ("家", "批次"), ("名", "家"), ("张", "项"), ("次", "家次")],
)
def test_units_that_count_different_things_are_refused_with_both_named(
    first: str, second: str
) -> None:
    """家 counts firms, 家次 award-times, 批次 batches: never added up, and the refusal
    names the units on every route (``statistics`` and ``answer`` alike)."""
    events = [
        total("330100", 2, "2021-09-15", unit=first),
        total("330300", 3, "2021-09-15", unit=second),
    ]
    state = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True)
    answer = state.answer(METRIC)
    assert isinstance(answer, pl.Refusal)
    assert answer.reason == f"the units differ ({' vs '.join(sorted((first, second)))})"
    assert state.statistics == (answer,)
    with pytest.raises(pl.errors.IncompatibleFigures):
        state.statistic(METRIC)


def test_an_upper_bound_beside_missing_children_is_refused() -> None:
    """At most 5 in one city and nothing from ten others has no bound at all: refused,
    never printed as ≤5 or ≈5."""
    events = [total("330100", 5, "2021-09-15", bound="at_most")]
    answer = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True).answer(METRIC)
    assert isinstance(answer, pl.Refusal)
    assert "at most" in answer.reason
    assert "no bound" in answer.reason


def test_the_unit_table_folds_spellings_and_names_each_base_once() -> None:
    """Every listed unit maps to a base that maps to itself, with factor 1."""
    for unit, (base, _) in UNITS.items():
        assert UNITS[base] == (base, 1), unit
    assert unit_of("萬元") == ("元", 10_000)
    assert unit_of("個") == ("家", 1)
    assert unit_of("批次") == ("批次", 1)


def test_a_tally_over_an_incomplete_rollup_is_a_lower_bound() -> None:
    """The tally starts from the rolled-up total, so it carries its bound and coverage."""
    award = "浙江省政府质量奖"
    events = [total("330100", 12, "2021-09-15", metric=award)]
    tally = (
        pl.Timeline(events).as_of(dt.date(2021, 12, 31)).region("浙江", rollup=True).tally(award)
    )
    assert (tally.value, tally.shown) == (12, "≥12")
    assert tally.coverage is not None
    assert len(tally.coverage.missing) == 10


@given(
    st.integers(0, 30),
    st.lists(st.sampled_from(["2020-05", "2021-03-01", "2021", "2022-12-31", "2021/2022"])),
)
def test_a_tally_from_a_round_is_a_sound_lower_bound(
    round_size: int, grant_days: list[str]
) -> None:
    """A round of ``round_size`` grants over 2021 and some grant events, inside or outside
    it: the tally is a lower bound that is never below the round's count nor below the
    number of grants known (each grant event is a real grant), and never counts a grant
    that may be one of the round's on top of it."""
    award = "市长质量奖"
    round_report = total("330400", round_size, "2021-12-31", metric=award, period="2021")
    grants = [
        pl.AwardGranted(
            id=f"g{n}",
            region="330400",
            effective=day,
            recorded="2023-01-01",
            source=SOURCE,
            award=award,
            recipient=f"企业{n}",
        )
        for n, day in enumerate(grant_days)
    ]
    state = pl.Timeline([round_report, *grants]).as_of("2023-06-30").region("嘉兴")
    tally = state.tally(award)
    assert tally.bound == "at_least"
    assert tally.value >= round_size
    assert tally.value >= len(grants)
    outside = [
        g for g, day in zip(grants, grant_days, strict=True) if day in ("2020-05", "2022-12-31")
    ]
    assert set(tally.events) == set(outside)
    assert tally.value <= round_size + len(grants)


@pytest.mark.parametrize(
    ("units", "expected"),
    [(("億元", "亿元"), "≥5 亿元"), (("万元", "萬元"), "≥5 万元"), (("萬條", "万条"), "≥5 万条")],
)
def test_one_unit_in_two_scripts_keeps_its_scale(units: tuple[str, str], expected: str) -> None:
    """億元 and 亿元 are one unit: their sum is in 亿元, never in 元 unscaled."""
    events = [
        total("330100", 2, "2021-09-15", unit=units[0]),
        total("330300", 3, "2021-09-15", unit=units[1]),
    ]
    figure = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True).statistic(METRIC)
    assert figure is not None
    assert figure.shown == expected


@pytest.mark.parametrize("unit", ["%", "％", "‰"])
def test_percentages_are_never_added_up_whatever_their_kind(unit: str) -> None:
    """A share reported as a total is still a share: refused, like a rate."""
    events = [
        total("330100", 85, "2021-09-15", unit=unit),
        total("330300", 90, "2021-09-15", unit=unit),
    ]
    answer = pl.Timeline(events).as_of("2021-12-31").region("浙江", rollup=True).answer(METRIC)
    assert isinstance(answer, pl.Refusal)
    assert "percentages cannot be added up" in answer.reason


@pytest.mark.parametrize(("bound", "expected"), [("at_most", "≥1"), ("about", "≥1")])
def test_a_round_that_may_be_smaller_gives_only_the_grants_known(bound: str, expected: str) -> None:
    """“At most 5” or “about 5” in a round and one grant known: the tally is at least the
    one grant, never at least 6."""
    award = "奖A"
    events: list[pl.Event] = [
        total("330302", 5, "2021-06-30", metric=award, period="2021-01/2021-06", bound=bound),
        pl.AwardGranted(
            id="g1",
            region="330302",
            effective="2019-05-01",
            recorded="2019-05-01",
            source=SOURCE,
            award=award,
            recipient="X",
        ),
    ]
    tally = pl.Timeline(events).as_of("2021-12-31").region("330302").tally(award)
    assert tally.shown == expected


def test_rounds_that_cannot_be_added_leave_the_grants_as_a_lower_bound() -> None:
    """Two districts' rounds over different periods cannot be added up: the city's tally
    is at least its known grants (here none), not an error."""
    award = "奖A"
    events = [
        total("330302", 5, "2021-06-30", metric=award, period="2021-01/2021-06"),
        total("330303", 3, "2021-12-31", metric=award, period="2021"),
    ]
    tally = pl.Timeline(events).as_of("2022-06-30").region("温州", rollup=True).tally(award)
    assert (tally.value, tally.bound) == (0, "at_least")
