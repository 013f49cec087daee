"""The timeline: an immutable set of events, queried as of any day and known-time.

Events are kept once each and replayed in a total order that does not depend on input
order; building a timeline runs the one integrity check (:mod:`policyline._integrity`),
so a timeline never holds a conflicting id, a dangling reference or a malformed
amendment. Retractions and corrections take effect from their own recorded day: with
``known=K`` only events recorded by K count, amendments included.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from policyline._batch import StatisticSeries, latest_statistics
from policyline._bulk import paused_gc
from policyline._caching import Cache
from policyline._dates import DateLike, day_number
from policyline._events import Event, PolicyIssued, StatisticReported
from policyline._figures import Answer
from policyline._hanzi import fold
from policyline._identity import answer_of
from policyline._integrity import check
from policyline._metrics import metric_key
from policyline._projections.base import Projection
from policyline._regions import region as find_region
from policyline._results import Answers, Events, Tabular
from policyline._scope import metric_names as named
from policyline._scope import metrics_written
from policyline._selection import Selection
from policyline._state import State, merged
from policyline._view import View, in_replay_order
from policyline.errors import AmbiguousStatistic, DecodeError, InvalidArgument, Problem

if TYPE_CHECKING:
    from policyline._export import Table

S = TypeVar("S")
VIEWS = 8
"""Known-time slices kept per timeline (one per known day asked)."""


@attrs.frozen
class Change:
    """A statistic whose figure differs between two days."""

    metric: str
    before: Answer | None
    after: Answer


@attrs.frozen
class Diff(Tabular):
    """What changed in a region between two days."""

    appeared: tuple[Event, ...]
    ended: tuple[PolicyIssued, ...]
    changed: tuple[Change, ...]

    def table(self) -> Table:
        """One row per change: each event that appeared or ended, each statistic whose
        figure changed (before and after)."""
        from policyline._columns import diff_table

        return diff_table(self)

    def __repr__(self) -> str:
        counts = (len(self.appeared), len(self.ended), len(self.changed))
        return "<Diff: {} appeared, {} ended, {} changed>".format(*counts)

    def _repr_html_(self) -> str:
        from policyline._render.notebook import diff_html

        return diff_html(self)


def _events(events: Iterable[Event]) -> list[Event]:
    given = list(events)
    for cls in set(map(type, given)):
        if not issubclass(cls, Event):
            raise InvalidArgument("events", cls.__name__, "Event instances")
    return given


class Timeline(Tabular):
    """An immutable, ordered set of events; the one entry point for as-of questions."""

    __slots__ = ("_by_id", "_events", "_metric_names", "_views")

    def __init__(self, events: Iterable[Event] = ()) -> None:
        with paused_gc():  # many lasting objects (a store's events are decoded here), no cycles
            given = _events(events)
            checked = check(given)
            if not checked.issues:
                self._adopt(given, checked.new)
        if checked.issues:
            raise DecodeError(
                [
                    Problem(f"batch position {i.position}", 0, i.path, i.message)
                    for i in checked.issues
                ]
            )

    @classmethod
    def of_checked(
        cls,
        events: Sequence[Event],
        new: Sequence[int],
        *,
        metric_names: dict[str, str] | None = None,
    ) -> Timeline:
        """A timeline of events the integrity check has passed (``new``: the positions of
        the events to keep, identical repeats left out). ``metric_names``: the metrics of
        the store a scoped read came from, so that a name means what it means there."""
        timeline = cls.__new__(cls)
        timeline._adopt(events, new)
        timeline._metric_names = metric_names
        return timeline

    def _adopt(self, events: Sequence[Event], new: Sequence[int]) -> None:
        kept = events if len(new) == len(events) else [events[p] for p in new]
        self._events = tuple(in_replay_order(kept))
        # The id map is built when an id is first looked up: at a million events it would
        # hold a sixth of the memory of the events themselves, for lookups few users make.
        self._by_id: dict[str, Event] | None = None
        self._views: Cache[int | None, View] = Cache(VIEWS)
        self._metric_names: dict[str, str] | None = None

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

    def _repr_html_(self) -> str:
        from policyline._render.notebook import events_html

        return events_html(self._events, f"Timeline of {len(self)} events")

    def __getitem__(self, event_id: str) -> Event:
        return self._ids()[event_id]

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, amendments included, in replay order."""
        return self._events

    def table(self) -> Table:
        """Every event, amendments included, one row each, with ``standing``: whether it
        still stands once amendments are applied (``facts().table()`` is the standing
        facts, each correction's replacement in place of what it corrects)."""
        from policyline._columns import event_table

        facts = self.facts()
        claims = (c for identity in facts.identities.values() for c in identity.claims)
        standing = frozenset([*facts, *claims])
        return event_table(self._events, standing.__contains__)

    def extend(self, events: Iterable[Event]) -> Timeline:
        """A new timeline with ``events`` added; this one is unchanged (a scoped one keeps
        the names of its store's statistics, and adds those of the new events)."""
        added = tuple(events)
        extended = Timeline((*self._events, *added))
        if self._metric_names is not None:
            written = (m for event in added for m in metrics_written(event))
            extended._metric_names = named([*self._metric_names.values(), *written])
        return extended

    def _view(self, known: DateLike | None) -> View:
        known_day = None if known is None else day_number(known)
        view = self._views.get(known_day)
        if view is None:
            visible = (
                self._events
                if known_day is None
                else tuple(e for e in self._events if e.recorded.latest <= known_day)
            )
            with paused_gc():  # the view's indexes: many lasting objects, no cycles
                view = self._views.put(known_day, View(visible, known_day, ordered=True))
            if known_day is not None:
                view.wider = self._view(None)
            else:
                view.all_events = self._events
                view.metric_names = self._metric_names
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

    def facts(self, *, known: DateLike | None = None) -> Events:
        """Every fact standing once amendments (known by ``known``) are applied."""
        view = self._view(known)
        return Events(view.facts, view.identities)

    def select(self, selection: Selection, *, known: DateLike | None = None) -> Events:
        """The standing facts a :class:`Selection` keeps, in replay order (a tuple and a
        table)."""
        view = self._view(known)
        if selection.codes is None:
            chosen: Sequence[Event] = view.facts
        else:
            codes = [code for code in view.regions if code in selection.codes]
            chosen = merged(view.region_index(code).events for code in codes)
        if not selection.dated:
            return Events(chosen, view.identities)
        return Events((e for e in chosen if selection.in_ranges(e)), view.identities)

    def between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        region: str | None = None,
        overlapping: bool = False,
        known: DateLike | None = None,
    ) -> Events:
        """Facts that certainly happened from ``start`` to ``end`` (both days included) or,
        with ``overlapping``, that may have; in a region and the regions below it if given."""
        selection = Selection.of(region=region, effective=(start, end), overlapping=overlapping)
        return self.select(selection, known=known)

    def project(
        self,
        projection: Projection[S],
        date: DateLike,
        *,
        region: str | None = None,
        known: DateLike | None = None,
    ) -> S:
        """Fold a projection of your own over the facts certain by ``date`` (in a region
        and the regions below it, if given)."""
        day = day_number(date)
        selection = Selection.of(region=region, effective=(None, date))
        facts = [e for e in self.select(selection, known=known) if e.effective.latest <= day]
        return projection.fold(facts)

    def metrics(
        self, region: str, *, rollup: bool = False, known: DateLike | None = None
    ) -> tuple[tuple[str, str, int], ...]:
        """The statistics reported in a region (and below it, rolled up): (metric as first
        written, kind, number of reports), the most reported first."""
        selection = Selection.of(region=region, subregions=rollup)
        counts: Counter[tuple[str, str]] = Counter()
        spelled: dict[str, str] = {}
        for event in self.select(selection, known=known):
            if isinstance(event, StatisticReported):
                key = fold(event.metric)
                spelled.setdefault(key, event.metric)
                counts[key, event.kind] += 1
        rows = [(spelled[key], kind, n) for (key, kind), n in counts.items()]
        return tuple(sorted(rows, key=lambda row: (-row[2], row[0], row[1])))

    def history(
        self,
        region: str,
        metric: str,
        *,
        kind: str | None = None,
        rollup: bool = False,
        known: DateLike | None = None,
    ) -> Answers:
        """A statistic over time, each entry with its sources.

        Not rolled up: every report of the statistic by the region itself, in replay
        order. Rolled up: the region's figure (or its refusal) from each day on which a
        report in it or below it became certain, as ``as_of(day).region(region,
        rollup=True).answer(metric)`` gives it, wherever that changed.
        """
        place = find_region(region)
        key = metric_key(self._view(known), metric)
        selection = Selection.of(region=place.code, subregions=rollup)
        reports = [
            e
            for e in self.select(selection, known=known)
            if isinstance(e, StatisticReported)
            and fold(e.metric) == key
            and (kind is None or e.kind == kind)
        ]
        if not rollup:
            identities = self._view(known).identities
            return Answers(answer_of(e, identities) for e in reports)
        kinds = sorted({e.kind for e in reports})
        if len(kinds) > 1:
            raise AmbiguousStatistic(metric, kinds)
        answers: list[Answer] = []
        for day in sorted({e.effective.latest for e in reports}):
            state = self.as_of(dt.date.fromordinal(day), known=known)
            answer = state.region(place.code, rollup=True).answer(metric, kind=kinds[0])
            if answer is not None and (not answers or answers[-1] != answer):
                answers.append(answer)
        return Answers(answers)

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
        old = {(fold(a.metric), a.kind): a for a in before.statistics}
        changed = tuple(
            Change(a.metric, old.get((fold(a.metric), a.kind)), a)
            for a in after.statistics
            if old.get((fold(a.metric), a.kind)) != a
        )
        return Diff(
            appeared=tuple(e for e in after.events if e.id not in seen),
            ended=tuple(p for p in before.policies if p.id not in still),
            changed=changed,
        )
