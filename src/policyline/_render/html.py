"""One self-contained HTML page: a timeline picture, the state on a day, every source.

The page needs nothing beside itself: the picture is an embedded PNG (base64), the style
is inline, and there is no script. Every text that comes from the data (titles, names,
quotes, notes, ids, URLs) goes through :func:`html.escape`, and the page's
Content-Security-Policy forbids scripts as a second line of defence: a quote containing
``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from policyline._dates import ImpreciseDate, day_text
from policyline._events import Event, label
from policyline._figures import Figure
from policyline._regions import Region, all_regions, is_within, region
from policyline._state import RegionState, State
from policyline._timeline import Timeline

DateLike = str | dt.date | ImpreciseDate

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Policies in force", "policies"),
    ("Policies ended", "ended_policies"),
    ("Programmes", "programs"),
    ("Platforms", "platforms"),
    ("Designations", "designations"),
    ("Awards", "awards"),
    ("Nominations", "nominations"),
    ("Chief quality officers", "cqos"),
    ("Agreements", "agreements"),
)
"""The lists a region state is shown as: heading and :class:`RegionState` attribute."""

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.possible { color: #8a5a00; }
img { max-width: 100%; }
code { font-size: 0.9em; }
"""
_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "") -> str:
    """An HTML table; ``rows`` hold already-escaped HTML."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    kind = f' class="{css}"' if css else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _event_row(event: Event) -> list[str]:
    return [_e(event.effective), _e(label(event)), f"<code>{_e(event.id)}</code>"]


def _figure_row(figure: Figure) -> list[str]:
    sources = ", ".join(f"<code>{_e(s.id)}</code>" for s in figure.sources)
    return [_e(figure.metric), _e(str(figure)), sources]


def region_section(state: RegionState) -> str:
    """One region's certain facts, statistics and possible facts, as HTML."""
    rolled = " (with the regions below it)" if state.rollup else ""
    parts = [f"<h3>{_e(state.region.name)} {_e(state.region.code)}{rolled}</h3>"]
    for heading, attribute in SECTIONS:
        events: tuple[Event, ...] = getattr(state, attribute)
        if events:
            parts.append(f"<h4>{_e(heading)} ({len(events)})</h4>")
            parts.append(_table(["date", "what", "id"], map(_event_row, events)))
    figures = state.statistics
    if figures:
        parts.append(f"<h4>Statistics ({len(figures)})</h4>")
        parts.append(_table(["statistic", "figure", "from"], map(_figure_row, figures)))
    possible = state.possible
    if possible:
        parts.append(
            f"<h4 class='possible'>Possible by {_e(day_text(state.day))} ({len(possible)}): "
            "dated by a range that straddles the day; not counted above</h4>"
        )
        parts.append(_table(["date", "what", "id"], map(_event_row, possible), "possible"))
    return "\n".join(parts)


def _source_row(event: Event) -> list[str]:
    document = _e(event.source.document)
    url = event.source.url
    if url is not None and url.startswith(("http://", "https://")):
        document = f'<a href="{_e(url)}">{document}</a>'
    return [
        f"<code>{_e(event.id)}</code>",
        _e(event.effective),
        _e(event.recorded),
        _e(event.type_name),
        document,
        f"<q>{_e(event.source.quote)}</q>",
        _e(event.note or ""),
    ]


def _scope(timeline: Timeline, place: Region | None) -> list[Event]:
    return [
        e
        for e in timeline.events
        if place is None or any(is_within(c, place.code) for c in e.regions)
    ]


def _states(state: State, place: Region | None) -> list[RegionState]:
    if place is not None:
        return [state.region(place.code, rollup=True)]
    return list(state.regions())


def picture_png(timeline: Timeline, place: Region) -> bytes:
    """The region's timeline picture (rolled up) as PNG bytes."""
    from policyline._render.plot import plot_timeline

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "timeline.png"
        plot_timeline(timeline, place.code, path, rollup=True)
        return path.read_bytes()


def render_report(
    timeline: Timeline,
    *,
    on: DateLike,
    region_name: str | None = None,
    known: DateLike | None = None,
    picture: bool = True,
) -> str:
    """The HTML page for a region (rolled up) or, without one, every region with facts.

    Without ``region_name`` the picture shows each province (rolled up) that has facts.
    """
    place = None if region_name is None else region(region_name)
    state = timeline.as_of(on, known=known)
    title = (
        f"policyline report — {place.name if place else 'all regions'} as of {day_text(state.day)}"
    )
    body = [f"<h1>{_e(title)}</h1>"]
    if known is not None:
        body.append(f"<p>Only facts recorded by {_e(known)} are counted.</p>")
    if picture:
        pictured = [place] if place else [r for r in all_regions() if r.parent is None]
        for shown in pictured:
            if _scope(timeline, shown):
                encoded = base64.b64encode(picture_png(timeline, shown)).decode("ascii")
                alt = _e(f"timeline of {shown.name}")
                body.append(f'<p><img alt="{alt}" src="data:image/png;base64,{encoded}"></p>')
    body.append(f"<h2>State as of {_e(day_text(state.day))}</h2>")
    sections = [region_section(s) for s in _states(state, place)]
    body.extend(sections or ["<p>No facts by then.</p>"])
    events = _scope(timeline, place)
    body.append(f"<h2>Sources ({len(events)} events)</h2>")
    headers = ["id", "effective", "recorded", "type", "document", "quote", "note"]
    body.append(_table(headers, map(_source_row, events)))
    return (
        "<!DOCTYPE html>\n<html lang='zh'>\n<head>\n<meta charset='utf-8'>\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
