"""States and query results as terminal text: CJK-aligned tables and listings."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._dates import day_text
from policyline._events import Event, label
from policyline._figures import Answer, Figure
from policyline._regions import Region, region
from policyline._render.cells import (
    EVENT_HEADERS,
    FIGURE_HEADERS,
    event_cells,
    figure_cells,
    figure_rows,
    sections,
)
from policyline._render.text import pad, table, width
from policyline._state import RegionState
from policyline._timeline import Diff


def region_text(state: RegionState) -> str:
    """A region's state: certain facts by kind, statistics, then the possible facts apart."""
    rolled = ", with the regions below it" if state.rollup else ""
    day = day_text(state.day)
    lines = [f"══ {state.region.name} ({state.region.code}) as of {day}{rolled}", ""]
    lines.append(f"CERTAIN by {day}")
    shown = sections(state)
    for heading, _, events in shown:
        lines += [
            "",
            f"{heading} ({len(events)})",
            table(EVENT_HEADERS, [event_cells(e, state.identities) for e in events]),
        ]
    answers = state.statistics
    if answers:
        lines += ["", f"Statistics ({len(answers)})", table(FIGURE_HEADERS, figure_rows(answers))]
    if not shown and not answers:
        lines.append("  (nothing)")
    possible = state.possible
    lines += ["", f"POSSIBLE by {day}: dated by a range that straddles the day; not counted above"]
    if possible:
        rows = [[str(e.effective), e.type_name, label(e), e.id] for e in possible]
        lines += ["", table(("date", "type", "what", "id"), rows)]
    else:
        lines.append("  (nothing)")
    return "\n".join(lines)


def diff_text(place: Region, start: str, end: str, diff: Diff) -> str:
    """What appeared, ended and changed in a region, one line each."""
    lines = [f"══ {place.name} ({place.code}): {start} → {end}"]
    lines += [
        f"  + appeared  {e.effective}  {e.type_name}: {label(e)}  [{e.id}]" for e in diff.appeared
    ]
    lines += [f"  - ended     {p.effective}  {label(p)}  [{p.id}]" for p in diff.ended]
    for change in diff.changed:
        before = "—" if change.before is None else str(change.before)
        lines.append(f"  ~ changed   {change.metric}: {before} → {change.after}")
    return "\n".join(lines)


def event_lines(events: Sequence[Event]) -> list[str]:
    """Events with their regions and sources, two lines each."""
    column = max((width(str(e.effective)) for e in events), default=0)
    lines = []
    for event in events:
        names = "、".join(region(c).short for c in event.regions)
        lines.append(
            f"{pad(str(event.effective), column)}  {names}  {event.type_name}: "
            f"{label(event)}  [{event.id}]"
        )
        lines.append(
            f"{' ' * column}  source: {event.source.document} “{event.source.quote}”"
            f" (recorded {event.recorded})"
        )
    return lines


HISTORY_HEADERS = [
    "date",
    "value",
    "unit",
    "kind",
    "period",
    "coverage",
    "recorded",
    "document",
    "quote",
    "id",
]


def history_rows(answers: Sequence[Answer]) -> list[list[str]]:
    """One row per source of each entry of a history (a rolled-up entry has several)."""
    rows = []
    for answer in answers:
        cells = figure_cells(answer)
        period = answer.period if isinstance(answer, Figure) else None
        for source in answer.sources:
            rows.append(
                [
                    str(answer.date),
                    cells[1],
                    cells[2],
                    answer.kind,
                    "" if period is None else str(period),
                    cells[5],
                    str(source.recorded),
                    source.source.document,
                    source.source.quote,
                    source.id,
                ]
            )
    return rows
