"""policyline.testing: the invariant suite holds for the built-in projections and catches
broken ones, each by the law it breaks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import policyline as pl
from policyline._projections import AWARDS, POLICIES, STATISTICS
from policyline._projections.base import Checkpoints, Prefixes
from policyline.errors import InvalidArgument
from policyline.testing import LAWS, LawBroken, check_projection


def count(per_recipient: dict[str, int], award: pl.AwardGranted) -> dict[str, int]:
    return {**per_recipient, award.recipient: per_recipient.get(award.recipient, 0) + 1}


NO_AWARDS: dict[str, int] = {}
AWARDS_BY_RECIPIENT: pl.Projection[dict[str, int]] = pl.Projection(
    "awards_by_recipient", NO_AWARDS, {pl.AwardGranted: count}
)
IN_PLACE: pl.Projection[dict[str, int]] = pl.Projection(
    "in_place", {}, {pl.AwardGranted: lambda s, e: _count_in_place(s, e)}
)


def test_the_built_in_state_keeps_every_law() -> None:
    check_projection(pl.BUILTIN)


@pytest.mark.parametrize("projection", [POLICIES, AWARDS, STATISTICS, AWARDS_BY_RECIPIENT])
def test_each_built_in_projection_and_a_plain_one_keep_every_law(
    projection: pl.Projection[object],
) -> None:
    check_projection(projection, max_examples=25)


def _count_in_place(per_recipient: dict[str, int], award: pl.AwardGranted) -> dict[str, int]:
    per_recipient[award.recipient] = per_recipient.get(award.recipient, 0) + 1
    return per_recipient


class _OneShort:
    """An index that forgets the last event of every prefix."""

    def __init__(self, prefixes: Prefixes) -> None:
        self._inner = Checkpoints(COUNT_ONE_SHORT, prefixes.events)

    def at(self, count: int) -> int:
        return self._inner.at(max(count - 1, 0))


def _plus_one(total: int, _event: pl.Event) -> int:
    return total + 1


COUNT_ONE_SHORT = pl.Projection(
    "count_one_short",
    0,
    {pl.AwardGranted: _plus_one, pl.PolicyIssued: _plus_one},
    indexer=_OneShort,
)


calls: list[int] = []


def _remembers_calls(seen: Sequence[str], award: pl.AwardGranted) -> tuple[str, ...]:
    calls.append(1)  # hidden state outside the fold
    return (*seen, f"{award.recipient}#{len(calls)}")


NOTHING_SEEN: tuple[str, ...] = ()
REMEMBERS: pl.Projection[Sequence[str]] = pl.Projection(
    "remembers", NOTHING_SEEN, {pl.AwardGranted: _remembers_calls}
)


@pytest.mark.parametrize(
    ("projection", "law"),
    [
        (IN_PLACE, "deterministic"),
        (COUNT_ONE_SHORT, "as_of_equals_naive_fold"),
        (REMEMBERS, "deterministic"),
    ],
)
def test_a_broken_projection_is_caught_by_the_law_it_breaks(
    projection: pl.Projection[object], law: str
) -> None:
    with pytest.raises(LawBroken) as caught:
        check_projection(projection, laws=[law], max_examples=200)
    assert caught.value.law == law
    assert str(caught.value).startswith(f"{law}: ")


def test_a_wrong_indexer_is_caught_against_checkpoints_too() -> None:
    with pytest.raises(LawBroken) as caught:
        check_projection(COUNT_ONE_SHORT, laws=["checkpointed_equals_scratch"], max_examples=200)
    assert "index" in caught.value.detail


def test_the_whole_suite_stops_at_the_first_law_broken() -> None:
    with pytest.raises(LawBroken) as caught:
        check_projection(IN_PLACE, max_examples=200)
    assert caught.value.law == next(iter(LAWS))


def test_an_unknown_law_is_refused_with_the_names() -> None:
    with pytest.raises(InvalidArgument, match="deterministic"):
        check_projection(pl.BUILTIN, laws=["determinstic"])
