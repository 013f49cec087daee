"""The timeline: an immutable set of events, queried as of any day and known-time.

Events are kept once each (an identical duplicate is a no-op; a different event with the
same id is an error) and replayed in a total order that does not depend on input order.
Retractions and corrections take effect from their own recorded day: with ``known=K``
only events recorded by K count, amendments included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import attrs

from policyline._batch import StatisticSeries, latest_statistics
from policyline._dates import ImpreciseDate, day_number, imprecise
from policyline._events import (
    REFERRING,
    Corrected,
    Event,
    PolicyIssued,
    Retracted,
    StatisticReported,
    references,
)
from policyline._figures import Figure
from policyline._hanzi import fold
from policyline._projections import BUILTIN
from policyline._projections.base import Composite, Projection
from policyline._regions import is_within, region
from policyline._state import State
from policyline._view import View, in_replay_order
from policyline.errors import ConflictingEvent, DanglingReference, InvalidArgument, InvalidEvent

DateLike = str | dt.date | ImpreciseDate
S = TypeVar("S")


def _by_id(events: Iterable[Event]) -> dict[str, Event]:
    """Each event once by id; an identical duplicate is dropped, a different one refused."""
    events = list(events)
    for cls in set(map(type, events)):
        if not issubclass(cls, Event):
            raise TypeError(f"expected an Event, got {cls.__name__}")
    by_id = {event.id: event for event in events}
    if len(by_id) == len(events):
        return by_id
    by_id = {}
    for event in events:
        prior = by_id.setdefault(event.id, event)
        if prior is not event and prior != event:
            raise ConflictingEvent(event.id)
    return by_id


def _fact_targets(by_id: dict[str, Event]) -> None:
    for event in [e for e in by_id.values() if isinstance(e, REFERRING)]:
        for field, target in references(event):
            if target not in by_id:
                raise DanglingReference(event.id, field, target)
        if not isinstance(event, Corrected):
            continue
        amended = by_id[event.target]
        if isinstance(amended, Corrected | Retracted):
            raise InvalidEvent("target", event.target, "the id of a fact (not of an amendment)")
        if event.replacement.type_name != amended.type_name:
            raise InvalidEvent(
                "replacement.type",
                event.replacement.type_name,
                f"the target's type {amended.type_name}",
            )


@attrs.frozen
class Change:
    """A statistic whose figure differs between two days."""

    metric: str
    before: Figure | None
    after: Figure


@attrs.frozen
class Diff:
    """What changed in a region between two days."""

    appeared: tuple[Event, ...]
    ended: tuple[PolicyIssued, ...]
    changed: tuple[Change, ...]


class Timeline:
    """An immutable, ordered set of events; the one entry point for as-of questions."""

    __slots__ = ("_by_id", "_events", "_projection", "_views")

    def __init__(
        self, events: Iterable[Event] = (), *, projection: Projection[Composite] = BUILTIN
    ) -> None:
        by_id = _by_id(events)
        _fact_targets(by_id)
        self._events = tuple(in_replay_order(by_id.values()))
        # The id map is dropped until an id is looked up: at a million events it would hold
        # a sixth of the memory of the events themselves, for lookups most users never make.
        self._by_id: dict[str, Event] | None = None
        self._projection = projection
        self._views: dict[int | None, View] = {}

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def _ids(self) -> dict[str, Event]:
        by_id = self._by_id
        if by_id is None:
            by_id = self._by_id = {event.id: event for event in self._events}
        return by_id

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids()

    def __repr__(self) -> str:
        return f"<Timeline of {len(self)} events>"

    def __getitem__(self, event_id: str) -> Event:
        return self._ids()[event_id]

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, amendments included, in replay order."""
        return self._events

    def extend(self, events: Iterable[Event]) -> Timeline:
        """A new timeline with ``events`` added; this one is unchanged."""
        return Timeline((*self._events, *events), projection=self._projection)

    def _view(self, known: DateLike | None) -> View:
        known_day = None if known is None else day_number(known)
        view = self._views.get(known_day)
        if view is None:
            visible = (
                self._events
                if known_day is None
                else tuple(e for e in self._events if e.recorded.latest <= known_day)
            )
            view = View(visible, known_day, self._projection, ordered=True)
            self._views[known_day] = view
        return view

    def as_of(self, date: DateLike, *, known: DateLike | None = None) -> State:
        """The state as of ``date``, counting only facts recorded by ``known`` if given.

        ``date`` is a ``YYYY-MM-DD`` string, a ``datetime.date`` or a pendulum date; a month
        or a year stands for its last day.
        """
        return State(self._view(known), day_number(date))

    def statistics_as_of(
        self, dates: Iterable[DateLike], *, known: DateLike | None = None
    ) -> StatisticSeries:
        """The latest report of every (region code, folded metric, kind) as of each date.

        Batch as-of in one sweep per statistic: ``result[key][i]`` is what
        ``as_of(dates[i], known=known).region(code)`` reports for that statistic (the
        region's own report, not rolled up), or ``None`` if there is none yet.
        """
        return latest_statistics(self._view(known), [day_number(d) for d in dates])

    def facts(self, *, known: DateLike | None = None) -> tuple[Event, ...]:
        """Every fact standing once amendments (known by ``known``) are applied."""
        return self._view(known).facts

    def project(
        self,
        projection: Projection[S],
        date: DateLike,
        *,
        region: str | None = None,
        known: DateLike | None = None,
    ) -> S:
        """Fold a projection of your own over the facts certain by ``date``."""
        day = day_number(date)
        facts = self._select(region, known, lambda e: e.effective.latest <= day)
        return projection.fold(facts)

    def _select(
        self,
        region_name: str | None,
        known: DateLike | None,
        keep: Callable[[Event], bool] | None = None,
    ) -> tuple[Event, ...]:
        code = None if region_name is None else region(region_name).code
        chosen = []
        for event in self._view(known).facts:
            if code is not None and not any(is_within(c, code) for c in event.regions):
                continue
            if keep is not None and not keep(event):
                continue
            chosen.append(event)
        return tuple(chosen)

    def between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        region: str | None = None,
        known: DateLike | None = None,
    ) -> tuple[Event, ...]:
        """Facts that certainly happened from ``start`` to ``end`` (both days included),
        in a region and the regions below it if given."""
        first = _first_day(start)
        last = day_number(end)
        return self._select(
            region, known, lambda e: first <= e.effective.earliest and e.effective.latest <= last
        )

    def history(
        self,
        region_name: str,
        metric: str,
        *,
        kind: str | None = None,
        known: DateLike | None = None,
    ) -> tuple[Figure, ...]:
        """Every report of a statistic by a region, in replay order, each with its source."""
        code = region(region_name).code
        key = fold(metric)
        index = self._view(known).region_index(code)
        return tuple(
            Figure.of(e)
            for e in index.events
            if isinstance(e, StatisticReported)
            and fold(e.metric) == key
            and (kind is None or e.kind == kind)
        )

    def diff(
        self,
        start: DateLike,
        end: DateLike,
        *,
        region: str,
        known: DateLike | None = None,
        rollup: bool = False,
    ) -> Diff:
        """What appeared, ended and changed in a region from ``start`` to ``end``."""
        if day_number(start) > day_number(end):
            raise InvalidArgument("end", str(end), f"a day on or after the start {start}")
        before = self.as_of(start, known=known).region(region, rollup=rollup)
        after = self.as_of(end, known=known).region(region, rollup=rollup)
        seen = {e.id for e in before.events}
        still = {p.id for p in after.policies}
        old_figures = {(fold(f.metric), f.kind): f for f in before.statistics}
        changed = tuple(
            Change(f.metric, old_figures.get((fold(f.metric), f.kind)), f)
            for f in after.statistics
            if old_figures.get((fold(f.metric), f.kind)) != f
        )
        return Diff(
            appeared=tuple(e for e in after.events if e.id not in seen),
            ended=tuple(p for p in before.policies if p.id not in still),
            changed=changed,
        )


def _first_day(value: DateLike) -> int:
    return imprecise(value).earliest
