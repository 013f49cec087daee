"""The read-only commands: asof, history, diff, timeline, explain.

Every answer comes from the timeline's and the states' queries; this module only chooses
which to ask and hands the result to a renderer.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from policyline._cli.formats import write_json, write_table
from policyline._cli.progress import Progress
from policyline._cli.source import load_figures, open_timeline
from policyline._codec import encode
from policyline._columns import DIFF_COLUMNS, metric_table, region_table
from policyline._dates import day_text, imprecise
from policyline._export import Table
from policyline._metrics import reported_history
from policyline._regions import region
from policyline._render.cells import explanation_data, figure_data, region_data
from policyline._render.terminal import (
    HISTORY_HEADERS,
    diff_text,
    event_lines,
    history_rows,
    region_text,
)
from policyline._render.text import table
from policyline._selection import Selection
from policyline._wire import encode_line


def run_asof(args: argparse.Namespace, out: TextIO) -> int:
    """Print the state as of a day: tables, or JSON with --json; every figure (csv,
    jsonl) from the store's read model where it has one."""
    if args.format in ("csv", "jsonl"):  # every region's figures, one row each
        figures = load_figures(args.store, args.date, args.region, args.rollup, args.known)
        write_table(figures.table(), args.format, out)
        return 0
    timeline = open_timeline(args.store, args.region)
    state = timeline.as_of(args.date, known=args.known)
    with Progress(f"replaying {len(timeline)} events"):
        states = state.shown(args.region, rollup=args.rollup)
        if args.format == "json":
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


def run_history(args: argparse.Namespace, out: TextIO) -> int:
    """Print every report of a statistic (or, rolled up, every change of its figure) with
    its sources; CSV with --csv."""
    timeline = open_timeline(args.store, args.region)
    place = region(args.region)
    answers = reported_history(
        timeline, place.code, args.statistic, kind=args.kind, rollup=args.rollup, known=args.known
    )
    if args.format == "json":
        data = {
            "region": place.code,
            "name": place.name,
            "rollup": args.rollup,
            "history": [figure_data(answer) for answer in answers],
        }
        write_json(data, out)
        return 0
    if args.format != "table":
        write_table(answers.table(), args.format, out)
        return 0
    rolled = ", rolled up" if args.rollup else ""
    out.write(f"{answers[0].metric} in {place.name} ({place.code}){rolled}\n")
    out.write(table(HISTORY_HEADERS, history_rows(answers)) + "\n")
    return 0


def run_diff(args: argparse.Namespace, out: TextIO) -> int:
    """Print what appeared, ended and changed between two days."""
    timeline = open_timeline(args.store, args.region)
    start, end = day_text(imprecise(args.start).latest), day_text(imprecise(args.end).latest)
    with Progress(f"replaying {len(timeline)} events"):
        if args.region is not None:
            places = [region(args.region)]
        else:
            places = [s.region for s in timeline.as_of(args.end, known=args.known).regions()]
        diffs = []
        for place in places:
            diff = timeline.diff(
                args.start, args.end, region=place.code, known=args.known, rollup=args.rollup
            )
            if diff.appeared or diff.ended or diff.changed or args.region is not None:
                diffs.append((place, diff))
    if args.format != "table":
        write_table(Table.joined([d.table() for _, d in diffs], DIFF_COLUMNS), args.format, out)
        return 0
    blocks = [diff_text(place, start, end, diff) for place, diff in diffs]
    out.write("\n\n".join(blocks or [f"No changes from {start} to {end}."]) + "\n")
    return 0


def run_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """Print the standing facts a selection keeps, in replay order, with their sources;
    JSON Lines with --jsonl."""
    timeline = open_timeline(args.store, args.region)
    selection = Selection.of(
        region=args.region,
        effective=None if args.start is None and args.end is None else (args.start, args.end),
        overlapping=args.overlapping,
    )
    events = timeline.select(selection, known=args.known)
    if args.format == "jsonl":  # each fact as stored: what validate, append and copy read
        out.writelines(encode_line(e).decode("utf-8") + "\n" for e in events)
    elif args.format == "json":
        write_json([encode(e) for e in events], out)
    elif args.format == "csv":
        events.write_csv(out)
    else:
        out.write("\n".join([*event_lines(events), f"({len(events)} events)"]) + "\n")
    return 0


def run_explain(args: argparse.Namespace, out: TextIO) -> int:
    """Print why a fact holds or not; exit 0 if it holds, 1 if not (like grep)."""
    timeline = open_timeline(args.store, args.region)
    state = timeline.as_of(args.on, known=args.known)
    explanation = state.explain(args.region, args.what, rollup=args.rollup)
    if args.format == "json":
        write_json(explanation_data(explanation), out)
    elif args.format == "table":
        out.write(str(explanation) + "\n")
    else:
        write_table(explanation.table(), args.format, out)
    return 0 if explanation.holds else 1


def run_regions(args: argparse.Namespace, out: TextIO) -> int:
    """List the regions with facts: code, name, level, parent, facts, statistics."""
    timeline = open_timeline(args.store)
    facts = timeline.facts(known=args.known)
    codes = sorted({event.region for event in facts})
    statistics = {code: len(timeline.metrics(code, known=args.known)) for code in codes}
    write_table(region_table(facts, statistics), args.format, out)
    return 0


def run_statistics(args: argparse.Namespace, out: TextIO) -> int:
    """List the statistics reported (in a region, or in every region): metric, kind and
    how many reports."""
    timeline = open_timeline(args.store, args.region)
    if args.region is not None:
        codes = [region(args.region).code]
    else:
        codes = sorted({event.region for event in timeline.facts(known=args.known)})
    rows = [
        (code, metric, kind, reports)
        for code in codes
        for metric, kind, reports in timeline.metrics(code, rollup=args.rollup, known=args.known)
    ]
    write_table(metric_table(rows), args.format, out)
    return 0
