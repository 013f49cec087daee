"""What a notebook shows of a result (``_repr_html_``): short HTML from the same cells as
every other route, every piece of data escaped.

A list of events or figures is a table of its first :data:`ROWS` rows, with the number
left out said below it; a state is its heading (as-of day, known day, roll-up) with its
lists and statistics; a single answer is the line every route prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from policyline._dates import day_text
from policyline._events import Event, format_value, label
from policyline._figures import Answer
from policyline._regions import region
from policyline._render.cells import sections, shown_text

if TYPE_CHECKING:
    from policyline._batch import StatisticSeries
    from policyline._rollup import Tally
    from policyline._state import Explanation, RegionState, State
    from policyline._timeline import Diff

ROWS = 20
"""Rows shown of a long table; the rest are counted, not shown."""


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], total: int) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    more = f"<p>… and {total - ROWS} more</p>" if total > ROWS else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _known(known: int | None) -> str:
    return "" if known is None else f", known {day_text(known)}"


def events_html(events: Sequence[Event], title: str) -> str:
    """Events as a table: date, type, region, what it says, id."""
    rows = ([str(e.effective), e.type_name, e.region, label(e), e.id] for e in events[:ROWS])
    table = _table(("date", "type", "region", "what", "id"), rows, len(events))
    return f"<div><strong>{escape(title)}</strong>{table}</div>"


def answers_html(answers: Sequence[Answer], title: str) -> str:
    """Figures as a table: region, statistic, the figure as every route shows it, date."""
    rows = ([region(a.region).name, a.metric, shown_text(a), str(a.date)] for a in answers[:ROWS])
    table = _table(("region", "statistic", "figure", "date"), rows, len(answers))
    return f"<div><strong>{escape(title)}</strong>{table}</div>"


def region_state_html(state: RegionState) -> str:
    """A region as of a day: its lists of certain facts, its statistics, what is possible."""
    rolled = ", rolled up" if state.rollup else ""
    heading = (
        f"{state.region.name} ({state.region.code}) as of {day_text(state.day)}"
        f"{_known(state.known_day)}{rolled}"
    )
    parts = [f"<div><h4>{escape(heading)}</h4>"]
    for section, _, events in sections(state):
        items = "".join(f"<li>{escape(label(e))} <code>{escape(e.id)}</code></li>" for e in events)
        parts.append(f"<p><strong>{escape(section)}</strong> ({len(events)})</p><ul>{items}</ul>")
    statistics = state.statistics
    if statistics:
        parts.append(answers_html(statistics, f"Statistics ({len(statistics)})"))
    possible = state.possible
    if possible:
        parts.append(events_html(possible, f"Possible, not certain ({len(possible)})"))
    if len(parts) == 1:
        parts.append("<p>nothing certain or possible yet</p>")
    return "".join(parts) + "</div>"


def state_html(state: State) -> str:
    """A whole state: each region with facts, with how many are certain and possible."""
    regions = list(state.regions())
    rows = (
        [r.region.name, r.region.code, len(r.events), len(r.possible), len(r.statistics)]
        for r in regions[:ROWS]
    )
    heading = f"State as of {day_text(state.day)}{_known(state.known_day)}"
    headers = ("region", "code", "certain facts", "possible", "statistics")
    return f"<div><h4>{escape(heading)}</h4>{_table(headers, rows, len(regions))}</div>"


def diff_html(diff: Diff) -> str:
    """A diff: what appeared, ended and changed."""
    rows: list[list[object]] = [
        [change, str(e.effective), label(e), e.id]
        for change, group in (("appeared", diff.appeared), ("ended", diff.ended))
        for e in group
    ]
    for c in diff.changed:
        change = f"{c.metric}: {_before(c.before)} → {shown_text(c.after)}"
        rows.append(["changed", str(c.after.date), change, ""])
    return _table(("change", "date", "what", "id"), rows[:ROWS], len(rows))


def _before(answer: Answer | None) -> str:
    return "none" if answer is None else shown_text(answer)


def text_html(text: str) -> str:
    """A result whose text form is what to show (a figure, a tally, an explanation)."""
    return f"<pre>{escape(text)}</pre>"


def tally_html(tally: Tally) -> str:
    """A tally: the count, and every event behind it."""
    return text_html(f"{tally}\ncounted: {', '.join(tally.counted) or 'nothing'}")


def explanation_html(explanation: Explanation) -> str:
    """An explanation: the verdict, each figure and each event with its source."""
    return text_html(str(explanation))


def series_html(series: StatisticSeries) -> str:
    """A batch as-of: for each statistic, its figure on each asked day (first rows only)."""
    days = [day_text(day) for day in series.days]
    rows = []
    for (code, _, kind), reports in list(series.items())[:ROWS]:
        named = next((r.metric for r in reports if r is not None), "")
        cells = [format_value(r.value, r.bound) + f" {r.unit}" if r else "–" for r in reports]
        rows.append([code, named, kind, *cells])
    return _table(("region", "statistic", "kind", *days), rows, len(series))
