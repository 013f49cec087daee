"""Policies: every policy issued, and the repeals that take them out of force.

Whether a policy is *in force* also depends on the as-of day (a validity window can end),
so the state keeps issued policies and repeals, and :func:`in_force` answers for a day.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from policyline._events import PolicyIssued, PolicyRepealed
from policyline._projections.base import Collected, Prefixes, Projection


@attrs.frozen
class Policies:
    """Issued policies in replay order, and repeals by the id of the policy they end."""

    issued: Sequence[PolicyIssued] = ()
    repeals: Sequence[PolicyRepealed] = ()

    def repealed_ids(self) -> frozenset[str]:
        return frozenset(r.policy for r in self.repeals)


def _issue(state: Policies, event: PolicyIssued) -> Policies:
    return attrs.evolve(state, issued=(*state.issued, event))


def _repeal(state: Policies, event: PolicyRepealed) -> Policies:
    return attrs.evolve(state, repeals=(*state.repeals, event))


class _Index:
    """Issued policies and repeals, each a slice of its own type's events."""

    __slots__ = ("_issued", "_repeals")

    def __init__(self, prefixes: Prefixes) -> None:
        self._issued = Collected(prefixes, PolicyIssued)
        self._repeals = Collected(prefixes, PolicyRepealed)

    def at(self, count: int) -> Policies:
        return Policies(self._issued.at(count), self._repeals.at(count))


POLICIES: Projection[Policies] = Projection(
    "policies", Policies(), {PolicyIssued: _issue, PolicyRepealed: _repeal}, indexer=_Index
)


def expired(policy: PolicyIssued, day: int) -> bool:
    """Has the policy's validity window certainly ended by day number ``day``?"""
    return policy.validity is not None and policy.validity.latest < day


def in_force(state: Policies, day: int) -> tuple[PolicyIssued, ...]:
    """Policies issued, not repealed, and not past their validity window on ``day``."""
    repealed = state.repealed_ids()
    return tuple(p for p in state.issued if p.id not in repealed and not expired(p, day))


def ended(state: Policies, day: int) -> tuple[PolicyIssued, ...]:
    """Policies issued that are no longer in force on ``day`` (repealed or expired)."""
    repealed = state.repealed_ids()
    return tuple(p for p in state.issued if p.id in repealed or expired(p, day))
