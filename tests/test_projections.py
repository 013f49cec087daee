"""Projections: pure folds, composable, and a custom one in a few lines."""

from __future__ import annotations

from hypothesis import given

import policyline as pl
from policyline._projections import AWARDS, BUILTIN, STATISTICS
from policyline.testing.strategies import facts, timelines


def test_a_custom_projection_in_a_few_lines() -> None:
    """Count awards per recipient with a three-line projection."""

    def count(counts: dict[str, int], award: pl.AwardGranted) -> dict[str, int]:
        return {**counts, award.recipient: counts.get(award.recipient, 0) + 1}

    per_recipient: pl.Projection[dict[str, int]] = pl.Projection(
        "per_recipient", {}, {pl.AwardGranted: count}
    )
    award = pl.AwardGranted(
        id="a",
        region="330300",
        effective="2010-11-18",
        recorded="2010-12-01",
        source=pl.Source("003.txt", "正泰"),
        award="浙江省政府质量奖",
        recipient="正泰集团",
    )
    timeline = pl.Timeline([award])
    assert timeline.project(per_recipient, "2010-12-31", region="温州") == {"正泰集团": 1}
    assert timeline.project(per_recipient, "2010-11-17") == {}


@given(facts())
def test_projections_ignore_types_they_do_not_handle(event: pl.Event) -> None:
    """An event a projection has no handler for leaves its state unchanged (the same object)."""
    if not isinstance(event, pl.AwardGranted):
        assert AWARDS.apply(AWARDS.initial, event) is AWARDS.initial
    if not isinstance(event, pl.StatisticReported):
        assert STATISTICS.apply(STATISTICS.initial, event) is STATISTICS.initial


@given(timelines(amendments=False))
def test_folding_in_two_parts_equals_folding_at_once(events: list[pl.Event]) -> None:
    """fold(a + b) == fold(b, from=fold(a)): what makes checkpoints lawful."""
    ordered = list(pl.Timeline(events).facts())
    middle = len(ordered) // 2
    assert BUILTIN.fold(ordered) == BUILTIN.fold(ordered[middle:], BUILTIN.fold(ordered[:middle]))


def test_compose_refuses_duplicate_names() -> None:
    """Each composed projection needs its own name."""
    import pytest

    with pytest.raises(ValueError, match="unique"):
        pl.compose(AWARDS, AWARDS)
