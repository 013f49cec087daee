"""What the SQLite and PostgreSQL stores share: the tables, the queries, paged reads.

Each event is one row of ``policyline_events``: its append position (1, 2, 3 ...), id
(unique), type, the JSON text exactly as stored, and its effective and recorded earliest
and latest day numbers as integers for indexed range queries. ``policyline_event_regions``
maps every position to each region the event belongs to (agreements have several).
``policyline_links`` holds each event's :func:`policyline._scope.links` (the ids it points
at, the regions its replacement moves a fact to, by position; the metric names written,
once each at position 0): what a region-scoped read looks up by index.

The JSON text is decoded through the codec on read, so rows written with an older schema
version are upcast. Reads page through rows by position up to the version seen when the
read began: lazy, never all in memory, and not disturbed by appends meanwhile.
"""

from __future__ import annotations

import abc
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from operator import attrgetter
from typing import Any

from policyline._bulk import paused_gc
from policyline._events import AMENDMENTS, AgreementSigned, Event
from policyline._read_model import Upkeep
from policyline._reading import decode_one, decode_rows
from policyline._scope import (
    AMENDS,
    METRIC,
    REGION,
    THROUGH,
    Finder,
    Found,
    chunks,
    closure,
    links,
    metric_names,
    stored_as_statistic,
)
from policyline._selection import Selection
from policyline._stores import sql_model
from policyline._stores.base import Record, Store, WriteSession

Row = tuple[Any, ...]
PAGE = 500
"""Rows fetched per query while reading, and ids per lookup."""
DECODED = 10_000
"""Rows parsed together (one JSON array in C) by a scoped read."""

_INSERT_EVENT = (
    "INSERT INTO policyline_events (position, id, type, body, effective_earliest,"
    " effective_latest, recorded_earliest, recorded_latest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_REGION = "INSERT INTO policyline_event_regions (region, position) VALUES (?, ?)"
INSERT_LINK = (
    "INSERT INTO policyline_links (kind, value, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
)
VERSION = "SELECT COALESCE(MAX(position), 0) FROM policyline_events"
_ID = attrgetter("id")
_TYPE = attrgetter("type_name")
_TEXT = attrgetter("text")
_REGION = attrgetter("region")
_EFFECTIVE_EARLIEST = attrgetter("effective.earliest")
_EFFECTIVE_LATEST = attrgetter("effective.latest")
_RECORDED_EARLIEST = attrgetter("recorded.earliest")
_RECORDED_LATEST = attrgetter("recorded.latest")


def _where(selection: Selection) -> tuple[list[str], list[object]]:
    """The SQL conditions of a selection (the same meaning as ``Selection.matches``)."""
    clauses: list[str] = []
    params: list[object] = []
    if selection.codes is not None:
        marks = ", ".join("?" for _ in selection.codes)
        clauses.append(
            "EXISTS (SELECT 1 FROM policyline_event_regions r WHERE r.position = e.position"
            f" AND r.region IN ({marks}))"
        )
        params.extend(sorted(selection.codes))
    # Within: the whole date in the range; overlapping: the date and the range share a day.
    low, high = ("latest", "earliest") if selection.overlapping else ("earliest", "latest")
    ranges = (("effective", selection.effective), ("recorded", selection.recorded))
    for column, (first, last) in ranges:
        if first is not None:
            clauses.append(f"e.{column}_{low} >= ?")
            params.append(first)
        if last is not None:
            clauses.append(f"e.{column}_{high} <= ?")
            params.append(last)
    return clauses, params


class SQLStore(Store):
    """A store in SQL tables; subclasses supply the connection and the write transaction.

    Statements are written with ``?`` placeholders; a subclass whose driver wants
    another style translates them in :meth:`_fetch` and :meth:`_insert`.
    """

    body = "body"
    """The SQL expression that reads an event's JSON text."""

    @abc.abstractmethod
    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """Run a query and return all its rows."""

    @abc.abstractmethod
    def _insert(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Run an insert once per row, inside the current write transaction."""

    @abc.abstractmethod
    def _execute(self, sql: str) -> None:
        """Run a statement that returns no rows, inside the current write transaction."""

    @abc.abstractmethod
    def _snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every query in it sees the store as it was at its start."""

    @property
    def version(self) -> int:
        """The number of events stored."""
        return int(self._fetch(VERSION)[0][0])

    def _decode(self, position: int, body: str) -> Event:
        return decode_one(body, file=f"{self.url} row", line=position)

    has_links = True
    """Whether the store keeps ``policyline_links`` (a file made before them, opened
    read-only, does not: its scope is found by reading everything)."""

    @property
    def scoped_by_index(self) -> bool:
        return self.has_links

    has_model = True
    """Whether the store keeps the statistics read model's table (a file made before it,
    opened read-only, does not)."""

    def _finder(self) -> Finder:
        """By index when the links reach every stored event; else (events appended by a
        policyline from before the links, not yet linked) by reading everything."""
        last = self.version
        if self.has_links and self.linked_through() >= last:
            return Indexed(self, last)
        return super()._finder()

    def indexed(self, last: int) -> Indexed:
        """The scope's lookups by index, among the first ``last`` events."""
        return Indexed(self, last)

    @property
    def keeps_read_model(self) -> bool:
        return self.has_model

    @property
    def figures_by_model(self) -> bool:
        last = self.version
        return (
            self.has_model
            and self.has_links
            and self.linked_through() >= last
            and sql_model.model_through(self) >= last
        )

    def figures_scope(
        self, days: Collection[int], codes: Collection[str] | None
    ) -> tuple[list[Event], dict[str, str]] | None:
        with self._snapshot(), paused_gc():
            if not self.figures_by_model:
                return None
            latest = sql_model.latest_reports
            roots = sorted({root for day in days for root in latest(self, day, codes)})
            finder = Indexed(self, self.version)
            return closure(finder, finder.with_ids(roots)), finder.metric_names()

    def rebuild(self) -> int:
        """Make the statistics read model again from every stored event (the owner's
        job on PostgreSQL: it deletes the old one); return the number of events."""
        with self._session():
            sql_model.rebuild(self)
        return self.version

    def linked_through(self) -> int:
        """The position of the last event whose links are written (0: none)."""
        found = self._fetch(
            f"SELECT COALESCE(MAX(position), 0) FROM policyline_links WHERE kind = '{THROUGH}'"
        )
        return int(found[0][0])

    def stored_between(self, after: int, last: int) -> Iterator[list[tuple[int, Event]]]:
        """The stored events after position ``after`` up to ``last``, with their positions,
        a slice of :data:`DECODED` at a time."""
        while after < last:
            rows = self._fetch(
                f"SELECT position, {self.body} FROM policyline_events"
                f" WHERE position > ? AND position <= ? ORDER BY position LIMIT {DECODED}",
                [after, last],
            )
            if not rows:
                return
            yield decode_rows(rows, file=f"{self.url} row")
            after = int(rows[-1][0])

    def link_between(self, after: int, last: int) -> None:
        """Write the links of the stored events after ``after`` up to ``last`` (inside a
        write transaction), a slice at a time."""
        for stored in self.stored_between(after, last):
            self._insert(INSERT_LINK, link_rows(stored))

    def _lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        found: dict[str, Event] = {}
        for start in range(0, len(ids), PAGE):
            chunk = ids[start : start + PAGE]
            marks = ", ".join("?" for _ in chunk)
            rows = self._fetch(
                f"SELECT position, {self.body} FROM policyline_events WHERE id IN ({marks})",
                chunk,
            )
            for position, body in rows:
                event = self._decode(position, body)
                found[event.id] = event
        return found

    def _write(self, records: Sequence[Record], version: int, upkeep: Upkeep) -> None:
        through = self.linked_through()
        if through < version:  # appended by a policyline from before the links
            self.link_between(through, version)
        events = [record.event for record in records]
        positions = range(version + 1, version + 1 + len(events))
        rows = zip(  # noqa: B905 - every column has one value per event
            positions,
            map(_ID, events),
            map(_TYPE, events),
            map(_TEXT, records),
            map(_EFFECTIVE_EARLIEST, events),
            map(_EFFECTIVE_LATEST, events),
            map(_RECORDED_EARLIEST, events),
            map(_RECORDED_LATEST, events),
        )
        self._insert(_INSERT_EVENT, list(rows))
        regions = list(zip(map(_REGION, events), positions, strict=True))
        kinds = list(map(type, events))
        if AgreementSigned in kinds:  # a row for each other party to an agreement too
            for number, kind in enumerate(kinds):
                if kind is AgreementSigned:
                    event = events[number]
                    others = (code for code in dict.fromkeys(event.regions) if code != event.region)
                    regions.extend((code, positions[number]) for code in others)
        self._insert(_INSERT_REGION, regions)
        stored = list(zip(positions, events, strict=True))
        self._insert(INSERT_LINK, link_rows(stored))
        if self.has_model:
            sql_model.keep(self, upkeep, stored)

    def _read(self, selection: Selection) -> Iterator[Event]:
        clauses, params = _where(selection)
        sql = " ".join(
            [
                f"SELECT e.position, e.{self.body} FROM policyline_events e",
                "WHERE e.position > ? AND e.position <= ?",
                *(f"AND {clause}" for clause in clauses),
                f"ORDER BY e.position LIMIT {PAGE}",
            ]
        )
        return self._pages(sql, params, self.version)

    def _pages(self, sql: str, params: list[object], last: int) -> Iterator[Event]:
        after = 0
        while True:
            rows = self._fetch(sql, [after, last, *params])
            for _, event in decode_rows(rows, file=f"{self.url} row"):
                yield event
            if len(rows) < PAGE:
                return
            after = rows[-1][0]


def link_rows(stored: Iterable[tuple[int, Event]]) -> list[tuple[str, str, int]]:
    """The ``policyline_links`` rows of some stored events (each metric name once, and
    how far the links now reach). Only an amendment or a fact the same as another has more
    than a statistic's metric."""
    rows: list[tuple[str, str, int]] = []
    metrics: set[str] = set()
    last = 0
    for position, event in stored:
        last = position
        if event.same_as is None and not isinstance(event, AMENDMENTS):
            if stored_as_statistic(event):
                metrics.add(event.metric)  # type: ignore[attr-defined]
        else:
            for link, value in links(event):
                if link == METRIC:
                    metrics.add(value)
                else:
                    rows.append((link, value, position))
    rows.extend((METRIC, metric, 0) for metric in sorted(metrics))
    if last:
        rows.append((THROUGH, "", last))
    return rows


class Indexed:
    """The scope's lookups (:class:`policyline._scope.Finder`) as indexed queries, up to
    the store's version when the finder was made: positions first, then the rows by
    position, parsed a slice at a time (so a large scope holds few raw rows at once)."""

    def __init__(self, store: SQLStore, last: int) -> None:
        self._store = store
        self._last = last
        self._where = f"{store.url} row"

    def _positions(self, query: str, values: Sequence[str]) -> list[int]:
        """The positions ``query`` gives, ``{marks}`` in it standing for a slice of
        ``values`` (each ``{marks}`` takes the slice once)."""
        found: set[int] = set()
        repeats = query.count("{marks}")
        for part in chunks(values, PAGE):
            marks = ", ".join("?" for _ in part)
            rows = self._store._fetch(query.format(marks=marks), list(part) * repeats)
            found.update(int(position) for (position,) in rows)
        return sorted(p for p in found if p <= self._last)

    def _at(self, positions: Sequence[int]) -> Found:
        found: list[tuple[int, Event]] = []
        pending: list[tuple[int, str]] = []
        for part in chunks(positions, PAGE):
            marks = ", ".join("?" for _ in part)
            pending.extend(
                self._store._fetch(
                    f"SELECT position, {self._store.body} FROM policyline_events"
                    f" WHERE position IN ({marks}) ORDER BY position",
                    list(part),
                )
            )
            if len(pending) >= DECODED:
                found.extend(decode_rows(pending, file=self._where))
                pending = []
        found.extend(decode_rows(pending, file=self._where))
        return found

    def in_regions(self, codes: Collection[str]) -> Found:
        return self._at(
            self._positions(
                "SELECT position FROM policyline_event_regions WHERE region IN ({marks})"
                f" UNION SELECT position FROM policyline_links WHERE kind = '{REGION}'"
                " AND value IN ({marks})",
                list(codes),
            )
        )

    def amending(self, ids: Collection[str]) -> Found:
        return self._at(
            self._positions(
                f"SELECT position FROM policyline_links WHERE kind = '{AMENDS}'"
                " AND value IN ({marks})",
                list(ids),
            )
        )

    def with_ids(self, ids: Collection[str]) -> Found:
        return self._at(
            self._positions(
                "SELECT position FROM policyline_events WHERE id IN ({marks})", list(ids)
            )
        )

    def metric_names(self) -> dict[str, str]:
        rows = self._store._fetch(f"SELECT value FROM policyline_links WHERE kind = '{METRIC}'")
        return metric_names(value for (value,) in rows)


class SQLSession(WriteSession):
    """The write session of a SQL store: its queries, run inside the open transaction."""

    def __init__(self, store: SQLStore) -> None:
        self._store = store
        self.upkeep = Upkeep()
        """The read model's upkeep over the session's writes."""

    def version(self) -> int:
        """The number of events stored."""
        return self._store.version

    def lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        """The stored events among ``ids``."""
        return self._store._lookup(ids)

    def write(self, records: Sequence[Record], version: int) -> None:
        """Insert ``records`` at the positions after ``version``."""
        self._store._write(records, version, self.upkeep)
