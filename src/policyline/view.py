"""One known-time slice of a timeline: amendments applied, facts indexed by region.

Given the events recorded by a known-time K (or all of them), a view applies the
retractions and corrections known by K, then keeps each region's facts in replay order
with the day numbers needed to find, by bisection, the facts certain by any day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

import attrs

from policyline.events import Corrected, Event, Retracted
from policyline.projections.base import Composite, Projection


def replay_key(event: Event) -> tuple[int, int, str]:
    """The total replay order: certain-by day, then earliest day, then id."""
    return (event.effective.latest, event.effective.earliest, event.id)


def recorded_key(event: Event) -> tuple[int, int, str]:
    """The order in which amendments take effect: by when they were recorded."""
    return (event.recorded.latest, event.recorded.earliest, event.id)


def resolve(events: Iterable[Event]) -> list[Event]:
    """The facts that stand once every given retraction and correction is applied.

    A retraction voids its target (a retracted retraction voids nothing); of several
    corrections of one fact, the last recorded one stands in for it.
    """
    events = list(events)
    retractions: dict[str, list[Retracted]] = {}
    for event in events:
        if isinstance(event, Retracted):
            retractions.setdefault(event.target, []).append(event)

    void_cache: dict[str, bool] = {}

    def is_void(event_id: str, seen: frozenset[str] = frozenset()) -> bool:
        if event_id not in void_cache:
            void_cache[event_id] = any(
                r.id not in seen and not is_void(r.id, seen | {event_id})
                for r in retractions.get(event_id, ())
            )
        return void_cache[event_id]

    replacements: dict[str, Corrected] = {}
    for event in events:
        if isinstance(event, Corrected) and not is_void(event.id):
            current = replacements.get(event.target)
            if current is None or recorded_key(current) < recorded_key(event):
                replacements[event.target] = event
    facts = []
    for event in events:
        if isinstance(event, Corrected | Retracted) or is_void(event.id):
            continue
        correction = replacements.get(event.id)
        facts.append(event if correction is None else correction.replacement)
    facts.sort(key=replay_key)
    return facts


@attrs.frozen
class RegionIndex:
    """One region's facts in replay order, with their latest and earliest days."""

    events: tuple[Event, ...]
    latest: tuple[int, ...]
    max_span: int

    @classmethod
    def of(cls, events: Sequence[Event]) -> RegionIndex:
        span = max((e.effective.latest - e.effective.earliest for e in events), default=0)
        return cls(tuple(events), tuple(e.effective.latest for e in events), span)

    def certain_count(self, day: int) -> int:
        """How many facts (a prefix) are certain by ``day``."""
        return bisect_right(self.latest, day)

    def possible(self, day: int) -> tuple[Event, ...]:
        """Facts that may or may not have happened by ``day``: earliest <= day < latest."""
        start = bisect_right(self.latest, day)
        stop = bisect_left(self.latest, day + self.max_span + 1, lo=start)
        return tuple(e for e in self.events[start:stop] if e.effective.earliest <= day)


class View:
    """The facts known by one known-time, indexed by region, with folded states cached."""

    __slots__ = ("_cache", "by_id", "facts", "known", "projection", "regions")

    def __init__(
        self, events: Iterable[Event], known: int | None, projection: Projection[Composite]
    ) -> None:
        self.known = known
        self.projection = projection
        self.facts: tuple[Event, ...] = tuple(resolve(events))
        self.by_id = {e.id: e for e in self.facts}
        grouped: dict[str, list[Event]] = {}
        for event in self.facts:
            for code in event.regions:
                grouped.setdefault(code, []).append(event)
        self.regions = {code: RegionIndex.of(evs) for code, evs in grouped.items()}
        self._cache: dict[tuple[str, int], Composite] = {}

    def region_index(self, code: str) -> RegionIndex:
        return self.regions.get(code) or _EMPTY

    def folded(self, code: str, day: int) -> tuple[Composite, tuple[Event, ...]]:
        """The built-in state of region ``code`` as of ``day``, and the facts behind it."""
        index = self.region_index(code)
        count = index.certain_count(day)
        certain = index.events[:count]
        key = (code, count)
        state = self._cache.get(key)
        if state is None:
            state = self.projection.fold(certain)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = state
        return state, certain


_EMPTY = RegionIndex((), (), 0)
