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
However large, a batch is taken chunk by chunk (:func:`policyline._reading.chunk_size`
events) inside one write session: each chunk is checked (its ids against the store, which
sees what the session already wrote) and written; references are resolved at the end, and
any problem ends the session with an exception, which undoes every chunk.
Backends only supply a write session (lock or transaction, version, lookup by id, write)
and the reads; the rules live here once. Stores move events in and out, nothing more:
``policyline.load(store)`` makes a timeline of one.
"""

from __future__ import annotations

import abc
import types
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, Self, runtime_checkable

import attrs

from policyline._bulk import paused_gc
from policyline._events import Event
from policyline._integrity import Check
from policyline._reading import Chunk, Places, batched, chunk_size, line_chunks
from policyline._regions import region as find_region
from policyline._scope import Finder, InMemory, scope
from policyline._selection import DateRange, Selection
from policyline._wire import encode_line
from policyline.errors import ConcurrencyError, DecodeError, InvalidArgument, Problem


@attrs.frozen
class Record:
    """An event and the JSON text it is stored as (older schema versions stay as written)."""

    event: Event
    text: str

    @classmethod
    def of(cls, event: Event) -> Record:
        """The record for an event, in the current schema version."""
        return cls(event, encode_line(event).decode("utf-8"))


class WriteSession(Protocol):
    """What a backend offers while it holds its write lock or transaction."""

    def version(self) -> int:
        """The number of events stored."""

    def lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        """The stored events among ``ids``, those this session wrote included."""

    def write(self, records: Sequence[Record], version: int) -> None:
        """Store ``records`` after the ``version`` events already there; nothing of it
        stays if the session ends with an exception."""


@runtime_checkable
class OptimisticSession(WriteSession, Protocol):
    """A write session that can try a chunk before looking its ids up (SQLite's)."""

    def write_if_new(self, records: Sequence[Record], version: int) -> bool:
        """Store ``records`` as :meth:`write` does if none of their ids is stored yet and
        return True; else write nothing and return False."""


def records_of(chunk: Chunk) -> list[Record]:
    """The records of a chunk read with ``keep_text``."""
    return list(map(Record, chunk.events, chunk.texts or ()))


def _batch_position(position: int) -> tuple[str, int]:
    return f"batch position {position}", 0


def _described(where: Callable[[int], tuple[str, int]], position: int) -> str:
    file, line = where(position)
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

    def _finder(self) -> Finder:
        """The scope's lookups: a scan of everything stored, unless a store has indexes."""
        return InMemory(self._read(Selection.of()))

    @property
    def scoped_by_index(self) -> bool:
        """Whether :meth:`scope` looks its events up by index (else it reads everything)."""
        return False

    def scope(self, region: str) -> list[Event]:
        """Every stored event that can affect ``region`` or a region below it, and those
        they point at, in append order (the rule: :mod:`policyline._scope`): a timeline
        of them answers every question about that subtree as the whole store does."""
        with paused_gc():
            return scope(self._finder(), find_region(region).code)

    def scoped(self, region: str) -> tuple[list[Event], dict[str, str]]:
        """:meth:`scope`, and the names of every statistic in the store (a name means
        the same in a scoped timeline as in the whole one)."""
        finder = self._finder()
        with paused_gc():
            return scope(finder, find_region(region).code), finder.metric_names()

    @property
    def keeps_read_model(self) -> bool:
        """Whether the store keeps the statistics read model beside its events
        (:mod:`policyline._read_model`); a JSON Lines store does not."""
        return False

    @property
    def figures_by_model(self) -> bool:
        """Whether figures questions are answered from the read model now (it reaches
        every stored event); else they are worked out from the events."""
        return False

    def figures_scope(
        self, days: Collection[int], codes: Collection[str] | None
    ) -> tuple[list[Event], dict[str, str]] | None:
        """From the read model: the events that the figures of ``codes`` (None: every
        region) as of each of ``days`` need, at everything recorded, and the names of
        every statistic; ``None`` if the store has no read model reaching every event."""
        return None

    def rebuild(self) -> int:
        """Make the read model again from every stored event; return how many events
        it folds (0: the store keeps none)."""
        return 0

    def append(self, events: Iterable[Event], *, expected_version: int | None = None) -> int:
        """Store a batch of events whole, or nothing of it; return the new version.

        With ``expected_version``, the append only happens if the store is still at that
        version (optimistic concurrency); otherwise :class:`ConcurrencyError`. The events
        may be any iterable (a generator, another store's ``read()``): they are taken
        chunk by chunk, so memory does not grow with the batch.
        """

        def chunks() -> Iterator[list[Record]]:
            for chunk in batched(events):
                for cls in set(map(type, chunk)):
                    if not issubclass(cls, Event):
                        raise InvalidArgument("events", cls.__name__, "Event instances")
                yield list(map(Record.of, chunk))

        return self._append_stream(chunks(), expected_version, _batch_position)

    def append_lines(
        self,
        lines: Iterable[str | bytes],
        *,
        file: str = "<lines>",
        expected_version: int | None = None,
    ) -> int:
        """Store JSON Lines (each item one line) as written, older schema versions included,
        whole or not at all; problems are reported as ``file:line``. Return the new version."""
        places, problems = Places(), list[Problem]()
        chunks = line_chunks(lines, file, places, problems, keep_text=True, size=chunk_size())
        return self._append_stream(
            map(records_of, chunks), expected_version, places.where, problems
        )

    def _append_stream(
        self,
        chunks: Iterable[Sequence[Record]],
        expected_version: int | None,
        where: Callable[[int], tuple[str, int]],
        problems: Sequence[Problem] = (),
    ) -> int:
        """Store chunks of records as one batch, whole or not at all (what ``append``,
        ``append_lines`` and ``copy`` do); return the new version.

        Each chunk is checked and written inside the one session, so memory holds a
        chunk and 8 bytes an event, never the batch (the session remembers it).
        ``problems`` fills up as the chunks are read (a bad line): then nothing more is
        written and the rest is only read, to name every problem; any problem or issue
        ends the session with an exception, which undoes every chunk written.
        """
        if expected_version is not None and (
            isinstance(expected_version, bool) or not isinstance(expected_version, int)
        ):
            raise InvalidArgument("expected_version", expected_version, "an int or None")
        with paused_gc(), self._session() as session:  # many short-lived objects, no cycles
            version = session.version()
            if expected_version is not None and expected_version != version:
                raise ConcurrencyError(expected_version, version)
            checking = Check(
                lambda ids: session.lookup(sorted(ids)),
                lambda p: _described(where, p),
                store_holds_batch=True,  # the session's lookups see each chunk written
            )
            written = version
            for records in chunks:
                if problems:
                    continue
                written += _write_chunk(session, checking, records, written)
            if problems:
                raise DecodeError(list(problems))
            issues = checking.finish()
            if issues:
                raise DecodeError([Problem(*where(i.position), i.path, i.message) for i in issues])
            return written

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


def _write_chunk(
    session: WriteSession, checking: Check, records: Sequence[Record], version: int
) -> int:
    """Check a chunk of the batch and write its new records after ``version``; return how
    many were written. A SQLite session first tries the chunk without looking its ids up
    (the unique index on ids says whether one is stored); only if that fails are they
    looked up, so what is written and which problem is named never depend on the try."""
    events = [record.event for record in records]
    if isinstance(session, OptimisticSession):
        tried = checking.examine_if_new(events)
        if tried is not None and session.write_if_new(records, version):
            checking.take(tried)
            return len(records)
    examined = checking.examine(events)
    checking.take(examined)
    if len(examined.new) == len(records):
        new = records
    else:
        new = [records[position - examined.start] for position in examined.new]
    if new:
        session.write(new, version)
    return len(new)
