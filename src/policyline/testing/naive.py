"""The naive answers the fast paths must equal: filter, resolve, sort, fold — nothing clever.

Written from the documented rules alone, without the library's indexes, views or
selections, so that a test comparing the two compares two independent readings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from policyline import BUILTIN, Corrected, Event, Projection, Retracted
from policyline._projections import Composite
from policyline._regions import subtree

S = TypeVar("S")


def naive_facts(events: Iterable[Event], known: int | None) -> list[Event]:
    """Facts standing at known-time ``known``: retracted ones dropped, the last correction
    (by recorded day, then id) standing in for its target."""
    visible = [e for e in events if known is None or e.recorded.latest <= known]
    retracted = {e.target for e in visible if isinstance(e, Retracted)}
    corrections = sorted(
        (e for e in visible if isinstance(e, Corrected)),
        key=lambda e: (e.recorded.latest, e.recorded.earliest, e.id),
    )
    replacement = {c.target: c.replacement for c in corrections}
    return [
        replacement.get(e.id, e)
        for e in visible
        if not isinstance(e, Corrected | Retracted) and e.id not in retracted
    ]


def replay_key(event: Event) -> tuple[int, int, str]:
    """The documented replay order: by the day a fact is certain by, then by its earliest
    day, then by id."""
    return (event.effective.latest, event.effective.earliest, event.id)


def naive_certain(
    events: Iterable[Event], day: int, *, region: str | None = None, known: int | None = None
) -> list[Event]:
    """The standing facts certain by ``day`` (in ``region`` or below it, each once), in
    replay order."""
    codes = None if region is None else subtree(region)
    chosen = [
        e
        for e in naive_facts(events, known)
        if e.effective.latest <= day and (codes is None or not codes.isdisjoint(e.regions))
    ]
    return sorted(chosen, key=replay_key)


def naive_fold(
    projection: Projection[S],
    events: Iterable[Event],
    day: int,
    *,
    region: str | None = None,
    known: int | None = None,
) -> S:
    """Fold ``projection`` handler by handler over :func:`naive_certain`'s facts."""
    state = projection.initial
    for event in naive_certain(events, day, region=region, known=known):
        handler = projection.handlers.get(type(event))
        if handler is not None:
            state = handler(state, event)
    return state


def naive_region_state(events: list[Event], code: str, day: int, known: int | None) -> Composite:
    """Fold exactly the region's own facts certain by ``day``, in replay order."""
    mine = [e for e in naive_certain(events, day, known=known) if code in e.regions]
    state = BUILTIN.initial
    for event in mine:  # one handler call per event: none of the indexed fast paths
        state = BUILTIN.apply(state, event)
    return state
