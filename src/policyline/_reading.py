"""The one reader: JSON Lines from files, directories, globs, standard input or text,
turned into events and located problems.

``load``, ``validate``, ``append``, ``copy`` and the JSON Lines store all read through
here, so a file means the same everywhere:

- lines end at ``\\n`` (a ``\\r`` before it is whitespace); nothing else ends a line, so a
  U+2028 inside a string is just a character; the last line needs no newline;
- a UTF-8 byte-order mark at the start of a file is ignored; blank lines are skipped;
- each line is one event, decoded by the fast path and, failing that, by the slow path,
  which names the problem: ``file:line: $.payload.field: expected …, got …``;
- every problem in every file is collected; the caller refuses the input whole.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import sys
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from policyline._bulk import paused_gc
from policyline._codec import FieldError, decode_object
from policyline._events import Event
from policyline._integrity import Checked
from policyline._wire import fast_decode
from policyline.errors import DecodeError, NoEventFiles, Problem

STDIN = "-"
"""The location that names standard input."""


class Places:
    """Where each decoded event was read (file and line), kept compactly."""

    __slots__ = ("_files", "lines")

    def __init__(self) -> None:
        self._files: list[tuple[int, str]] = []  # (first position, file name)
        self.lines = array("q")
        """The line of each event, by position."""

    def start(self, file: str) -> None:
        """Events added from now on were read from ``file``."""
        self._files.append((len(self.lines), file))

    def where(self, position: int) -> tuple[str, int]:
        """The file and line of the event at ``position``."""
        file = next(name for start, name in reversed(self._files) if start <= position)
        return file, self.lines[position]

    def describe(self, position: int) -> str:
        """``file:line`` of the event at ``position``."""
        file, line = self.where(position)
        return f"{file}:{line}"

    def extend(self, other: Places) -> None:
        """Add the places of events read after these."""
        offset = len(self.lines)
        self._files.extend((start + offset, name) for start, name in other._files)
        self.lines.extend(other.lines)


@attrs.define
class Decoded:
    """Events read from text, where each came from, and every problem found."""

    events: list[Event] = attrs.Factory(list)
    places: Places = attrs.Factory(Places)
    texts: list[str] | None = None
    """Each event's line as written (kept only when asked for: a store keeps it)."""
    problems: list[Problem] = attrs.Factory(list)

    def extend(self, other: Decoded) -> None:
        """Add the events, places and problems of text read after this."""
        self.events.extend(other.events)
        self.places.extend(other.places)
        if self.texts is not None and other.texts is not None:
            self.texts.extend(other.texts)
        self.problems.extend(other.problems)

    def located(self, checked: Checked) -> list[Problem]:
        """The integrity check's issues as ``file:line`` problems."""
        return [
            Problem(*self.places.where(issue.position), issue.path, issue.message)
            for issue in checked.issues
        ]

    def refuse(self, problems: Sequence[Problem] = ()) -> None:
        """Raise :class:`DecodeError` if there are problems (these and the decoding's)."""
        every = [*self.problems, *problems]
        if every:
            raise DecodeError(every)


def event_files(location: str | os.PathLike[str]) -> list[Path]:
    """The ``.jsonl`` files a location names: itself, the files in a directory, or a glob.

    A location that names no event file (a typo, an empty directory) raises
    :class:`NoEventFiles`: reading nothing is almost always a mistake.
    """
    target = Path(location)
    if target.is_dir():
        files = sorted(target.glob("*.jsonl"))
    elif target.is_file():
        files = [target]
    else:
        matches = sorted(Path(p) for p in glob.glob(str(location), recursive=True))
        files = [p for p in matches if p.is_file()]
    if not files:
        raise NoEventFiles(str(location))
    return files


def read(
    locations: Iterable[str | os.PathLike[str]], *, keep_text: bool = False, strict: bool = True
) -> Decoded:
    """Every event at each location (file, directory, glob, or ``-`` for standard input).

    A location with no event file raises :class:`NoEventFiles` or, if not ``strict``, is
    a problem like a bad line (``validate`` lists it with the others).
    """
    decoded = Decoded(texts=[] if keep_text else None)
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
            decoded.problems.append(Problem(str(location), 0, "$", str(error)))
    with paused_gc():  # decoding makes many lasting objects and no cycles
        for file in dict.fromkeys(files):
            if file == STDIN:
                decode_stream(sys.stdin.buffer, "<stdin>", decoded)
            else:
                with Path(file).open("rb") as handle:
                    decode_stream(handle, str(file), decoded)
    return decoded


def read_lines(
    lines: Iterable[str | bytes], *, file: str = "<lines>", keep_text: bool = False
) -> Decoded:
    """The events on given lines (each item one line), numbered from 1."""
    decoded = Decoded(texts=[] if keep_text else None)
    raw = (
        line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line for line in lines
    )
    with paused_gc():
        decode_stream(raw, file, decoded)
    return decoded


def decode_data(data: bytes, file: str, decoded: Decoded, *, first_line: int = 1) -> None:
    """Decode a file's bytes (or the part of it from ``first_line`` on) into ``decoded``."""
    decode_stream(data.split(b"\n"), file, decoded, first_line=first_line)


def decode_stream(
    lines: Iterable[bytes], file: str, decoded: Decoded, *, first_line: int = 1
) -> None:
    """Decode raw lines (a binary file, which splits at ``\\n`` only, or the pieces of
    bytes split there) into ``decoded``, numbered from ``first_line``."""
    decoded.places.start(file)
    add_event = decoded.events.append
    add_line = decoded.places.lines.append
    texts = decoded.texts
    for number, raw in enumerate(lines, start=first_line):
        if number == 1:  # editors on Windows may save UTF-8 with a byte-order mark
            raw = raw.removeprefix(codecs.BOM_UTF8)
        event = fast_decode(raw)
        if event is None:
            found = _decode_slowly(raw, file, number)
            if found is None:
                continue
            if isinstance(found, Problem):
                decoded.problems.append(found)
                continue
            event = found
        add_event(event)
        add_line(number)
        if texts is not None:
            texts.append(raw.decode("utf-8").strip())


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
