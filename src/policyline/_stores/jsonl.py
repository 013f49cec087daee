"""The JSON Lines store: events as lines of ``.jsonl`` files, like the corpus in ``events/``.

A store is one ``.jsonl`` file, or a directory: reads cover every ``*.jsonl`` file in it in
sorted order, appends go to ``appended.jsonl``. The files are read by the one reader
(:mod:`policyline._reading`) and checked by the one integrity check, exactly as ``load``
reads and checks them, chunk by chunk: the store keeps an index (each event's id, type
and place, and whole only the events that point at others), never the events themselves,
so memory stays bounded as the files grow. Reads decode the files again, lazily, and
region and date reads scan them; a lookup by id reads its line again. When a file grows
at the end, only what was added is read; any other change rebuilds the index.

Appends hold an exclusive ``flock`` on the file, so writers in several processes take
turns and never interleave; each batch is written through a rollback journal (see
:mod:`policyline._stores.files`) and fsynced before ``append`` returns. Only an
interrupted append of policyline's own is ever undone (its journal proves it); any other
bad line, the last one included, is an error naming its file, line and field, and the
file is left as it is.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import attrs

from policyline._bulk import paused_gc
from policyline._events import Event
from policyline._integrity import Check
from policyline._reading import Places, chunk_size, decode_stream, located
from policyline._selection import Selection
from policyline._stores import files
from policyline._stores.base import Record, Store
from policyline.errors import DecodeError, Problem

APPEND_FILE = "appended.jsonl"
"""The file a directory store appends to."""


@attrs.frozen
class _Scan:
    """What one file held when last read."""

    ino: int
    size: int
    mtime_ns: int
    lines: int  # how many lines end in a newline
    ends_open: bool  # the last line has no newline (the next read starts afresh)
    edges: bytes = b""  # a digest of the file's first and last bytes (see _edges)


EDGE = 4096
"""Bytes at each end of a file that must be unchanged for a bigger file to count as grown."""


def _edges(fd: int, size: int) -> bytes:
    """A digest of the first and the last :data:`EDGE` bytes of a file's first ``size``
    bytes: a file rewritten in place (or replaced under a reused inode) that happens to
    be bigger is told from one that grew, so its old index is not extended."""
    head = os.pread(fd, min(EDGE, size), 0)
    tail = os.pread(fd, min(EDGE, size), max(0, size - EDGE))
    return hashlib.blake2b(head + b"|" + tail, digest_size=16).digest()


class _Lines:
    """The lines of a binary file up to a size, counted, remembering how the last ends."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self._left = size
        self.count = 0
        self.ends_open = False

    def __iter__(self) -> Iterator[bytes]:
        if self._left <= 0:
            return
        for raw in self._handle:
            if len(raw) >= self._left:
                raw, self._left = raw[: self._left], 0
            else:
                self._left -= len(raw)
            ended = raw.endswith(b"\n")
            self.count += ended
            self.ends_open = not ended
            yield raw
            if not self._left:
                return


class _Index:
    """What the store knows of its files: their sizes when read, every event's place,
    and the integrity check over all their events."""

    def __init__(self) -> None:
        self.scans: dict[Path, _Scan] = {}
        self.places = Places()
        self.check = Check(where=self.places.describe, recall=self.places.recall)

    def add_file(self, path: Path, old: _Scan | None = None) -> list[Problem]:
        """Read a file (only what was added since ``old``, if given) into the index;
        return the problems of its lines."""
        problems: list[Problem] = []
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            offset = old.size if old is not None else 0
            handle.seek(offset)
            lines = _Lines(handle, status.st_size - offset)
            first_line = old.lines + 1 if old is not None else 1
            chunks = decode_stream(
                lines, str(path), self.places, problems, size=chunk_size(),
                first_line=first_line, offset=offset, path=path,
            )  # fmt: skip
            for chunk in chunks:
                self.check.feed(chunk.events)
            edges = _edges(handle.fileno(), status.st_size)
        self.scans[path] = _Scan(
            ino=status.st_ino,
            size=status.st_size,
            mtime_ns=status.st_mtime_ns,
            lines=first_line - 1 + lines.count,
            ends_open=lines.ends_open,
            edges=edges,
        )
        return problems

    def refuse(self, problems: list[Problem]) -> None:
        """Raise :class:`DecodeError` for bad lines or an integrity issue in the files."""
        if problems:
            raise DecodeError(problems)
        issues = self.check.finish()
        if issues:
            raise DecodeError(located(self.places, issues))


def _grew(path: Path, old: _Scan) -> bool:
    """Is the file what it was, with lines added at its end?"""
    with path.open("rb") as handle:
        status = os.fstat(handle.fileno())
        if status.st_ino != old.ino or status.st_size <= old.size:
            return False
        return _edges(handle.fileno(), old.size) == old.edges


def _status(path: Path) -> tuple[int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


class JSONLinesStore(Store):
    """Events in a ``.jsonl`` file, or in the ``*.jsonl`` files of a directory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        is_file = self.path.suffix == ".jsonl" and not self.path.is_dir()
        self.target = self.path if is_file else self.path / APPEND_FILE
        self._index = _Index()
        self._refresh()

    @property
    def version(self) -> int:
        """The number of events stored."""
        self._refresh()
        return self._index.check.new_count

    def _paths(self) -> list[Path]:
        if self.target == self.path:
            return [self.path] if self.path.exists() else []
        return (
            sorted(p for p in self.path.glob("*.jsonl") if p.is_file())
            if self.path.is_dir()
            else []
        )

    def _refresh(self) -> None:
        with files.locked(self.target, create=False) as fd:
            if fd is not None:
                files.recover(fd, self.target)
            self._rescan()

    def _rescan(self) -> None:
        """Bring the index up to date with the files (the caller holds the lock)."""
        index = self._index
        paths = self._paths()
        changed = [p for p in paths if p not in index.scans or _status(p) != _key(index.scans[p])]
        if not changed and list(index.scans) == paths:
            return
        old = index.scans.get(paths[-1]) if paths and changed == paths[-1:] else None
        if old is not None and (
            list(index.scans) != paths or old.ends_open or not _grew(paths[-1], old)
        ):
            old = None  # replaced, rewritten or cut: read every file again
        try:
            with paused_gc():  # many short-lived objects and no cycles
                self._read_files(paths, old)
        except BaseException:
            self._index = _Index()  # read every file again next time
            raise

    def _read_files(self, paths: list[Path], old: _Scan | None) -> None:
        """Read what was added to the last file (``old``: what it held), or every file."""
        if old is not None:
            self._index.refuse(self._index.add_file(paths[-1], old))
            return
        fresh = self._index = _Index()
        problems: list[Problem] = []
        for path in paths:
            problems += fresh.add_file(path)
        fresh.refuse(problems)

    def _lookup(self, ids: Sequence[str]) -> dict[str, Event]:
        check, places = self._index.check, self._index.places
        positions = {p: i for i in ids if (p := check.position(i)) is not None}
        found: dict[str, Event] = {}
        unread = []
        for position, event_id in positions.items():
            held = check.event(position)
            if held is not None:
                found[event_id] = held
            else:
                unread.append(position)
        for position, event in places.reread(unread).items():
            found[positions[position]] = event
        return found

    @contextmanager
    def _session(self) -> Iterator[_Session]:
        with files.locked(self.target, create=True) as fd:
            assert fd is not None  # created if missing
            files.recover(fd, self.target)
            self._rescan()
            session = _Session(self, fd)
            try:
                yield session
            except BaseException:
                session.batch.abort()
                if session.wrote:  # the index learnt what is now undone
                    self._index = _Index()
                raise
            session.batch.commit()
            session.close()

    def _read(self, selection: Selection) -> Iterator[Event]:
        self._refresh()
        index = self._index
        return _events(index, selection, list(index.scans.items()))

    def close(self) -> None:
        """Forget the in-memory index; nothing is held open between calls."""
        self._index = _Index()


def _key(scan: _Scan) -> tuple[int, int, int]:
    return scan.ino, scan.size, scan.mtime_ns


def _events(
    index: _Index, selection: Selection, scans: list[tuple[Path, _Scan]]
) -> Iterator[Event]:
    """The events of the files as the index read them, new ones only, lazily."""
    check = index.check
    position = 0
    problems: list[Problem] = []
    for path, scan in scans:
        with path.open("rb") as handle:
            lines = _Lines(handle, scan.size)
            for chunk in decode_stream(lines, str(path), Places(), problems, size=chunk_size()):
                for event in chunk.events:
                    if not check.is_repeat(position) and selection.matches(event):
                        yield event
                    position += 1
    if problems:  # the file changed under the index without its lock
        raise DecodeError(problems)


class _Session:
    """The write session of a JSON Lines store: the files as read under the lock, and
    the batch being written, which the index learns as it goes (so lookups see it)."""

    def __init__(self, store: JSONLinesStore, fd: int) -> None:
        self._store = store
        self._fd = fd
        self.batch = files.Batch(fd, store.target)
        self.wrote = False

    def version(self) -> int:
        """The number of events stored."""
        return self._store._index.check.new_count

    def lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        """The stored events among ``ids``, those this session wrote included."""
        return self._store._lookup(ids)

    def write(self, records: Sequence[Record], version: int) -> None:
        """Append ``records`` to the batch."""
        index, target = self._store._index, self._store.target
        scan = index.scans.get(target)
        size, lines = (scan.size, scan.lines) if scan is not None else (0, 0)
        prefix = b""
        if scan is not None and scan.ends_open:  # a last line written without its newline
            prefix, size, lines = b"\n", size + 1, lines + 1
        data = [f"{record.text}\n".encode() for record in records]
        if not self.wrote:
            index.places.start(str(target), target)
            self.wrote = True
        for number, line in enumerate(data, start=lines + 1):
            index.places.lines.append(number)
            index.places.offsets.append(size)
            size += len(line)
        index.check.feed([r.event for r in records])
        self.batch.write(prefix + b"".join(data))
        status = os.fstat(self._fd)
        index.scans[target] = _Scan(
            status.st_ino, size, status.st_mtime_ns, lines + len(data), ends_open=False
        )

    def close(self) -> None:
        """After the commit: the index holds the batch where reads will find it, or is
        rebuilt if the file written is not the last one read."""
        store = self._store
        paths = store._paths()
        if not paths or paths[-1] != store.target or list(store._index.scans) != paths:
            store._index = _Index()
            return
        status = os.fstat(self._fd)
        scan = store._index.scans[store.target]
        edges = _edges(self._fd, scan.size)
        store._index.scans[store.target] = attrs.evolve(
            scan, mtime_ns=status.st_mtime_ns, edges=edges
        )
