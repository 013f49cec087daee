"""Which statistic a name asks for, everywhere (a state, a history, the command): the
metric itself in either script, or words that name exactly one; anything else is an error
with suggestions, while "not reported here yet" stays ``None``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._hanzi import fold
from policyline.errors import UnknownMetric
from policyline.testing.strategies import timelines

EVENTS = Path(__file__).resolve().parent.parent / "events"


@pytest.fixture(scope="module")
def corpus() -> pl.Timeline:
    return pl.load(EVENTS)


@settings(max_examples=60, deadline=None)
@given(timelines(max_facts=12), st.data())
def test_a_unique_part_of_a_name_asks_for_that_statistic(
    events: list[pl.Event], data: st.DataObject
) -> None:
    """Any piece of a metric's name that is in no other metric's name gives the same
    answer as the whole name, in every region."""
    timeline = pl.Timeline(events)
    metrics = sorted(
        {fold(e.metric) for e in timeline.facts() if isinstance(e, pl.StatisticReported)}
    )
    if not metrics:
        return
    chosen = data.draw(st.sampled_from(metrics))
    start = data.draw(st.integers(0, len(chosen) - 1))
    piece = chosen[start : data.draw(st.integers(start + 1, len(chosen)))]
    others = [m for m in metrics if piece in m]
    state = timeline.as_of("2030")
    for region in state.regions():
        kinds = {k for m, k in ((fold(a.metric), a.kind) for a in region.statistics) if m == chosen}
        if len(kinds) > 1:
            continue
        if others == [chosen] or piece == chosen:
            assert region.answer(piece) == region.answer(chosen)
        else:
            with pytest.raises(UnknownMetric, match="part of several statistics"):
                region.answer(piece)


def test_words_name_a_statistic_in_a_state_and_a_history(corpus: pl.Timeline) -> None:
    """采标率 is Wenzhou's 规模以上企业重点产品采标率 (written in traditional script)."""
    wenzhou = corpus.as_of("2021-09-15").region("温州")
    assert wenzhou.answer("采标率") == wenzhou.answer("規模以上企業重點產品采標率")
    assert corpus.history("温州", "采标率") == corpus.history("温州", "规模以上企业重点产品采标率")


def test_not_reported_here_is_none_but_no_such_statistic_is_an_error(
    corpus: pl.Timeline,
) -> None:
    """中国名牌 is reported in Wenzhou, not in Hangzhou: Hangzhou's answer is None. A name
    that is no statistic at all raises, with the closest names."""
    hangzhou = corpus.as_of("2021-09-15").region("杭州")
    assert hangzhou.statistic("中国名牌") is None
    with pytest.raises(UnknownMetric, match="did you mean") as caught:
        hangzhou.statistic("首席质量官平台会员单位")
    assert "首席质量官平台成员单位" in caught.value.suggestions
    with pytest.raises(UnknownMetric, match="no statistic 'zzz'"):
        hangzhou.statistic("zzz")


def test_the_command_takes_words_too(corpus: pl.Timeline) -> None:
    """`policyline history 温州 采标率` prints the history of the full statistic."""
    import contextlib
    import io

    from policyline._cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["history", "温州", "采标率", "--store", str(EVENTS), "--format", "csv"])
    assert status == 0
    rows = out.getvalue().splitlines()[1:]
    assert len(rows) == 2
    assert all(",規模以上企業重點產品采標率,rate," in row for row in rows)
