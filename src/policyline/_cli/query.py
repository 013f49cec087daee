"""The read-only commands: asof, history, diff, timeline, explain."""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from typing import TextIO

from policyline._cli.progress import Progress
from policyline._cli.source import open_timeline
from policyline._codec import encode_line
from policyline._dates import day_text, imprecise
from policyline._events import Event, StatisticReported, format_value, label
from policyline._hanzi import fold
from policyline._regions import all_regions, is_within, region
from policyline._render.regions import region_data, region_text
from policyline._render.text import pad, table, width
from policyline._state import RegionState, State
from policyline._timeline import Diff, Timeline
from policyline.errors import UnknownStatistic


def _states(state: State, region_name: str | None, rollup: bool) -> list[RegionState]:
    if region_name is not None:
        return [state.region(region_name, rollup=rollup)]
    if not rollup:
        return list(state.regions())
    tops = [state.region(r.code, rollup=True) for r in all_regions() if r.parent is None]
    return [s for s in tops if s.events or s.possible]


def run_asof(args: argparse.Namespace, out: TextIO) -> int:
    """Print the state as of a day: tables, or JSON with --json."""
    timeline = open_timeline(args.store)
    state = timeline.as_of(args.date, known=args.known)
    with Progress(f"replaying {len(timeline)} events"):
        states = _states(state, args.region, args.rollup)
        if args.json:
            data = {
                "as_of": day_text(state.day),
                "known": None if state.known is None else state.known.isoformat(),
                "regions": [region_data(s) for s in states],
            }
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            known = "" if state.known is None else f" (known by {state.known.isoformat()})"
            header = f"As of {day_text(state.day)}{known}: {len(states)} region(s)"
            text = "\n\n".join([header, *(region_text(s) for s in states)])
    out.write(text + "\n")
    return 0


def _metrics(timeline: Timeline, code: str) -> list[str]:
    found = {
        fold(e.metric): e.metric
        for e in timeline.facts()
        if isinstance(e, StatisticReported) and e.region == code
    }
    return sorted(found.values())


def run_history(args: argparse.Namespace, out: TextIO) -> int:
    """Print every report of a statistic with its source; CSV with --csv."""
    timeline = open_timeline(args.store)
    place = region(args.region)
    figures = timeline.history(place.code, args.statistic, kind=args.kind, known=args.known)
    if not figures:
        raise UnknownStatistic(args.statistic, place.name, _metrics(timeline, place.code))
    headers = ["date", "value", "unit", "kind", "period", "recorded", "document", "quote", "id"]
    rows = [
        [
            str(f.date),
            format_value(f.value, f.bound),
            f.unit,
            f.kind,
            "" if f.period is None else str(f.period),
            str(source.recorded),
            source.source.document,
            source.source.quote,
            source.id,
        ]
        for f in figures
        for source in f.sources
    ]
    if args.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
    else:
        out.write(f"{figures[0].metric} in {place.name} ({place.code})\n")
        out.write(table(headers, rows) + "\n")
    return 0


def _diff_text(place_name: str, start: str, end: str, diff: Diff) -> str:
    lines = [f"══ {place_name}: {start} → {end}"]
    lines += [
        f"  + appeared  {e.effective}  {e.type_name}: {label(e)}  [{e.id}]" for e in diff.appeared
    ]
    lines += [f"  - ended     {p.effective}  {label(p)}  [{p.id}]" for p in diff.ended]
    for change in diff.changed:
        before = "—" if change.before is None else str(change.before)
        lines.append(f"  ~ changed   {change.metric}: {before} → {change.after}")
    return "\n".join(lines)


def run_diff(args: argparse.Namespace, out: TextIO) -> int:
    """Print what appeared, ended and changed between two days."""
    timeline = open_timeline(args.store)
    start, end = day_text(imprecise(args.start).latest), day_text(imprecise(args.end).latest)
    with Progress(f"replaying {len(timeline)} events"):
        if args.region is not None:
            places = [region(args.region)]
        else:
            places = [s.region for s in timeline.as_of(args.end, known=args.known).regions()]
        blocks = []
        for place in places:
            diff = timeline.diff(
                args.start, args.end, region=place.code, known=args.known, rollup=args.rollup
            )
            if diff.appeared or diff.ended or diff.changed or args.region is not None:
                blocks.append(_diff_text(f"{place.name} ({place.code})", start, end, diff))
    out.write("\n\n".join(blocks or [f"No changes from {start} to {end}."]) + "\n")
    return 0


def _overlaps(event: Event, first: int | None, last: int | None) -> bool:
    date = event.effective
    return (first is None or date.latest >= first) and (last is None or date.earliest <= last)


def select_events(
    timeline: Timeline, region_name: str | None, start: str | None, end: str | None
) -> list[Event]:
    """Events in replay order, in a region (or below it), whose dates overlap start..end."""
    code = None if region_name is None else region(region_name).code
    first = None if start is None else imprecise(start).earliest
    last = None if end is None else imprecise(end).latest
    return [
        e
        for e in timeline.events
        if (code is None or any(is_within(c, code) for c in e.regions))
        and _overlaps(e, first, last)
    ]


def _event_lines(events: Sequence[Event]) -> list[str]:
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


def run_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """Print events in replay order with their sources; JSON Lines with --jsonl."""
    timeline = open_timeline(args.store)
    events = select_events(timeline, args.region, args.start, args.end)
    if args.jsonl:
        out.writelines(encode_line(e) + "\n" for e in events)
    else:
        out.write("\n".join([*_event_lines(events), f"({len(events)} events)"]) + "\n")
    return 0


def run_explain(args: argparse.Namespace, out: TextIO) -> int:
    """Print why a fact holds or not; exit 0 if it holds, 1 if not (like grep)."""
    timeline = open_timeline(args.store)
    state = timeline.as_of(args.on, known=args.known)
    explanation = state.explain(args.region, args.what, rollup=args.rollup)
    out.write(str(explanation) + "\n")
    return 0 if explanation.holds else 1
