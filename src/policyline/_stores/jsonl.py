"""The JSON Lines store: events as lines of ``.jsonl`` files, like the corpus in ``events/``.

A store is one ``.jsonl`` file, or a directory: reads cover every ``*.jsonl`` file in it in
sorted order, appends go to ``appended.jsonl``. The files are read by the one reader
(:mod:`policyline._reading`) and checked by the one integrity check, exactly as ``load``
reads and checks them; the events are then indexed in memory (each file is decoded once,
then only the lines added since), so this store suits corpora that fit in memory; for more,
use SQLite. Region and date reads scan the whole index.

Appends hold an exclusive ``flock`` on the file, so writers in several processes take
turns and never interleave; each batch is written whole, fsynced and committed through a
rollback journal (see :mod:`policyline._stores.files`) before ``append`` returns. Only an
interrupted append of policyline's own is ever undone (its journal proves it); any other
bad line, the last one included, is an error naming its file, line and field, and the
file is left as it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import attrs

from policyline._events import Event
from policyline._integrity import check
from policyline._reading import Decoded, decode_data
from policyline._selection import Selection
from policyline._stores import files
from policyline._stores.base import Record, Store

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
    decoded: Decoded


def _scan(path: Path, old: _Scan | None) -> _Scan:
    """Read a file, or only what was appended to it since ``old`` if it just grew."""
    with path.open("rb") as handle:
        status = os.fstat(handle.fileno())
        if old is not None and (old.ino, old.size, old.mtime_ns) == (
            status.st_ino,
            status.st_size,
            status.st_mtime_ns,
        ):
            return old
        grew = (
            old is not None
            and old.ino == status.st_ino
            and not old.ends_open
            and status.st_size > old.size
        )
        offset = old.size if old is not None and grew else 0
        handle.seek(offset)
        data = handle.read(status.st_size - offset)
    first_line = old.lines + 1 if old is not None and grew else 1
    added = Decoded()
    decode_data(data, str(path), added, first_line=first_line)
    added.refuse()
    decoded = Decoded()
    if old is not None and grew:
        decoded.extend(old.decoded)
    decoded.extend(added)
    return _Scan(
        ino=status.st_ino,
        size=offset + len(data),
        mtime_ns=status.st_mtime_ns,
        lines=first_line - 1 + data.count(b"\n"),
        ends_open=bool(data) and not data.endswith(b"\n"),
        decoded=decoded,
    )


class JSONLinesStore(Store):
    """Events in a ``.jsonl`` file, or in the ``*.jsonl`` files of a directory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        is_file = self.path.suffix == ".jsonl" and not self.path.is_dir()
        self.target = self.path if is_file else self.path / APPEND_FILE
        self._scans: dict[Path, _Scan] = {}
        self._by_id: dict[str, Event] = {}
        self._events: list[Event] = []
        self._refresh()

    @property
    def version(self) -> int:
        """The number of events stored."""
        self._refresh()
        return len(self._events)

    def _paths(self) -> list[Path]:
        if self.target == self.path:
            return [self.path] if self.path.exists() else []
        return sorted(self.path.glob("*.jsonl")) if self.path.is_dir() else []

    def _refresh(self) -> None:
        with files.locked(self.target, create=False) as fd:
            if fd is not None:
                files.recover(fd, self.target)
            self._rescan()

    def _rescan(self) -> None:
        scans = {path: _scan(path, self._scans.get(path)) for path in self._paths()}
        if scans.keys() != self._scans.keys() or any(scans[p] is not self._scans[p] for p in scans):
            self._index(scans)
        self._scans = scans

    def _index(self, scans: Mapping[Path, _Scan]) -> None:
        """Check every file's events together, as ``load`` would, and index them."""
        every = Decoded()
        for scan in scans.values():
            every.extend(scan.decoded)
        checked = check(every.events, where=every.places.describe)
        every.refuse(every.located(checked))
        self._events = [every.events[p] for p in checked.new]
        self._by_id = {event.id: event for event in self._events}

    @contextmanager
    def _session(self) -> Iterator[_Session]:
        with files.locked(self.target, create=True) as fd:
            assert fd is not None  # created if missing
            files.recover(fd, self.target)
            self._rescan()
            yield _Session(self, fd)

    def _write(self, fd: int, records: Sequence[Record]) -> None:
        scan = self._scans.get(self.target)
        data = "".join(f"{r.text}\n" for r in records).encode("utf-8")
        if scan is not None and scan.ends_open:
            data = b"\n" + data  # a last line written without its newline
        files.append_durably(fd, self.target, data)
        self._rescan()

    def _read(self, selection: Selection) -> Iterator[Event]:
        self._refresh()
        if selection.is_everything:
            return iter(list(self._events))
        return (e for e in list(self._events) if selection.matches(e))

    def close(self) -> None:
        """Forget the in-memory index; nothing is held open between calls."""
        self._scans = {}
        self._by_id = {}
        self._events = []


class _Session:
    """The write session of a JSON Lines store: the files as read under the lock."""

    def __init__(self, store: JSONLinesStore, fd: int) -> None:
        self._store = store
        self._fd = fd

    def version(self) -> int:
        """The number of events stored."""
        return len(self._store._events)

    def lookup(self, ids: Sequence[str]) -> Mapping[str, Event]:
        """The stored events among ``ids``."""
        known = self._store._by_id
        return {i: known[i] for i in ids if i in known}

    def write(self, records: Sequence[Record], version: int) -> None:
        """Append ``records`` as one durable batch."""
        self._store._write(self._fd, records)
