"""One known-time slice of a timeline: amendments applied, facts indexed by region.

Given the events recorded by a known-time K (or all of them), a view applies the
retractions and corrections known by K, then keeps each region's facts in replay order
with the day numbers needed to find, by bisection, the facts certain by any day. The
facts certain by a day are a prefix of the region's facts, so a region's state as of any
day is the projection's index (see :meth:`Projection.index`) at that prefix's length.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from policyline._bulk import paused_gc
from policyline._caching import Cache
from policyline._events import AMENDMENTS, Corrected, Event, Retracted, Settled, StatisticReported
from policyline._identity import Identity, consolidate, roots
from policyline._projections import BUILTIN
from policyline._projections.base import Composite, Index, Prefixes, Projection
from policyline._projections.statistics import StatisticKey as Statistic
from policyline._projections.statistics import report_keys

STATES = 16
"""Region states kept per view: repeated property reads are free."""
PROJECTIONS = 8
"""Indexes of projections of one's own kept per region (the built-in one always is)."""


def replay_key(event: Event) -> tuple[int, int, str]:
    """The total replay order: certain-by day, then earliest day, then id."""
    effective = event.effective
    return (effective.latest, effective.earliest, event.id)


_BY_ID = attrgetter("id")
_BY_DAYS = attrgetter("effective.rank")


def in_replay_order(events: Iterable[Event]) -> list[Event]:
    """``events`` sorted by :func:`replay_key`, with C-level keys: by id, then (stably)
    by certain-by and earliest day."""
    ordered = sorted(events, key=_BY_ID)
    ordered.sort(key=_BY_DAYS)
    return ordered


def recorded_key(event: Event) -> tuple[int, int, str]:
    """The order in which amendments take effect: by when they were recorded."""
    return (event.recorded.latest, event.recorded.earliest, event.id)


def resolve(events: Iterable[Event], *, ordered: bool = False) -> list[Event]:
    """The facts that stand once every given retraction, correction and settlement is
    applied, each fact's claims made one (:mod:`policyline._identity`).

    A retraction voids its target (a retracted retraction voids nothing); of several
    corrections of one fact, the last recorded one stands in for it. The facts come in
    replay order (``ordered=True`` says the events already are: then only a correction
    that moves a fact to another date makes them sorted again).
    """
    return resolved(events, ordered=ordered)[0]


def resolved(
    events: Iterable[Event], *, ordered: bool = False
) -> tuple[list[Event], dict[str, Identity]]:
    """:func:`resolve`'s facts, and what the claims of each fact with several say together
    (by the fact's root id)."""
    events = list(events)
    retractions: dict[str, list[Retracted]] = {}
    corrections: list[Corrected] = []
    settlements: list[Settled] = []
    joined = False
    for event in events:
        if isinstance(event, Retracted):
            retractions.setdefault(event.target, []).append(event)
        elif isinstance(event, Corrected):
            corrections.append(event)
        elif isinstance(event, Settled):
            settlements.append(event)
        elif event.same_as is not None:
            joined = True

    is_void = _Voids(retractions).is_void

    replacements: dict[str, Corrected] = {}
    for correction in corrections:
        if not is_void(correction.id):
            current = replacements.get(correction.target)
            if current is None or recorded_key(current) < recorded_key(correction):
                replacements[correction.target] = correction
    moved = False
    if not retractions and not replacements and not corrections and not settlements:
        facts = events
    else:
        facts = []
        for event in events:
            if isinstance(event, AMENDMENTS):
                continue
            if event.id in retractions and is_void(event.id):
                continue
            chosen = replacements.get(event.id)
            if chosen is None:
                facts.append(event)
            else:
                facts.append(chosen.replacement)
                moved = moved or chosen.replacement.effective != event.effective
    identities: dict[str, Identity] = {}
    if joined:
        standing = [s for s in settlements if not is_void(s.id)]
        facts, identities = consolidate(facts, roots(events), standing)
        moved = True
    if not ordered or moved:
        facts = in_replay_order(facts)
    return facts, identities


class _Voids:
    """Which events a standing retraction voids (retracting a retraction restores its
    target). An object, not a recursive closure: a closure that calls itself is a
    reference cycle, which the bulk paths, with the collector paused, would keep."""

    __slots__ = ("_cache", "_retractions")

    def __init__(self, retractions: dict[str, list[Retracted]]) -> None:
        self._retractions = retractions
        self._cache: dict[str, bool] = {}

    def is_void(self, event_id: str, seen: frozenset[str] = frozenset()) -> bool:
        retractions = self._retractions.get(event_id)
        if retractions is None:
            return False
        if event_id not in self._cache:
            self._cache[event_id] = any(
                r.id not in seen and not self.is_void(r.id, seen | {event_id}) for r in retractions
            )
        return self._cache[event_id]


class RegionIndex:
    """One region's facts in replay order, with their latest days and state indexes."""

    __slots__ = ("_indexes", "_prefixes", "_states", "events", "latest", "max_span")

    def __init__(self, events: Sequence[Event]) -> None:
        self.events: tuple[Event, ...] = tuple(events)
        self.latest = array("q", [e.effective.latest for e in self.events])
        self.max_span = max(
            (e.effective.latest - e.effective.earliest for e in self.events), default=0
        )
        self._states: Index[Composite] | None = None
        self._indexes: Cache[Projection[Any], Index[Any]] | None = None
        self._prefixes: Prefixes | None = None

    @classmethod
    def of(cls, events: Sequence[Event]) -> RegionIndex:
        return cls(events)

    def certain_count(self, day: int) -> int:
        """How many facts (a prefix) are certain by ``day``."""
        return bisect_right(self.latest, day)

    def possible(self, day: int) -> tuple[Event, ...]:
        """Facts that may or may not have happened by ``day``: earliest <= day < latest."""
        start = bisect_right(self.latest, day)
        stop = bisect_left(self.latest, day + self.max_span + 1, lo=start)
        return tuple(e for e in self.events[start:stop] if e.effective.earliest <= day)

    def prefixes(self) -> Prefixes:
        """The facts with each type's positions (built on first use)."""
        if self._prefixes is None:
            with paused_gc():  # lasting lists and arrays, no cycles
                self._prefixes = Prefixes(self.events)
        return self._prefixes

    def states(self) -> Index[Composite]:
        """The built-in projections' states of every prefix of the facts (built on first use,
        with the collector paused: many lasting objects, no cycles)."""
        if self._states is None:
            with paused_gc():
                self._states = BUILTIN.index(self.prefixes())
        return self._states

    def index(self, projection: Projection[Any]) -> Index[Any]:
        """Any projection's states of every prefix of the facts (built on first use)."""
        if projection is BUILTIN:
            return self.states()
        if self._indexes is None:
            self._indexes = Cache(PROJECTIONS)
        found = self._indexes.get(projection)
        if found is None:
            with paused_gc():
                found = self._indexes.put(projection, projection.index(self.prefixes()))
        return found


class View:
    """The facts known by one known-time, indexed by region, with folded states cached."""

    __slots__ = (
        "_cache",
        "all_events",
        "facts",
        "identities",
        "known",
        "metric_names",
        "regions",
        "statistic_arrays",
        "statistics",
        "wider",
    )

    def __init__(
        self, events: Iterable[Event], known: int | None, *, ordered: bool = False
    ) -> None:
        self.known = known
        facts, self.identities = resolved(events, ordered=ordered)
        self.facts: tuple[Event, ...] = tuple(facts)
        grouped: dict[str, list[Event]] = {}
        for event in self.facts:
            regions = event.regions
            if len(regions) == 1:
                found = grouped.get(regions[0])
                if found is None:
                    grouped[regions[0]] = [event]
                else:
                    found.append(event)
            else:
                for code in regions:
                    grouped.setdefault(code, []).append(event)
        self.regions = {code: RegionIndex(evs) for code, evs in grouped.items()}
        self._cache: Cache[tuple[str, int], Composite] = Cache(STATES)
        self.statistics: StatisticIndex | None = None
        self.statistic_arrays: object = None  # policyline._batch's, built on first use
        self.wider: View | None = None  # the view of every fact, for a known-time view
        self.all_events: Sequence[Event] = ()  # the whole timeline's events, on its whole view
        self.metric_names: dict[str, str] | None = None  # policyline._metrics', on first use

    @property
    def whole(self) -> View:
        """The view of every fact, whatever its recorded day: a known-time view's names of
        statistics come from it (a statistic recorded later is "not yet", not unknown).
        Itself unless known-time, and not kept as a reference to itself: that would make
        every view a reference cycle."""
        return self.wider if self.wider is not None else self

    def region_index(self, code: str) -> RegionIndex:
        return self.regions.get(code) or _EMPTY

    def state(self, code: str, day: int) -> Composite:
        """The built-in state of region ``code`` as of ``day``."""
        index = self.region_index(code)
        if index is _EMPTY:  # most of the gazetteer's 3,200 regions: one shared, empty state
            return _empty_state()
        count = bisect_right(index.latest, day)
        key = (code, count)
        state = self._cache.get(key)
        if state is None:
            state = self._cache.put(key, index.states().at(count))
        return state

    def certain(self, code: str, day: int) -> tuple[Event, ...]:
        """The facts of region ``code`` certain by ``day``, in replay order."""
        index = self.region_index(code)
        return index.events[: bisect_right(index.latest, day)]


_EMPTY = RegionIndex(())
_EMPTY_STATES: list[Composite] = []


def _empty_state() -> Composite:
    """The built-in state of a region without facts (states are immutable: one for all)."""
    if not _EMPTY_STATES:
        _EMPTY_STATES.append(_EMPTY.states().at(0))
    return _EMPTY_STATES[0]


StatisticKey = tuple[str, str, str]
"""(region code, folded metric, kind)."""

Reports = tuple[list[int], tuple[StatisticReported | None, ...]]
"""One statistic's reports in replay order: their latest days, and ``(None, *reports)``."""
StatisticIndex = tuple[dict[tuple[str, str, str], Reports], list[int]]


def statistic_reports(view: View) -> StatisticIndex:
    """Every (region, statistic)'s reports, and every day a report became certain on
    (sorted): built once per view, on first use."""
    if view.statistics is not None:
        return view.statistics
    with paused_gc():  # lasting lists, no cycles
        view.statistics = _statistic_reports(view)
    return view.statistics


def _statistic_reports(view: View) -> StatisticIndex:
    by_key: dict[StatisticKey, Reports] = {}
    for code, index in view.regions.items():
        statistics, positions, reports, rows = region_statistics(index)
        days: list[list[int]] = [[] for _ in statistics]
        found: list[list[StatisticReported | None]] = [[None] for _ in statistics]
        on_days = map(index.latest.__getitem__, positions)
        for row, day, report in zip(rows, on_days, reports, strict=True):
            days[row].append(day)
            found[row].append(report)
        for (metric, kind), on, listed in zip(statistics, days, found, strict=True):
            by_key[(code, metric, kind)] = (on, tuple(listed))
    every_day = sorted({day for days, _ in by_key.values() for day in days})
    return by_key, every_day


def region_statistics(
    index: RegionIndex,
) -> tuple[list[Statistic], array[int], tuple[StatisticReported, ...], list[int]]:
    """A region's statistics (folded metric, kind) in the order first reported; its reports'
    positions among its facts and the reports, in replay order; and each report's
    statistic, as a number in that list. The one grouping of reports into statistics that
    both batch sweeps start from, from the keys the statistics index uses too."""
    prefixes = index.prefixes()
    positions, reports = prefixes.of(StatisticReported)
    keys = prefixes.derived(report_keys)
    numbers = dict.fromkeys(keys, 0)
    for number, key in enumerate(numbers):
        numbers[key] = number
    return list(numbers), positions, reports, list(map(numbers.__getitem__, keys))  # type: ignore[return-value]
