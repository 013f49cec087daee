"""One self-contained HTML page: a timeline picture, the state on a day, its sources.

The page needs nothing beside itself: the picture is an embedded PNG (base64), the style
is inline, and there is no script. Every text that comes from the data (titles, names,
quotes, notes, ids, URLs) goes through :func:`html.escape`, and the page's
Content-Security-Policy forbids scripts as a second line of defence: a quote containing
``<script>`` shows as text.

Everything on the page comes from the state as of the day: its lists, its figures (a
figure that cannot be added up shows its refusal) and, at the end, the source of every
fact it counts or lists as possible.
"""

from __future__ import annotations

import base64
import html
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from policyline._dates import DateLike, day_text
from policyline._events import Event
from policyline._identity import NO_IDENTITIES, Identity
from policyline._regions import Region, region
from policyline._render.cells import (
    EVENT_HEADERS,
    FIGURE_HEADERS,
    event_cells,
    figure_rows,
    sections,
)
from policyline._state import RegionState, State, merged
from policyline._timeline import Timeline

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
    """An HTML table of plain-text cells (escaped here)."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    kind = f' class="{css}"' if css else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _event_rows(
    events: Iterable[Event], anchors: Mapping[str, str], identities: Mapping[str, Identity]
) -> str:
    """Rows of date, what, id; each id links to its row of the sources table."""
    rows = []
    for event in events:
        date, what, event_id = (_e(c) for c in event_cells(event, identities))
        anchor = anchors.get(event.id)
        shown = f'<a href="#{anchor}">{event_id}</a>' if anchor else event_id
        rows.append(f"<tr><td>{date}</td><td>{what}</td><td><code>{shown}</code></td></tr>")
    return "".join(rows)


def _events_table(
    events: Iterable[Event],
    anchors: Mapping[str, str],
    css: str = "",
    identities: Mapping[str, Identity] = NO_IDENTITIES,
) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in EVENT_HEADERS)
    kind = f' class="{css}"' if css else ""
    rows = _event_rows(events, anchors, identities)
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def region_section(state: RegionState, anchors: Mapping[str, str] | None = None) -> str:
    """One region's certain facts, statistics and possible facts, as HTML; with
    ``anchors`` (event id -> the id of its row in the sources table) each id links there."""
    links = anchors or {}
    rolled = " (with the regions below it)" if state.rollup else ""
    parts = [
        f"<h3 id='{_section_id(state.region.code)}'>"
        f"{_e(state.region.name)} {_e(state.region.code)}{rolled}</h3>"
    ]
    for heading, _, events in sections(state):
        parts.append(f"<h4>{_e(heading)} ({len(events)})</h4>")
        parts.append(_events_table(events, links, identities=state.identities))
    answers = state.statistics
    if answers:
        parts.append(f"<h4>Statistics ({len(answers)})</h4>")
        parts.append(_table(FIGURE_HEADERS, figure_rows(answers), "statistics"))
    possible = state.possible
    if possible:
        parts.append(
            f"<h4 class='possible'>Possible by {_e(day_text(state.day))} ({len(possible)}): "
            "dated by a range that straddles the day; not counted above</h4>"
        )
        parts.append(_events_table(possible, links, "possible", state.identities))
    return "\n".join(parts)


def _section_id(code: str) -> str:
    return f"region-{_e(code)}"


def _source_row(event: Event, anchor: str, said: str = "") -> str:
    document = _e(event.source.document)
    url = event.source.url
    if url is not None and url.startswith(("http://", "https://")):
        document = f'<a href="{_e(url)}">{document}</a>'
    cells = [
        f"<code>{_e(event.id)}</code>",
        _e(event.effective),
        _e(event.recorded),
        _e(event.type_name),
        document,
        f"<q>{_e(event.source.quote)}</q>",
        _e(" ".join(filter(None, (said, event.note)))),
    ]
    return f"<tr id='{anchor}'>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _sources(
    events: Sequence[Event], anchors: Mapping[str, str], identities: Mapping[str, Identity]
) -> str:
    """A row per fact's source; a fact several sources report has a row per claim."""
    headers = ["id", "effective", "recorded", "type", "document", "quote", "note"]
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    rows = []
    for event in events:
        identity = identities.get(event.id)
        if identity is None:
            rows.append(_source_row(event, anchors[event.id]))
            continue
        for number, claim in enumerate(identity.claims):
            anchor = anchors[event.id] + ("" if number == 0 else f"-{number}")
            said = f"[claim {number + 1} of {event.id}: {identity.summary}]"
            rows.append(_source_row(claim, anchor, said))
    body = "".join(rows)
    return f"<table class='sources'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _states(state: State, place: Region | None, rollup: bool) -> list[RegionState]:
    if place is not None:
        return [state.region(place.code, rollup=rollup)]
    return list(state.regions())


def picture_png(
    timeline: Timeline,
    place: Region,
    *,
    on: DateLike,
    known: DateLike | None = None,
    rollup: bool = True,
    after: Literal["hide", "grey"] = "hide",
) -> bytes:
    """The region's timeline picture as PNG bytes, with the as-of day marked."""
    from policyline._render.plot import plot_timeline

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "timeline.png"
        plot_timeline(timeline, place.code, path, rollup=rollup, known=known, on=on, after=after)
        return path.read_bytes()


def render_report(
    timeline: Timeline,
    *,
    on: DateLike,
    region_name: str | None = None,
    known: DateLike | None = None,
    picture: bool = True,
    rollup: bool = False,
    after: Literal["hide", "grey"] = "hide",
) -> str:
    """The HTML page for a region (with the regions below it if ``rollup``) or, without
    one, every region with facts; a contents list first.

    The picture marks the as-of day and leaves out what only began after it (``after``:
    ``"grey"`` veils it instead). Without ``region_name`` the picture shows each province
    (rolled up) that has facts. The sources are those of the facts shown, and each id
    links to its source.
    """
    place = None if region_name is None else region(region_name)
    state = timeline.as_of(on, known=known)
    title = (
        f"policyline report — {place.name if place else 'all regions'} as of {day_text(state.day)}"
    )
    states = _states(state, place, rollup)
    facts = merged([*(s.events for s in states), *(s.possible for s in states)])
    anchors = {event.id: f"source-{number}" for number, event in enumerate(facts, start=1)}
    body = [f"<h1>{_e(title)}</h1>"]
    if known is not None:
        body.append(f"<p>Only facts recorded by {_e(known)} are counted.</p>")
    contents = [("picture", "Timeline") if picture else None, ("state", "State as of the day")]
    contents += [(_section_id(s.region.code), f"— {s.region.name}") for s in states]
    contents.append(("sources", f"Sources ({len(facts)})"))
    items = "".join(f"<li><a href='#{a}'>{_e(t)}</a></li>" for a, t in filter(None, contents))
    body.append(f"<nav><h2>Contents</h2><ul>{items}</ul></nav>")
    if picture:
        body.append("<h2 id='picture'>Timeline</h2>")
        pictured = [place] if place else [s.region for s in state.overview() if s.rollup]
        for shown in pictured:
            rolled = state.region(shown.code, rollup=rollup or place is None)
            if rolled.events or rolled.possible:
                png = picture_png(
                    timeline, shown, on=on, known=known, rollup=rollup or place is None,
                    after=after,
                )  # fmt: skip
                encoded = base64.b64encode(png).decode("ascii")
                alt = _e(f"timeline of {shown.name} as of {day_text(state.day)}")
                body.append(f'<p><img alt="{alt}" src="data:image/png;base64,{encoded}"></p>')
    body.append(f"<h2 id='state'>State as of {_e(day_text(state.day))}</h2>")
    body.extend([region_section(s, anchors) for s in states] or ["<p>No facts by then.</p>"])
    body.append(f"<h2 id='sources'>Sources ({len(facts)} facts, certain or possible by then)</h2>")
    body.append(_sources(facts, anchors, state.identities))
    return (
        "<!DOCTYPE html>\n<html lang='zh'>\n<head>\n<meta charset='utf-8'>\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
