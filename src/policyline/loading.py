"""Load JSON Lines files (a directory, a file or a glob) into a timeline, all or nothing.

Every problem in every file is collected and reported together, each with its file, line
and field; if there is any, nothing is loaded.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from policyline.codec import decode_lines
from policyline.errors import (
    ConflictingEvent,
    DanglingReference,
    DecodeError,
    InvalidEvent,
    Problem,
)
from policyline.events import Event
from policyline.timeline import Timeline


def corpus_files(path: str | Path) -> list[Path]:
    """The ``.jsonl`` files a path names: itself, the files in a directory, or a glob."""
    target = Path(path)
    if target.is_dir():
        return sorted(target.glob("*.jsonl"))
    if target.is_file():
        return [target]
    matches = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
    files = [p for p in matches if p.is_file()]
    if not files:
        raise FileNotFoundError(f"no event files at {str(path)!r}")
    return files


def read_lines(file: Path) -> tuple[list[str], list[Problem]]:
    """The lines of a file as text; a line that is not UTF-8 is a problem, not a crash."""
    lines: list[str] = []
    problems: list[Problem] = []
    for number, raw in enumerate(file.read_bytes().split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            problems.append(
                Problem(str(file), number, "$", f"not UTF-8 (byte {error.start + 1} of the line)")
            )
            lines.append("")
    return lines, problems


def decode_files(files: Iterable[Path]) -> tuple[list[Event], dict[str, tuple[str, int]]]:
    """Every event in ``files`` and where each was read; raises DecodeError listing all problems."""
    events: list[Event] = []
    where: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for file in files:
        lines, bad_bytes = read_lines(file)
        problems.extend(bad_bytes)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                (event,) = decode_lines([line], file=str(file), first_line=number)
            except DecodeError as error:
                problems.extend(error.problems)
                continue
            events.append(event)
            where.setdefault(event.id, (str(file), number))
    if problems:
        raise DecodeError(problems)
    return events, where


def load(path: str | Path) -> Timeline:
    """A timeline of every event in a directory of ``.jsonl`` files, a file, or a glob."""
    events, where = decode_files(corpus_files(path))
    try:
        return Timeline(events)
    except (ConflictingEvent, DanglingReference, InvalidEvent) as error:
        event_id = getattr(error, "event_id", None) or getattr(error, "value", "")
        file, line = where.get(str(event_id), ("<corpus>", 0))
        field = getattr(error, "field", "id")
        raise DecodeError([Problem(file, line, f"$.{field}", str(error))]) from error
