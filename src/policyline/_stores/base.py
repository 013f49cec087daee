"""The store contract every backend keeps, and the batch checks they all share.

A store holds events in append order. ``append`` takes a batch whole or not at all:

- a stale ``expected_version`` raises :class:`ConcurrencyError`;
- an event identical to a stored one (or to an earlier one in the batch) is a no-op;
- an event whose id is stored (or earlier in the batch) with other content raises
  :class:`ConflictingEvent`;
- a correction, retraction, repeal or ``covers`` that points at an id neither stored nor
  in the batch raises :class:`DanglingReference`.

Each of those errors names the field and where it is: ``file:line`` for text read with
``append_lines``, else the batch position. Backends only supply a write
session (lock or transaction, version, lookup by id, write) and the reads; the rules live
here once.
"""

from __future__ import annotations

import abc
import datetime as dt
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from operator import attrgetter
from typing import Protocol, Self, runtime_checkable

import attrs
import msgspec

from policyline._bulk import paused_gc
from policyline._codec import decode_lines, encode_line
from policyline._dates import ImpreciseDate, imprecise
from policyline._events import (
    REFERRING,
    Event,
    references,
)
from policyline._regions import all_regions, is_within, region
from policyline._timeline import Timeline
from policyline._wire import fast_encode
from policyline.errors import (
    ConcurrencyError,
    ConflictingEvent,
    DanglingReference,
    DecodeError,
    PolicylineError,
    Problem,
)

_ID = attrgetter("id")

DateLike = str | dt.date | ImpreciseDate
DateRange = tuple[DateLike | None, DateLike | None]


@attrs.frozen
class Record:
    """An event and the JSON text it is stored as (older schema versions stay as written)."""

    event: Event
    text: str
    where: str | None = None  # "file:line" when the record was read from text

    @classmethod
    def of(cls, event: Event) -> Record:
        """The record for an event, in the current schema version."""
        if not isinstance(event, Event):
            raise TypeError(f"expected an Event, got {type(event).__name__}")
        return cls(event, _encode_text(event))


def _encode_text(event: Event) -> str:
    """The JSON text of an event, written by :func:`policyline._wire.fast_encode` (it decodes
    to the same event as :func:`encode_line`'s text). Anything msgspec refuses (a lone
    surrogate ...) is written by the stdlib."""
    try:
        return fast_encode(event).decode()
    except (msgspec.EncodeError, UnicodeError):
        return encode_line(event)


def _bounds(value: DateRange | None, name: str) -> tuple[int | None, int | None]:
    if value is None:
        return (None, None)
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"{name}= expects a (start, end) pair, got {value!r}")
    start, end = value
    first = None if start is None else imprecise(start).earliest
    last = None if end is None else imprecise(end).latest
    return (first, last)


@attrs.frozen
class Query:
    """Which events a read selects: by region (and the regions below it), by date ranges.

    A date range ``(start, end)`` keeps events whose whole date lies from the first day of
    ``start`` to the last day of ``end``; either end may be ``None`` (open).
    """

    codes: frozenset[str] | None = None
    effective: tuple[int | None, int | None] = (None, None)
    recorded: tuple[int | None, int | None] = (None, None)

    @classmethod
    def of(
        cls,
        region_name: str | None = None,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
    ) -> Query:
        """Build a query from the arguments ``read`` and ``count`` take."""
        codes = None
        if region_name is not None:
            code = region(region_name).code
            codes = frozenset(r.code for r in all_regions() if is_within(r.code, code))
        return cls(codes, _bounds(effective, "effective"), _bounds(recorded, "recorded"))

    @property
    def is_everything(self) -> bool:
        """True when the query selects every event."""
        return self.codes is None and self.effective == self.recorded == (None, None)

    def matches(self, event: Event) -> bool:
        """Does ``event`` satisfy the query?"""
        if self.codes is not None and not any(c in self.codes for c in event.regions):
            return False
        for (first, last), date in (
            (self.effective, event.effective),
            (self.recorded, event.recorded),
        ):
            if first is not None and date.earliest < first:
                return False
            if last is not None and date.latest > last:
                return False
        return True


class WriteSession(Protocol):
    """What a backend offers while it holds its write lock or transaction."""

    def version(self) -> int:
        """The number of events stored."""

    def lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        """The stored events among ``ids``."""

    def write(self, records: Sequence[Record], version: int) -> None:
        """Store ``records`` after the ``version`` events already there, all or nothing."""


@runtime_checkable
class OptimisticSession(WriteSession, Protocol):
    """A write session that can try a batch before looking its ids up (SQLite's)."""

    def write_if_new(self, records: Sequence[Record], version: int) -> bool:
        """Store ``records`` as :meth:`write` does if none of their ids is stored yet and
        return True; else write nothing and return False."""


def _locate(error: PolicylineError, record: Record, position: int, field: str) -> PolicylineError:
    """Say where the error is (file and line, else batch position), keeping type and data."""
    where = record.where or f"batch position {position}"
    error.args = (f"{where}: $.{field}: {error.args[0]}",)
    return error


def plan(records: Sequence[Record], stored: Mapping[str, Event]) -> list[Record]:
    """The records of a batch that are new; raises if the batch cannot be taken whole."""
    new: list[Record] = []
    seen: dict[str, Event] = {}
    for position, record in enumerate(records):
        event = record.event
        prior = seen.get(event.id, stored.get(event.id))
        if prior is not None:
            if prior != event:
                raise _locate(ConflictingEvent(event.id), record, position, "id")
            continue
        seen[event.id] = event
        new.append(record)
    known = stored.keys() | seen.keys()
    for position, record in enumerate(records):
        for field, target in references(record.event):
            if target not in known:
                error = DanglingReference(record.event.id, field, target)
                raise _locate(error, record, position, f"payload.{field}")
    return new


def wanted_ids(records: Sequence[Record]) -> list[str]:
    """Every id a batch's checks need to look up: its own and the ones it points at."""
    ids = {r.event.id for r in records}
    ids.update(target for r in records for _, target in references(r.event))
    return sorted(ids)


def _try_new(session: OptimisticSession, records: Sequence[Record], version: int) -> bool:
    """The usual case in one step: a batch of new events, each distinct, whose references
    outside the batch are stored. Only those references are looked up; the unique index
    on ids tells whether any of the batch's own ids is stored. True if the batch was
    written; False (nothing written) leaves every other case to the full check, so that
    what is written and which error is raised do not depend on this shortcut."""
    events = [record.event for record in records]
    ids = set(map(_ID, events))
    if len(ids) != len(records):
        return False  # repeats in the batch: the full check sorts them out
    referring = [event for event in events if isinstance(event, REFERRING)]
    outside = sorted({t for event in referring for _, t in references(event)} - ids)
    stored = session.lookup(outside) if outside else {}
    if len(stored) != len(outside):
        return False  # a dangling reference: the full check names it
    return session.write_if_new(records, version)


def decode_records(lines: Iterable[str], *, file: str, first_line: int = 1) -> list[Record]:
    """Records for JSON Lines text, keeping each line as written; every problem raised at once."""
    records: list[Record] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=first_line):
        text = line.strip()
        if not text:
            continue
        try:
            (event,) = decode_lines([text], file=file, first_line=number)
        except DecodeError as error:
            problems.extend(error.problems)
            continue
        records.append(Record(event, text, f"{file}:{number}"))
    if problems:
        raise DecodeError(problems)
    return records


class Store(abc.ABC):
    """A durable, append-only sequence of events. Open one with :func:`policyline.open`."""

    url: str

    @abc.abstractmethod
    def _session(self) -> AbstractContextManager[WriteSession]:
        """Hold the write lock or transaction; on an exception nothing is written."""

    @abc.abstractmethod
    def _read(self, query: Query) -> Iterator[Event]:
        """The stored events that match ``query``, lazily, in append order."""

    @property
    @abc.abstractmethod
    def version(self) -> int:
        """The number of events stored."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the store's files or connection; closing twice is harmless."""

    def append(self, events: Iterable[Event], *, expected_version: int | None = None) -> int:
        """Store a batch of events whole, or nothing of it; return the new version.

        With ``expected_version``, the append only happens if the store is still at that
        version (optimistic concurrency); otherwise :class:`ConcurrencyError`.
        """
        with paused_gc():  # a batch makes many objects that die young, and no cycles
            batch = list(events)
            for cls in set(map(type, batch)):
                if not issubclass(cls, Event):
                    raise TypeError(f"expected an Event, got {cls.__name__}")
            return self._append(
                list(map(Record, batch, map(_encode_text, batch))), expected_version
            )

    def append_lines(
        self,
        lines: Iterable[str],
        *,
        file: str = "<lines>",
        expected_version: int | None = None,
    ) -> int:
        """Store JSON Lines text as written (older schema versions included), whole or not
        at all; problems are reported as ``file:line``. Return the new version."""
        return self._append(decode_records(lines, file=file), expected_version)

    def _append(self, records: Sequence[Record], expected_version: int | None) -> int:
        if expected_version is not None and (
            isinstance(expected_version, bool) or not isinstance(expected_version, int)
        ):
            raise TypeError(f"expected_version must be an int, got {expected_version!r}")
        with self._session() as session:
            version = session.version()
            if expected_version is not None and expected_version != version:
                raise ConcurrencyError(expected_version, version)
            if isinstance(session, OptimisticSession) and _try_new(session, records, version):
                return version + len(records)
            new = plan(records, session.lookup(wanted_ids(records)))
            if new:
                session.write(new, version)
            return version + len(new)

    def read(
        self,
        *,
        region: str | None = None,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
    ) -> Iterator[Event]:
        """The stored events, in append order, lazily; optionally only those in a region
        (or below it, by code or name) and whose dates lie within ``(start, end)`` ranges."""
        return self._read(Query.of(region, effective, recorded))

    def count(
        self,
        *,
        region: str | None = None,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
    ) -> int:
        """How many stored events ``read`` with the same arguments would give."""
        query = Query.of(region, effective, recorded)
        if query.is_everything:
            return self.version
        return sum(1 for _ in self._read(query))

    def timeline(self) -> Timeline:
        """A timeline of every stored event."""
        return Timeline(self._read(Query()))

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"
