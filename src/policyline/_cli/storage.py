"""The commands that check and move events: validate, append, copy.

They read with the one reader and check with the one integrity check, exactly as
``load`` and every store's ``append`` do: what ``validate`` passes, a store takes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from itertools import islice
from typing import TextIO

from policyline._bulk import paused_gc
from policyline._cli.formats import write_json, write_table
from policyline._cli.progress import Progress
from policyline._cli.source import default_location
from policyline._events import Event
from policyline._export import ColumnType, Table
from policyline._integrity import Check
from policyline._reading import Chunk, Reader, batched
from policyline._stores import copy, is_ephemeral, is_url, redacted
from policyline._stores import open as open_store
from policyline.errors import DecodeError, PolicylineError, Problem, StoreError


def _check_files(paths: list[str]) -> tuple[int, list[Problem]]:
    """Read every file the paths name, together, and check them as ``load`` would, chunk
    by chunk: memory holds the check's ids, not the events."""
    with Reader(paths, strict=False) as reader:
        places = reader.places
        return _checked(reader.chunks(), Check(where=places.describe, recall=places.recall),
                        reader.problems, places.where)  # fmt: skip


def _check_store(url: str) -> tuple[int, list[Problem]]:
    """Read a store's events, chunk by chunk, and check them as ``load`` would."""
    shown = redacted(url)

    def where(position: int) -> tuple[str, int]:
        return f"{shown} event {position + 1}", 0

    try:
        with open_store(url, read_only=True) as store:
            chunks = (Chunk(0, events, None) for events in batched(store.read()))

            def recall(position: int) -> Event:  # a repeated id: only a damaged store has one
                return next(islice(store.read(), position, None))

            checking = Check(where=lambda p: where(p)[0], recall=recall)
            return _checked(chunks, checking, [], where)
    except DecodeError as error:
        return 0, list(error.problems)
    except PolicylineError as error:
        return 0, [Problem(redacted(url), 0, "$", str(error))]


def _checked(
    chunks: Iterable[Chunk],
    checking: Check,
    problems: list[Problem],
    where: Callable[[int], tuple[str, int]],
) -> tuple[int, list[Problem]]:
    """Feed every chunk to the check; the number of new events and every problem (bad
    lines alone, if there are any: the events they are missing would make more)."""
    with paused_gc():
        for chunk in chunks:
            if not problems:
                checking.feed(chunk.events)
    if problems:
        return 0, problems
    issues = checking.finish()
    return checking.new_count, [Problem(*where(i.position), i.path, i.message) for i in issues]


def run_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Check corpora and stores; list every problem as file:line: field: message."""
    locations: list[str] = args.paths or [args.store or default_location()]
    count = 0
    problems: list[Problem] = []
    shown = [redacted(location) for location in locations]
    with Progress(f"validating {' '.join(shown)}"):
        files = [p for p in locations if not is_url(p)]
        if files:
            found, bad = _check_files(files)
            count += found
            problems += bad
        for url in (p for p in locations if is_url(p)):
            found, bad = _check_store(url)
            count += found
            problems += bad
    if args.format != "table":
        return _validated(args.format, count, problems, out)
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        plural = "s" if len(problems) != 1 else ""
        sys.stderr.write(f"policyline: {len(problems)} problem{plural}; not valid\n")
        return 1
    out.write(f"ok: {count} events in {', '.join(shown)}\n")
    return 0


def run_append(args: argparse.Namespace, out: TextIO) -> int:
    """Append the events of a JSON Lines file (``-``: standard input) to a store, all or
    nothing."""
    location = args.store or default_location()
    _refuse_ephemeral(location)
    with open_store(location, init=args.init) as store:
        before = store.version
        after = copy(args.file, store)
    out.write(
        f"appended {after - before} new event(s) to {redacted(location)}; it now holds {after}\n"
    )
    return 0


def _refuse_ephemeral(location: str) -> None:
    if is_ephemeral(location):
        raise StoreError(
            f"{location} is a database in memory: what is written to it is lost when the"
            " command ends; name a file (sqlite:///file.db)"
        )


def run_copy(args: argparse.Namespace, out: TextIO) -> int:
    """Copy every event from files or a store to another store."""
    _refuse_ephemeral(args.target)
    source, target = redacted(args.source), redacted(args.target)
    with Progress(f"copying {source} to {target}"):
        version = copy(args.source, args.target, init=args.init)
    out.write(f"copied {source} to {target}; it now holds {version} events\n")
    return 0


def run_init(args: argparse.Namespace, out: TextIO) -> int:
    """Set up a store's schema: create policyline's tables, or migrate them."""
    location = args.url
    _refuse_ephemeral(location)
    with open_store(location, init=True) as store:
        migrated = getattr(store, "migrated", None)
        version = store.version
        stale = store.keeps_read_model and not store.figures_by_model
    shown = redacted(location)
    if migrated is None or migrated[0] == migrated[1]:
        out.write(f"{shown} is ready ({version} events)\n")
    elif migrated[0] == 0:
        out.write(f"created policyline's tables (store schema {migrated[1]}) in {shown}\n")
    else:
        before, after = migrated
        out.write(
            f"migrated {shown} from store schema {before} to {after} ({version} events kept)\n"
        )
    if stale:
        out.write(
            "its read model does not reach every event yet: figures are worked out from the"
            f" events until the next append or: policyline rebuild --store {shown}\n"
        )
    return 0


def run_rebuild(args: argparse.Namespace, out: TextIO) -> int:
    """Make a store's read model again from every stored event."""
    location = args.store or default_location()
    shown = redacted(location)
    with open_store(location) as store:
        if not store.keeps_read_model:
            out.write(f"{shown} keeps no read model (its figures come from its events)\n")
            return 0
        with Progress(f"rebuilding the read model of {shown}"):
            folded = store.rebuild()
    out.write(f"rebuilt the read model of {shown} from its {folded} events\n")
    return 0


PROBLEM_COLUMNS: dict[str, ColumnType] = {
    "file": "str",
    "line": "int",
    "path": "str",
    "message": "str",
}


def _validated(format: str, count: int, problems: list[Problem], out: TextIO) -> int:
    """validate's answer for a program: JSON ``{ok, events, problems}``, or one problem a
    row; the status says it too (1: not valid)."""
    rows = Table(PROBLEM_COLUMNS, ([p.file, p.line, p.path, p.message] for p in problems))
    if format == "json":
        write_json({"ok": not problems, "events": count, "problems": rows.records()}, out)
    else:
        write_table(rows, format, out)
    return 1 if problems else 0


def run_schema(args: argparse.Namespace, out: TextIO) -> int:
    """Print the JSON Schema of one event line (every registered type)."""
    from policyline._schema import event_schema

    out.write(json.dumps(event_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0
