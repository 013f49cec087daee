"""Region states as terminal text (tables, CJK-aligned) or as JSON-ready data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policyline._codec import encode
from policyline._dates import day_text
from policyline._events import Event, format_value, label
from policyline._figures import Figure
from policyline._render.html import SECTIONS
from policyline._render.text import table
from policyline._state import RegionState

EVENT_HEADERS = ("date", "what", "id")
FIGURE_HEADERS = ("statistic", "value", "unit", "kind", "date", "from")


def event_rows(events: Sequence[Event]) -> list[list[str]]:
    """One table row per event: date, what it says, id."""
    return [[str(e.effective), label(e), e.id] for e in events]


def figure_rows(figures: Sequence[Figure]) -> list[list[str]]:
    """One table row per figure, naming the events it comes from."""
    return [
        [
            f.metric,
            format_value(f.value, f.bound),
            f.unit,
            f.kind,
            str(f.date),
            ", ".join(s.id for s in f.sources),
        ]
        for f in figures
    ]


def region_text(state: RegionState) -> str:
    """A region's state: certain facts by kind, statistics, then the possible facts apart."""
    rolled = ", with the regions below it" if state.rollup else ""
    day = day_text(state.day)
    lines = [f"══ {state.region.name} ({state.region.code}) as of {day}{rolled}", ""]
    lines.append(f"CERTAIN by {day}")
    empty = True
    for heading, attribute in SECTIONS:
        events: tuple[Event, ...] = getattr(state, attribute)
        if events:
            empty = False
            lines += ["", f"{heading} ({len(events)})", table(EVENT_HEADERS, event_rows(events))]
    figures = state.statistics
    if figures:
        empty = False
        lines += ["", f"Statistics ({len(figures)})", table(FIGURE_HEADERS, figure_rows(figures))]
    if empty:
        lines.append("  (nothing)")
    possible = state.possible
    lines += ["", f"POSSIBLE by {day}: dated by a range that straddles the day; not counted above"]
    if possible:
        rows = [[str(e.effective), e.type_name, label(e), e.id] for e in possible]
        lines += ["", table(("date", "type", "what", "id"), rows)]
    else:
        lines.append("  (nothing)")
    return "\n".join(lines)


def figure_data(figure: Figure) -> dict[str, Any]:
    """A figure as JSON-ready data."""
    return {
        "metric": figure.metric,
        "value": figure.value,
        "unit": figure.unit,
        "kind": figure.kind,
        "bound": figure.bound,
        "date": str(figure.date),
        "period": None if figure.period is None else str(figure.period),
        "region": figure.region,
        "sources": [s.id for s in figure.sources],
    }


def region_data(state: RegionState) -> dict[str, Any]:
    """A region's state as JSON-ready data: certain facts by kind, statistics, possible."""
    certain = {
        attribute: [encode(e) for e in getattr(state, attribute)] for _, attribute in SECTIONS
    }
    return {
        "code": state.region.code,
        "name": state.region.name,
        "rollup": state.rollup,
        "certain": certain,
        "statistics": [figure_data(f) for f in state.statistics],
        "possible": [encode(e) for e in state.possible],
    }
