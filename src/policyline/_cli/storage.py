"""The commands that check and move events: validate, append, copy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from policyline._cli.progress import Progress
from policyline._cli.source import copy, default_location, is_url, open_existing_store, open_store
from policyline._loading import corpus_files, decode_files
from policyline._timeline import Timeline
from policyline.errors import (
    ConflictingEvent,
    DanglingReference,
    DecodeError,
    InvalidEvent,
    PolicylineError,
    Problem,
)


def _check_files(paths: list[str]) -> tuple[int, list[Problem]]:
    """Decode every file the paths name, together; the events count and every problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.extend(corpus_files(path))
        except FileNotFoundError as error:
            problems.append(Problem(path, 0, "$", str(error)))
    unique = list(dict.fromkeys(files))
    try:
        events, where = decode_files(unique)
    except DecodeError as error:
        return 0, [*problems, *error.problems]
    try:
        Timeline(events)
    except (ConflictingEvent, DanglingReference, InvalidEvent) as error:
        event_id = getattr(error, "event_id", None) or getattr(error, "value", "")
        file, line = where.get(str(event_id), ("<corpus>", 0))
        problems.append(Problem(file, line, f"$.{getattr(error, 'field', 'id')}", str(error)))
    return len(events), problems


def _check_store(url: str) -> tuple[int, list[Problem]]:
    try:
        store = open_existing_store(url)
        try:
            return len(store.timeline()), []
        finally:
            store.close()
    except DecodeError as error:
        return 0, list(error.problems)
    except PolicylineError as error:
        return 0, [Problem(url, 0, "$", str(error))]


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Check corpora and stores; list every problem as file:line: field: message."""
    locations: list[str] = args.paths or [args.store or default_location()]
    count = 0
    problems: list[Problem] = []
    with Progress(f"validating {' '.join(locations)}"):
        files = [p for p in locations if not is_url(p)]
        if files:
            found, bad = _check_files(files)
            count += found
            problems += bad
        for url in (p for p in locations if is_url(p)):
            found, bad = _check_store(url)
            count += found
            problems += bad
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        plural = "s" if len(problems) != 1 else ""
        sys.stderr.write(f"policyline: {len(problems)} problem{plural}; not valid\n")
        return 1
    out.write(f"ok: {count} events in {', '.join(locations)}\n")
    return 0


def run_append(args: argparse.Namespace, out: TextIO) -> int:
    """Append the events of a JSON Lines file to a store, all or nothing."""
    location = args.store or default_location()
    path = Path(args.file)
    lines = path.read_text(encoding="utf-8").splitlines()
    store = open_store(location)
    try:
        before = store.version
        after = store.append_lines(lines, file=str(path))
    finally:
        store.close()
    out.write(f"appended {after - before} new event(s) to {location}; it now holds {after}\n")
    return 0


def run_copy(args: argparse.Namespace, out: TextIO) -> int:
    """Copy every event from one store to another."""
    with Progress(f"copying {args.source} to {args.target}"):
        version = copy(args.source, args.target)
    out.write(f"copied {args.source} to {args.target}; it now holds {version} events\n")
    return 0
