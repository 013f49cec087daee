"""Plain-text tables whose columns line up in a terminal, Chinese text included.

Chinese characters take two terminal columns, so padding by ``len()`` misaligns every
row that mixes scripts; columns here are measured in display cells with ``wcwidth``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Literal

from wcwidth import wcswidth, wcwidth

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character but newline and tab, and every bidi control
    (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM), shown as an escape (``\\x1b``,
    ``\\u202e``): data can neither drive the terminal nor reorder what it shows."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


MAX_CELL = 60
"""Cells wider than this many display columns are cut with an ellipsis."""


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes (control characters count as 0)."""
    measured = wcswidth(text)
    if measured >= 0:
        return int(measured)
    return sum(max(int(wcwidth(c)), 0) for c in text)


def clip(text: str, limit: int = MAX_CELL) -> str:
    """``text`` on one line, cut to at most ``limit`` columns (ending in …)."""
    flat = escape_controls(" ".join(text.split()))  # escaped before it is measured
    if width(flat) <= limit:
        return flat
    kept: list[str] = []
    used = 0
    for char in flat:
        char_width = max(int(wcwidth(char)), 0)
        if used + char_width > limit - 1:
            break
        kept.append(char)
        used += char_width
    return "".join(kept) + "…"


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` display columns."""
    return text + " " * max(columns - width(text), 0)


WHOLE = frozenset({"value", "coverage"})
"""Columns never cut: a figure's value (or the reason it is refused) and its coverage are
the answer itself."""


NARROWEST = 12
"""A column cut to fit the terminal keeps at least this many display columns."""

_NUMBER = re.compile(r"^[≥>≈<≤~]?-?\d[\d,]*(\.\d+)?\s?[%‰]?$")


def terminal_columns() -> int | None:
    """The terminal's width if standard output is one (``$COLUMNS`` first), else None:
    output to a file or a pipe is never cut to fit."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError, AttributeError):
        return None


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    limit: int = MAX_CELL,
    fit: int | Literal["terminal"] | None = "terminal",
    numbers: Sequence[bool] | None = None,
) -> str:
    """Rows under a header line and a rule, each column as wide as its widest cell; cells
    wider than ``limit`` are cut, except in the :data:`WHOLE` columns. Columns of numbers
    are right-aligned: those ``numbers`` marks, or by default those whose every cell reads
    as one (``86``, ``≥14``, ``40 %``) and whose header names no code or id. With
    ``fit`` (by default the terminal's width, when writing to one) the widest cut-able
    columns are narrowed until the table fits, down to :data:`NARROWEST` columns each."""
    fit_to = terminal_columns() if fit == "terminal" else fit
    limits = [10**9 if h in WHOLE else limit for h in headers]
    body = [[clip(c, 10**9) for c in r] for r in rows]
    numeric = (
        list(numbers)
        if numbers is not None
        else [
            not ("code" in h or h == "id" or h.endswith("_id"))
            and any(row[i] for row in body)
            and all(_NUMBER.match(row[i]) for row in body if row[i])
            for i, h in enumerate(headers)
        ]
    )
    widths = [
        min(max([width(clip(h, limit)), *(width(row[i]) for row in body)]), limits[i])
        for i, h in enumerate(headers)
    ]
    if fit_to is not None:
        _narrow(widths, [h not in WHOLE for h in headers], fit_to)
    cells = [
        [clip(h, w) for h, w in zip(headers, widths, strict=True)],
        *([clip(c, w) for c, w in zip(r, widths, strict=True)] for r in body),
    ]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str], header: bool) -> str:
        placed = [
            " " * (w - width(c)) + c if right and not header else pad(c, w)
            for c, w, right in zip(row, widths, numeric, strict=True)
        ]
        return "  ".join(placed).rstrip()

    lines = [line(row, number == 0) for number, row in enumerate(cells)]
    lines.insert(1, "  ".join("─" * w for w in widths))
    return "\n".join(lines)


def _narrow(widths: list[int], cuttable: Sequence[bool], columns: int) -> None:
    """Narrow the widest cut-able column, one display column at a time, until the row
    (with two spaces between columns) fits in ``columns`` or none can be narrowed."""
    while sum(widths) + 2 * (len(widths) - 1) > columns:
        candidates = [i for i, w in enumerate(widths) if cuttable[i] and w > NARROWEST]
        if not candidates:
            return
        widest = max(candidates, key=widths.__getitem__)
        widths[widest] -= 1


def align_columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines, each column padded to its widest cell (no header rule, no clipping)."""
    if not rows:
        return []
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
