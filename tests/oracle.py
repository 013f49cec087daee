"""The naive answers the fast paths must equal: filter, resolve, sort, fold — nothing clever."""

from __future__ import annotations

from policyline import BUILTIN, Corrected, Event, Retracted
from policyline._projections import Composite


def naive_facts(events: list[Event], known: int | None) -> list[Event]:
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


def naive_region_state(events: list[Event], code: str, day: int, known: int | None) -> Composite:
    """Fold exactly the region's facts certain by ``day``, sorted by the documented order."""
    mine = [
        e for e in naive_facts(events, known) if code in e.regions and e.effective.latest <= day
    ]
    mine.sort(key=lambda e: (e.effective.latest, e.effective.earliest, e.id))
    state = BUILTIN.initial
    for event in mine:  # one handler call per event: none of the indexed fast paths
        state = BUILTIN.apply(state, event)
    return state
