"""Load JSON Lines files (a directory, a file or a glob) into a timeline, all or nothing.

Every problem in every file is collected and reported together, each with its file, line
and field; if there is any, nothing is loaded.
"""

from __future__ import annotations

import codecs
import glob
from array import array
from collections.abc import Iterable
from pathlib import Path

from policyline._bulk import paused_gc
from policyline._codec import decode_bytes
from policyline._events import Event
from policyline._timeline import Timeline
from policyline.errors import (
    ConflictingEvent,
    DanglingReference,
    DecodeError,
    InvalidEvent,
    NoEventFiles,
    Problem,
)


def corpus_files(path: str | Path) -> list[Path]:
    """The ``.jsonl`` files a path names: itself, the files in a directory, or a glob.

    A path that names no event file (a typo, an empty directory) raises
    :class:`NoEventFiles`: loading nothing is almost always a mistake.
    """
    target = Path(path)
    if target.is_dir():
        files = sorted(target.glob("*.jsonl"))
    elif target.is_file():
        files = [target]
    else:
        matches = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
        files = [p for p in matches if p.is_file()]
    if not files:
        raise NoEventFiles(str(path))
    return files


def decode_files(files: Iterable[Path]) -> tuple[list[Event], dict[str, tuple[str, int]]]:
    """Every event in ``files`` and where each was read; raises DecodeError listing all problems."""
    events, places = _decode_files(files)
    return events, places.where(events)


class _Places:
    """Where each decoded event was read, kept compactly; asked only to report an error."""

    def __init__(self) -> None:
        self.files: list[tuple[int, str]] = []
        self.lines = array("q")

    def find(self, events: list[Event], event_id: str) -> tuple[str, int]:
        for position, event in enumerate(events):
            if event.id == event_id:
                file = next(f for start, f in reversed(self.files) if start <= position)
                return file, self.lines[position]
        return ("<corpus>", 0)

    def where(self, events: list[Event]) -> dict[str, tuple[str, int]]:
        found: dict[str, tuple[str, int]] = {}
        if not self.files:
            return found
        starts = [*self.files[1:], (len(events), "")]
        for (start, file), (stop, _) in zip(self.files, starts, strict=True):
            for position in range(start, stop):
                found.setdefault(events[position].id, (file, self.lines[position]))
        return found


def _decode_files(files: Iterable[Path]) -> tuple[list[Event], _Places]:
    events: list[Event] = []
    places = _Places()
    problems: list[Problem] = []
    with paused_gc():
        for file in files:
            name = str(file)
            places.files.append((len(events), name))
            with file.open("rb") as handle:
                for number, raw in enumerate(handle, start=1):
                    if number == 1:  # editors on Windows may save UTF-8 with a BOM
                        raw = raw.removeprefix(codecs.BOM_UTF8)
                    decoded = decode_bytes(raw, file=name, line=number)
                    if decoded is None:
                        continue
                    if type(decoded) is Problem:
                        problems.append(decoded)
                        continue
                    events.append(decoded)  # type: ignore[arg-type]
                    places.lines.append(number)
    if problems:
        raise DecodeError(problems)
    return events, places


def load(path: str | Path) -> Timeline:
    """A timeline of every event in a directory of ``.jsonl`` files, a file, or a glob."""
    events, places = _decode_files(corpus_files(path))
    try:
        return Timeline(events)
    except (ConflictingEvent, DanglingReference, InvalidEvent) as error:
        event_id = getattr(error, "event_id", None) or getattr(error, "value", "")
        file, line = places.find(events, str(event_id))
        field = getattr(error, "field", "id")
        raise DecodeError([Problem(file, line, f"$.{field}", str(error))]) from error
