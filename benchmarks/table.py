"""One Markdown table of figures, peers and ratios."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Row:
    figure: str
    ours: float
    peer: str
    theirs: float | None
    ratio: float | None
    target: str = ""
    met: bool | None = None


def number(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def render(rows: Sequence[Row]) -> str:
    lines = [
        "| figure | policyline | peer | peer figure | ratio | target | met |",
        "|---|--:|---|--:|--:|---|---|",
    ]
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}×"
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(
            f"| {row.figure} | {number(row.ours)} | {row.peer} | {number(row.theirs)} |"
            f" {ratio} | {row.target} | {met} |"
        )
    return "\n".join(lines)
