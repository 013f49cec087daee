"""The JSON Lines store: events as lines of ``.jsonl`` files, like the corpus in ``events/``.

A store is one ``.jsonl`` file, or a directory: reads cover every ``*.jsonl`` file in it in
sorted order, appends go to ``appended.jsonl``. The events are indexed in memory (each
file is decoded once, then only the lines added since), so this store suits corpora that
fit in memory; for more, use SQLite.

Appends hold an exclusive ``flock`` on the file, so writers in several processes take
turns and never interleave; each batch is written whole, fsynced and committed through a
rollback journal (see :mod:`policyline._stores.files`) before ``append`` returns.

A last line without its newline that is not a complete event is *torn*: something cut
a write short. The events before it load, the store reports it (``store.torn`` and a
:class:`TornLineWarning`), and the next append removes it. Any other bad line is an
error naming its file, line and field.
"""

from __future__ import annotations

import codecs
import json
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import attrs

from policyline._events import Event, references
from policyline._stores import files
from policyline._stores.base import Query, Record, Store, decode_records
from policyline.errors import DecodeError, Problem

APPEND_FILE = "appended.jsonl"
"""The file a directory store appends to."""


@attrs.frozen
class TornLine:
    """A last line cut short by an interrupted write: where it is and how long."""

    file: str
    line: int
    size: int

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: torn last line ({self.size} bytes, no newline, not a"
            " complete event), left by an interrupted write; the lines before it loaded and"
            " the next append removes it"
        )


class TornLineWarning(UserWarning):
    """A JSON Lines file ends with a torn line; the events before it loaded."""


@attrs.define
class _Scan:
    """What one file held when last read."""

    ino: int
    size: int
    mtime_ns: int
    end: int  # the offset just after the last newline
    lines: int  # how many newline-terminated lines there are
    events: list[tuple[int, Event]]  # (line number, event), in file order
    torn: TornLine | None


def _parse(
    data: bytes, file: str, first_line: int
) -> tuple[list[tuple[int, Event]], TornLine | None]:
    """The events in ``data`` (whole lines, then perhaps an unterminated last one)."""
    if first_line == 1:  # editors on Windows may save UTF-8 with a BOM
        data = data.removeprefix(codecs.BOM_UTF8)
    *complete, fragment = data.split(b"\n")
    problems: list[Problem] = []
    texts: list[str] = []
    for number, raw in enumerate(complete, start=first_line):
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            message = f"not UTF-8 (byte {error.start + 1} of the line)"
            problems.append(Problem(file, number, "$", message))
            texts.append("")
    events: list[tuple[int, Event]] = []
    torn = None
    last = first_line + len(complete)
    if fragment.strip():
        try:
            json.loads(fragment.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            torn = TornLine(file, last, len(fragment))
        else:
            texts.append(fragment.decode("utf-8"))
    lines = [text if text.strip() else "" for text in texts]
    try:
        records = decode_records(lines, file=file, first_line=first_line)
    except DecodeError as error:
        problems.extend(error.problems)
        records = []
    if problems:
        raise DecodeError(sorted(problems, key=lambda p: p.line))
    numbers = [n for n, text in enumerate(lines, start=first_line) if text.strip()]
    events.extend(zip(numbers, (r.event for r in records), strict=True))
    return events, torn


def _scan(path: Path, old: _Scan | None) -> _Scan:
    """Read a file, or only what was added to it since ``old`` if it just grew."""
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
            and old.size == old.end
            and status.st_size > old.size
        )
        offset = old.size if old is not None and grew else 0
        handle.seek(offset)
        data = handle.read(status.st_size - offset)
    first_line = old.lines + 1 if old is not None and grew else 1
    events, torn = _parse(data, str(path), first_line)
    newline_at = data.rfind(b"\n")
    return _Scan(
        ino=status.st_ino,
        size=offset + len(data),
        mtime_ns=status.st_mtime_ns,
        end=offset + newline_at + 1,
        lines=first_line - 1 + data.count(b"\n"),
        events=[*(old.events if old is not None and grew else []), *events],
        torn=torn,
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
        self._warned: set[TornLine] = set()
        self._refresh()

    @property
    def torn(self) -> tuple[TornLine, ...]:
        """The torn last lines found when the files were last read."""
        return tuple(s.torn for s in self._scans.values() if s.torn is not None)

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
        self._warn()

    def _rescan(self) -> None:
        scans = {path: _scan(path, self._scans.get(path)) for path in self._paths()}
        if scans.keys() != self._scans.keys() or any(scans[p] is not self._scans[p] for p in scans):
            self._index(scans)
        self._scans = scans

    def _index(self, scans: Mapping[Path, _Scan]) -> None:
        """Rebuild the id index and the order; a conflict or dangling reference is an error."""
        by_id: dict[str, Event] = {}
        where: dict[str, tuple[str, int]] = {}
        ordered: list[Event] = []
        problems: list[Problem] = []
        for path, scan in scans.items():
            for line, event in scan.events:
                prior = by_id.setdefault(event.id, event)
                if prior is event:
                    where[event.id] = (str(path), line)
                    ordered.append(event)
                elif prior != event:
                    file, first = where[event.id]
                    message = f"{event.id!r} differs from the event with that id at {file}:{first}"
                    problems.append(Problem(str(path), line, "$.id", message))
        for event in ordered:
            for field, target in references(event):
                if target not in by_id:
                    file, line = where[event.id]
                    message = f"points at {target!r}, which is in none of the files"
                    problems.append(Problem(file, line, f"$.payload.{field}", message))
        if problems:
            raise DecodeError(problems)
        self._by_id = by_id
        self._events = ordered

    def _warn(self) -> None:
        for torn in self.torn:
            if torn not in self._warned:
                self._warned.add(torn)
                warnings.warn(str(torn), TornLineWarning, stacklevel=4)

    @contextmanager
    def _session(self) -> Iterator[_Session]:
        with files.locked(self.target, create=True) as fd:
            assert fd is not None  # created if missing
            files.recover(fd, self.target)
            self._rescan()
            yield _Session(self, fd)
        self._warn()

    def _write(self, fd: int, records: Sequence[Record]) -> None:
        scan = _scan(self.target, self._scans.get(self.target))
        data = "".join(f"{r.text}\n" for r in records).encode("utf-8")
        if scan.torn is not None:
            files.cut(fd, scan.end)
        elif scan.size > scan.end:
            data = b"\n" + data  # a hand-written last line without its newline
        files.append_durably(fd, self.target, data)
        self._scans[self.target] = _scan(self.target, None if scan.torn else scan)
        self._index(self._scans)

    def _read(self, query: Query) -> Iterator[Event]:
        self._refresh()
        return (e for e in self._events if query.matches(e))

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
