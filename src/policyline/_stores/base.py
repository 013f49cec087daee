"""The store contract every backend keeps; its rules are the library's own.

A store holds events in append order. ``append`` takes a batch whole or not at all:

- a stale ``expected_version`` raises :class:`ConcurrencyError`;
- the batch, with the stored events it meets, must pass the one integrity check
  (:mod:`policyline._integrity`), the same that ``load`` runs: an event identical to a
  stored one (or to an earlier one in the batch) is skipped; anything the check refuses
  (a different event under a used id, a reference to nothing, a malformed amendment)
  raises :class:`DecodeError`, each problem at ``file:line`` for text read with
  ``append_lines``, else at its batch position.

So a store never accepts what loading would refuse, and always loads after an append.
Backends only supply a write session (lock or transaction, version, lookup by id, write)
and the reads; the rules live here once. Stores move events in and out, nothing more:
``policyline.load(store)`` makes a timeline of one.
"""

from __future__ import annotations

import abc
import types
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, Self, runtime_checkable

import attrs

from policyline._bulk import paused_gc
from policyline._events import Event
from policyline._integrity import check
from policyline._reading import Decoded, read_lines
from policyline._selection import DateRange, Selection
from policyline._wire import encode_line
from policyline.errors import ConcurrencyError, DecodeError, InvalidArgument, Problem


@attrs.frozen
class Record:
    """An event, the JSON text it is stored as (older schema versions stay as written),
    and where it was read, if from text."""

    event: Event
    text: str
    where: tuple[str, int] | None = None

    @classmethod
    def of(cls, event: Event) -> Record:
        """The record for an event, in the current schema version."""
        return cls(event, encode_line(event).decode("utf-8"))


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


def records_of(decoded: Decoded) -> list[Record]:
    """The records of text read with ``keep_text``; its problems raise :class:`DecodeError`."""
    decoded.refuse()
    texts = decoded.texts if decoded.texts is not None else []
    return [
        Record(event, text, decoded.places.where(position))
        for position, (event, text) in enumerate(zip(decoded.events, texts, strict=True))
    ]


def _located(records: Sequence[Record], position: int) -> tuple[str, int]:
    where = records[position].where
    return where if where is not None else (f"batch position {position}", 0)


def _described(records: Sequence[Record], position: int) -> str:
    file, line = _located(records, position)
    return f"{file}:{line}" if line else file


class Store(abc.ABC):
    """A durable, append-only sequence of events. Open one with :func:`policyline.open`."""

    url: str

    @abc.abstractmethod
    def _session(self) -> AbstractContextManager[WriteSession]:
        """Hold the write lock or transaction; on an exception nothing is written."""

    @abc.abstractmethod
    def _read(self, selection: Selection) -> Iterator[Event]:
        """The stored events the selection keeps, lazily, in append order."""

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
                    raise InvalidArgument("events", cls.__name__, "Event instances")
            return self._append_records(list(map(Record.of, batch)), expected_version)

    def append_lines(
        self,
        lines: Iterable[str | bytes],
        *,
        file: str = "<lines>",
        expected_version: int | None = None,
    ) -> int:
        """Store JSON Lines (each item one line) as written, older schema versions included,
        whole or not at all; problems are reported as ``file:line``. Return the new version."""
        decoded = read_lines(lines, file=file, keep_text=True)
        return self._append_records(records_of(decoded), expected_version)

    def _append_records(self, records: Sequence[Record], expected_version: int | None) -> int:
        """Store records whole or not at all (what ``append`` and ``append_lines`` do)."""
        if expected_version is not None and (
            isinstance(expected_version, bool) or not isinstance(expected_version, int)
        ):
            raise InvalidArgument("expected_version", expected_version, "an int or None")
        events = [record.event for record in records]
        with self._session() as session:
            version = session.version()
            if expected_version is not None and expected_version != version:
                raise ConcurrencyError(expected_version, version)
            if isinstance(session, OptimisticSession) and _try_new(session, records, version):
                return version + len(records)

            def stored(ids: Collection[str]) -> Mapping[str, Event]:
                return session.lookup(sorted(ids))

            checked = check(events, stored, lambda p: _described(records, p))
            if checked.issues:
                raise DecodeError(
                    [
                        Problem(*_located(records, i.position), i.path, i.message)
                        for i in checked.issues
                    ]
                )
            new = [records[position] for position in checked.new]
            if new:
                session.write(new, version)
            return version + len(new)

    def read(
        self,
        selection: Selection | None = None,
        *,
        region: str | None = None,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
    ) -> Iterator[Event]:
        """The stored events, in append order, lazily: those a :class:`Selection` keeps,
        or (a shorthand) those in a region or below it whose dates lie within ranges."""
        return self._read(_selection(selection, region, effective, recorded))

    def count(
        self,
        selection: Selection | None = None,
        *,
        region: str | None = None,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
    ) -> int:
        """How many stored events ``read`` with the same arguments would give."""
        chosen = _selection(selection, region, effective, recorded)
        if chosen.is_everything:
            return self.version
        return sum(1 for _ in self._read(chosen))

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


def _selection(
    selection: Selection | None,
    region: str | None,
    effective: DateRange | None,
    recorded: DateRange | None,
) -> Selection:
    if selection is None:
        return Selection.of(region=region, effective=effective, recorded=recorded)
    if region is not None or effective is not None or recorded is not None:
        raise InvalidArgument("selection", selection, "a Selection or keywords, not both")
    return selection


def _try_new(session: OptimisticSession, records: Sequence[Record], version: int) -> bool:
    """The usual case in one step: a batch of new, distinct events whose references
    outside the batch are stored. Only those references are looked up; the unique index
    on ids tells whether one of the batch's own ids is stored. True if the batch was
    written; False (nothing written) leaves every other case to the full check, so that
    what is written and which problem is named do not depend on this shortcut."""
    events = [record.event for record in records]
    ids = {event.id for event in events}

    def outside(wanted: Collection[str]) -> Mapping[str, Event]:
        others = sorted(set(wanted) - ids)
        return session.lookup(others) if others else {}

    checked = check(events, outside)
    if checked.issues or len(checked.new) != len(events):
        return False
    return session.write_if_new(records, version)
