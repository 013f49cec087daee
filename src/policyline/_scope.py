"""Which stored events a question about one region needs: the one scope rule.

A question about region R (rolled up or not) is answered from the events that can affect
R or a region below it, and nothing else changes the answer. They are, to a fixed point:

- the events filed in R's territory (every unit ever below it and every unit that ended
  in one of them: :mod:`policyline._territory`; an agreement in each of its parties'
  regions), and the
  corrections whose replacement is (a fact moved into R);
- every correction or retraction of one of them, wherever it is filed (they change which
  facts stand), and the retractions of those;
- every event one of them points at (a correction's target, a repealed policy, what a
  statistic ``covers``), so that the events make a valid timeline, and what amends those.

Nothing else filed elsewhere changes an answer about the subtree: a repeal counts in the
region it is filed in, and a tally counts the ``covers`` of the subtree's own reports.

A store finds each step by index (:class:`Finder`); :func:`scope` runs the steps. The
links a store indexes for it are :func:`links` of each event: the ids it points at and the
regions it affects beyond its own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from policyline._events import Event, StatisticReported, amended_id
from policyline._hanzi import fold
from policyline._pointing import references
from policyline._territory import territory

T = TypeVar("T")
Found = Iterable[tuple[int, Event]]
"""Stored events with their positions (append order, from 1)."""

AMENDS = "amends"
REGION = "region"
METRIC = "metric"
THROUGH = "through"
"""The kinds of link a store indexes: the id a correction or retraction amends, a region
affected beyond the event's own, a metric's name as written (for which statistics exist
at all); and, at the position of the last event linked, how far the links reach."""


def links(event: Event) -> Iterator[tuple[str, str]]:
    """(kind, value) of every link of ``event``: the id it amends, each region its
    replacement is in that it is not filed in, and a statistic's metric as written."""
    amended = amended_id(event)
    if amended is not None:
        yield AMENDS, amended
    own = set(event.regions)
    for replacement in _replacements(event):
        for code in replacement.regions:
            if code not in own:
                yield REGION, code
    for metric in metrics_written(event):
        yield METRIC, metric


def _replacements(event: Event) -> Iterator[Event]:
    replacement = getattr(event, "replacement", None)
    if isinstance(replacement, Event):
        yield replacement
        yield from _replacements(replacement)


def stored_as_statistic(event: Event) -> bool:
    """Is ``event`` a statistic as a store reads it back (its type's name is; a subclass
    of one's own that keeps the name is stored and read as a plain report)?"""
    return event.type_name == StatisticReported.type_name


def metrics_written(event: Event) -> Iterator[str]:
    """The metric of a statistic, or of a statistic a correction puts in its target's place."""
    for written in (event, *_replacements(event)):
        if stored_as_statistic(written):
            yield written.metric  # type: ignore[attr-defined]


class Finder(Protocol):
    """The three lookups a scope is made of, each by index where the store has one."""

    def in_regions(self, codes: Collection[str]) -> Found:
        """Events filed in one of ``codes``, or whose replacement is."""

    def amending(self, ids: Collection[str]) -> Found:
        """Corrections and retractions of one of ``ids``."""

    def with_ids(self, ids: Collection[str]) -> Found:
        """The events of ``ids``."""

    def metric_names(self) -> dict[str, str]:
        """Every metric the store's statistics were reported under (:func:`metric_names`)."""


def scope(finder: Finder, region: str) -> list[Event]:
    """Every event that can affect ``region`` or a region below it, and those they point
    at, in append order: a valid timeline whose answers about that subtree are the whole
    store's."""
    return closure(finder, finder.in_regions(sorted(territory(region))))


def closure(finder: Finder, first: Found) -> list[Event]:
    """``first``, every correction or retraction of one of them (and of those), and every
    event one of them points at (and what amends those), in append order: a valid
    timeline in which each of them stands as it does in the whole store."""
    found: dict[int, Event] = {}
    ids: set[str] = set()

    def take(events: Found) -> list[Event]:
        new = []
        for position, event in events:
            if position not in found:
                found[position] = event
                ids.add(event.id)
                new.append(event)
        return new

    new = take(first)
    while new:
        wanted = {target for event in new for _, target in references(event)} - ids
        amending = finder.amending(sorted(event.id for event in new))
        new = take(amending) + (take(finder.with_ids(sorted(wanted))) if wanted else [])
    return [found[position] for position in sorted(found)]


class InMemory:
    """A finder over events already read (a JSON Lines store scans its files for it)."""

    def __init__(self, events: Iterable[Event]) -> None:
        self._events: list[Event] = list(events)
        self._by_region: dict[str, list[int]] = {}
        self._by_target: dict[str, list[int]] = {}
        self._by_id: dict[str, int] = {}
        for position, event in enumerate(self._events, start=1):
            self._by_id.setdefault(event.id, position)
            for code in event.regions:
                self._by_region.setdefault(code, []).append(position)
            for kind, value in links(event):
                if kind == AMENDS:
                    self._by_target.setdefault(value, []).append(position)
                elif kind == REGION:
                    self._by_region.setdefault(value, []).append(position)

    def _at(self, positions: Iterable[int]) -> Found:
        return [(p, self._events[p - 1]) for p in sorted(set(positions))]

    def in_regions(self, codes: Collection[str]) -> Found:
        return self._at(p for code in codes for p in self._by_region.get(code, ()))

    def amending(self, ids: Collection[str]) -> Found:
        return self._at(p for i in ids for p in self._by_target.get(i, ()))

    def with_ids(self, ids: Collection[str]) -> Found:
        return self._at(self._by_id[i] for i in ids if i in self._by_id)

    def metric_names(self) -> dict[str, str]:
        return metric_names(m for event in self._events for m in metrics_written(event))


def metric_names(spellings: Iterable[str]) -> dict[str, str]:
    """Folded metric -> the name shown for it, for every metric any statistic was
    reported under (amended or not): of the ways it is written, the first in code-point
    order (so that it does not depend on the order events were read in)."""
    names: dict[str, str] = {}
    for spelling in sorted(set(spellings)):
        names.setdefault(fold(spelling), spelling)
    return names


def chunks(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size`` (the parameters of one SQL query)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
