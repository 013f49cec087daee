"""One output convention for every command that prints data: ``--format``.

``table`` (the default) is for people: aligned text, control characters escaped. ``json``,
``jsonl`` and ``csv`` are for programs and keep the data exact; ``jsonl`` and ``csv`` are
the flat, typed tables of :mod:`policyline._export` (the value a number, its bound, unit
and coverage in fields of their own), ``json`` the command's structured answer. The old
flags (``--json``, ``--csv``, ``--jsonl``) stay, as the same as ``--format …``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any, TextIO

from policyline._export import Table, write_text
from policyline._render.text import table as text_table

FORMATS = ("table", "json", "jsonl", "csv")


def add_format(
    parser: argparse.ArgumentParser,
    *,
    choices: Sequence[str] = FORMATS,
    aliases: Sequence[str] = (),
    what: str = "",
) -> None:
    """``--format`` with the command's choices, and each old flag as its alias."""
    parser.add_argument(
        "--format",
        choices=choices,
        default="table",
        help=f"table (for people; the default) or {', '.join(c for c in choices if c != 'table')}"
        + (f": {what}" if what else ""),
    )
    for alias in aliases:
        parser.add_argument(
            f"--{alias}",
            dest="format",
            action="store_const",
            const=alias,
            help=f"the same as --format {alias}",
        )


def is_machine(args: argparse.Namespace) -> bool:
    """Does the command print for a program (exact data, nothing escaped)?"""
    return getattr(args, "format", "table") != "table"


def write_json(data: Any, out: TextIO) -> None:
    """Indented JSON, Chinese as written."""
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_table(found: Table, format: str, out: TextIO) -> None:
    """A table in a format: text columns, a JSON array of rows, JSON Lines or CSV."""
    if format == "table":
        rows = [[_cell(v) for v in row] for row in zip(*found.columns.values(), strict=True)]
        numbers = [kind in ("int", "float") for kind in found.types.values()]
        out.write(text_table(list(found.types), rows, numbers=numbers) + "\n")
    elif format == "json":
        write_json(found.records(), out)
    else:
        write_text(found, format, out)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
