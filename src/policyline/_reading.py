"""The one reader: JSON Lines from files, directories, globs, standard input or text,
turned into events and located problems.

``load``, ``validate``, ``append``, ``copy`` and the JSON Lines store all read through
here, so a file means the same everywhere:

- lines end at ``\\n`` (a ``\\r`` before it is whitespace); nothing else ends a line, so a
  U+2028 inside a string is just a character; the last line needs no newline;
- a UTF-8 byte-order mark at the start of a file is ignored; blank lines are skipped;
- each line is one event, decoded by the fast path and, failing that, by the slow path,
  which names the problem: ``file:line: $.payload.field: expected …, got …``;
- every problem in every file is collected; the caller refuses the input whole;
- input is read in chunks (:class:`Reader`), each event's file, line and byte offset
  kept, so a door holds one chunk, not the input, and can read an event again.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import shutil
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

import attrs

from policyline._bulk import paused_gc
from policyline._codec import FieldError, decode_object
from policyline._events import Event
from policyline._integrity import Checked, Issue
from policyline._wire import fast_decode, fast_decode_many
from policyline.errors import DecodeError, NoEventFiles, Problem

STDIN = "-"
"""The location that names standard input."""


CHUNK = 10_000
"""Events per chunk where input is streamed (validate, append, copy, a JSON Lines store)."""

T = TypeVar("T")


def chunk_size() -> int:
    """:data:`CHUNK`, read when used (the tests make it small, to cross many chunks)."""
    return CHUNK


def batched(items: Iterable[T]) -> Iterator[list[T]]:
    """The items in lists of :func:`chunk_size` (the last one may be shorter)."""
    iterator, size = iter(items), chunk_size()
    while chunk := list(islice(iterator, size)):
        yield chunk


class Places:
    """Where each decoded event was read (file, line, and byte offset), kept compactly."""

    __slots__ = ("_files", "lines", "offsets")

    def __init__(self) -> None:
        self._files: list[tuple[int, str, Path | None]] = []  # (first position, name, path)
        self.lines = array("q")
        """The line of each event, by position."""
        self.offsets = array("q")
        """Where each event's line starts in its file, by position."""

    def start(self, file: str, path: Path | None = None) -> None:
        """Events added from now on were read from ``file`` (at ``path``, if it can be read
        again)."""
        self._files.append((len(self.lines), file, path))

    def _file(self, position: int) -> tuple[str, Path | None]:
        return next((n, path) for start, n, path in reversed(self._files) if start <= position)

    def where(self, position: int) -> tuple[str, int]:
        """The file and line of the event at ``position``."""
        return self._file(position)[0], self.lines[position]

    def describe(self, position: int) -> str:
        """``file:line`` of the event at ``position``."""
        file, line = self.where(position)
        return f"{file}:{line}"

    def reread(self, positions: Iterable[int]) -> dict[int, Event]:
        """The events at some positions, read again from their files (in file order)."""
        wanted: dict[tuple[str, Path], list[int]] = {}
        for position in positions:
            name, path = self._file(position)
            if path is None:
                raise ValueError(f"{name} cannot be read again")
            wanted.setdefault((name, path), []).append(position)
        found: dict[int, Event] = {}
        for (name, path), group in wanted.items():
            with path.open("rb") as handle:
                for position in sorted(group, key=self.offsets.__getitem__):
                    handle.seek(self.offsets[position])
                    raw = handle.readline()
                    line = self.lines[position]
                    if line == 1:
                        raw = raw.removeprefix(codecs.BOM_UTF8)
                    found[position] = decode_one(raw, file=name, line=line)
        return found

    def recall(self, position: int) -> Event:
        """The event at ``position``, read again from its file."""
        return self.reread([position])[position]


@attrs.frozen
class Chunk:
    """Events read one after another: the position of the first, and each line's text
    when asked for."""

    start: int
    events: list[Event]
    texts: list[str] | None


@attrs.define
class Decoded:
    """Events read from text, where each came from, and every problem found."""

    events: list[Event] = attrs.Factory(list)
    places: Places = attrs.Factory(Places)
    texts: list[str] | None = None
    """Each event's line as written (kept only when asked for: a store keeps it)."""
    problems: list[Problem] = attrs.Factory(list)

    def located(self, checked: Checked) -> list[Problem]:
        """The integrity check's issues as ``file:line`` problems."""
        return located(self.places, checked.issues)

    def refuse(self, problems: Sequence[Problem] = ()) -> None:
        """Raise :class:`DecodeError` if there are problems (these and the decoding's)."""
        every = [*self.problems, *problems]
        if every:
            raise DecodeError(every)


def located(places: Places, issues: Iterable[Issue]) -> list[Problem]:
    """The integrity check's issues as ``file:line`` problems."""
    return [Problem(*places.where(i.position), i.path, i.message) for i in issues]


def event_files(location: str | os.PathLike[str]) -> list[Path]:
    """The ``.jsonl`` files a location names: itself, the files in a directory, or a glob.

    A location that names no event file (a typo, an empty directory) raises
    :class:`NoEventFiles`: reading nothing is almost always a mistake.
    """
    target = Path(location)
    if target.is_dir():
        files = sorted(p for p in target.glob("*.jsonl") if p.is_file())
    elif target.is_file():
        files = [target]
    else:
        matches = sorted(Path(p) for p in glob.glob(str(location), recursive=True))
        files = [p for p in matches if p.is_file()]
    if not files:
        raise NoEventFiles(str(location))
    return files


class Reader:
    """Every event at some locations (files, directories, globs, ``-`` for standard
    input), chunk by chunk, with the place of each; problems are collected as they are
    met. Standard input is spooled to a temporary file, so every event can be read again
    (:meth:`Places.recall`). Use it as a context manager: the spool is removed at exit.

    A location with no event file raises :class:`NoEventFiles` or, if not ``strict``, is
    a problem like a bad line (``validate`` lists it with the others).
    """

    def __init__(
        self,
        locations: Iterable[str | os.PathLike[str]],
        *,
        keep_text: bool = False,
        strict: bool = True,
        size: int | None = None,
    ) -> None:
        self.places = Places()
        self.problems: list[Problem] = []
        self._keep_text = keep_text
        self._size = size or chunk_size()
        self._spool: Path | None = None
        files: list[Path | str] = []
        for location in locations:
            if str(location) == STDIN:
                files.append(STDIN)
                continue
            try:
                files.extend(event_files(location))
            except NoEventFiles as error:
                if strict:
                    raise
                self.problems.append(Problem(str(location), 0, "$", str(error)))
        self._files = list(dict.fromkeys(files))

    def chunks(self) -> Iterator[Chunk]:
        """The events, in chunks of at most the reader's size, file after file."""
        for file in self._files:
            name, path = ("<stdin>", self._spooled()) if file == STDIN else (str(file), Path(file))
            with path.open("rb") as handle:
                yield from decode_stream(
                    handle, name, self.places, self.problems,
                    keep_text=self._keep_text, size=self._size, path=path,
                )  # fmt: skip

    def _spooled(self) -> Path:
        if self._spool is None:
            descriptor, name = tempfile.mkstemp(prefix="policyline-stdin-", suffix=".jsonl")
            self._spool = Path(name)
            with os.fdopen(descriptor, "wb") as spool:
                shutil.copyfileobj(sys.stdin.buffer, spool, 1 << 20)
        return self._spool

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._spool is not None:
            self._spool.unlink(missing_ok=True)
            self._spool = None


def read(
    locations: Iterable[str | os.PathLike[str]], *, keep_text: bool = False, strict: bool = True
) -> Decoded:
    """Every event at each location, all in memory (see :class:`Reader`)."""
    reader = Reader(locations, keep_text=keep_text, strict=strict, size=sys.maxsize)
    with reader, paused_gc():  # decoding makes many lasting objects and no cycles
        chunks = list(reader.chunks())
    return _joined(chunks, reader.places, reader.problems, keep_text)


def read_lines(
    lines: Iterable[str | bytes], *, file: str = "<lines>", keep_text: bool = False
) -> Decoded:
    """The events on given lines (each item one line), numbered from 1, all in memory."""
    places, problems = Places(), list[Problem]()
    with paused_gc():
        chunks = list(line_chunks(lines, file, places, problems, keep_text=keep_text))
    return _joined(chunks, places, problems, keep_text)


def line_chunks(
    lines: Iterable[str | bytes],
    file: str,
    places: Places,
    problems: list[Problem],
    *,
    keep_text: bool = False,
    size: int = sys.maxsize,
) -> Iterator[Chunk]:
    """The events on given lines (each item one line), chunk by chunk."""

    def one_line(number: int, line: str | bytes) -> bytes:
        raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
        if b"\n" in raw.rstrip(b"\r\n"):  # stored as written, it would be several lines
            message = "expected one line, got a line break inside it"
            problems.append(Problem(file, number, "$", message))
            return b""
        return raw

    raw = (one_line(number, line) for number, line in enumerate(lines, start=1))
    return decode_stream(raw, file, places, problems, keep_text=keep_text, size=size)


def _joined(
    chunks: list[Chunk], places: Places, problems: list[Problem], keep_text: bool
) -> Decoded:
    events = chunks[0].events if len(chunks) == 1 else [e for c in chunks for e in c.events]
    texts = [t for c in chunks for t in (c.texts or ())] if keep_text else None
    return Decoded(events, places, texts, problems)


def decode_stream(
    lines: Iterable[bytes],
    file: str,
    places: Places,
    problems: list[Problem],
    *,
    keep_text: bool = False,
    size: int = sys.maxsize,
    first_line: int = 1,
    offset: int = 0,
    path: Path | None = None,
) -> Iterator[Chunk]:
    """Decode raw lines (a binary file, which splits at ``\\n`` only, or items that are
    each one line) numbered from ``first_line``, in chunks of at most ``size`` events.
    Each event's place goes to ``places`` (its offset counted from ``offset``: exact for a
    file read from there), each problem to ``problems``."""
    places.start(file, path)
    add_line = places.lines.append
    add_offset = places.offsets.append
    events: list[Event] = []
    texts: list[str] | None = [] if keep_text else None
    for number, raw in enumerate(lines, start=first_line):
        at = offset
        offset += len(raw)
        if number == 1:  # editors on Windows may save UTF-8 with a byte-order mark
            raw = raw.removeprefix(codecs.BOM_UTF8)
        event = fast_decode(raw)
        if event is None:
            found = _decode_slowly(raw, file, number)
            if found is None:
                continue
            if isinstance(found, Problem):
                problems.append(found)
                continue
            event = found
        events.append(event)
        add_line(number)
        add_offset(at)
        if texts is not None:
            texts.append(raw.decode("utf-8").strip())
        if len(events) == size:
            yield Chunk(len(places.lines) - size, events, texts)
            events, texts = [], ([] if keep_text else None)
    if events:
        yield Chunk(len(places.lines) - len(events), events, texts)


def decode_one(raw: bytes | str, *, file: str, line: int) -> Event:
    """The event on one line; :class:`DecodeError` naming the problem if there is none."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    event = fast_decode(data)
    if event is not None:
        return event
    found = _decode_slowly(data, file, line)
    if isinstance(found, Event):
        return found
    raise DecodeError([found or Problem(file, line, "$", "expected an event, got a blank line")])


def decode_rows(rows: Sequence[tuple[int, str]], *, file: str) -> list[tuple[int, Event]]:
    """Stored (position, JSON text) rows as (position, event): parsed together in C when
    every row allows it, else one by one, a problem named at ``file`` and the position."""
    events = fast_decode_many([body for _, body in rows])
    if events is None:
        return [(position, decode_one(body, file=file, line=position)) for position, body in rows]
    return [(position, event) for (position, _), event in zip(rows, events, strict=True)]


def _decode_slowly(raw: bytes, file: str, line: int) -> Event | Problem | None:
    """Decode with the stdlib parser and the converters: every message comes from here.
    ``None`` for a blank line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(file, line, "$", f"not UTF-8 (byte {error.start + 1} of the line)")
    if not text or text.isspace():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(file, line, "$", f"malformed JSON: {error.msg} at column {error.colno}")
    except RecursionError:
        return Problem(file, line, "$", "malformed JSON: nested too deeply")
    except ValueError as error:  # an integer longer than Python reads
        return Problem(file, line, "$", f"malformed JSON: {error}")
    try:
        return decode_object(obj)
    except FieldError as error:
        return Problem(file, line, error.path, error.message)
    except RecursionError:
        return Problem(file, line, "$", "nested too deeply")
