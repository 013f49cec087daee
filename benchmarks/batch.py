"""Batch as-of against its peers: the latest report of every (region, statistic) as of
each month-end, by policyline, ``pandas.merge_asof`` and DuckDB's ``ASOF JOIN``, on the
same reports; every cell of both peers is checked against policyline's answer.

The peers' tables are prepared untimed (as a person would hold them); policyline's first
call includes building its arrays from the loaded events. "Every answer read" reads each
statistic's answers as a list of report objects, and so does the pandas peer it is set
against (merge_asof, then its row numbers turned into the same lists).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import policyline as pl
from benchmarks import peers
from benchmarks.measure import check, timed


def month_ends() -> list[int]:
    """The last day of every month from January 1990 to December 2025: 432 days."""
    ends = []
    for year in range(1990, 2026):
        for month in range(1, 13):
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            ends.append(following.toordinal() - 1)
    return ends


@dataclass
class BatchFigures:
    """Seconds, by what was timed."""

    days: int
    keys: int
    first: float  # statistics_as_of, the first call: its arrays built from the events
    again: float  # the same call once they are built
    read: float  # then every answer read as lists of reports
    pandas: float  # merge_asof: row numbers in a frame
    pandas_read: float  # merge_asof, then the same lists of reports
    duckdb: float  # ASOF LEFT JOIN, two threads, fetched as NumPy columns


def compare(timeline: pl.Timeline) -> BatchFigures:
    """Time the three on ``timeline``'s reports, month-ends 1990-2025, and check them."""
    days = month_ends()
    asked = [dt.date.fromordinal(d) for d in days]
    first, series = timed(lambda: timeline.statistics_as_of(asked))
    again_s, again = timed(lambda: timeline.statistics_as_of(asked))
    check(again == series, "a second batch as-of gives the same answers")
    read_s, ours = timed(lambda: {key: again[key] for key in again})
    view = timeline._view(None)
    table = peers.statistic_table({c: i.events for c, i in view.regions.items()}, days)
    check(len(table.keys) == len(series), "same (region, statistic) keys")
    pandas_s, merged = peers.pandas_asof(table)
    pandas_read_s, answers = peers.pandas_answers(table, merged, len(days))
    duck_s, duck = peers.duckdb_asof(table, threads=2)
    # Every cell of both peers, as the row of the report it names (-1: none yet).
    row_of = {id(report): row for row, report in enumerate(table.reports)}
    day_slot = {day: slot for slot, day in enumerate(days)}
    expected = {
        (number, slot): -1 if report is None else row_of[id(report)]
        for number, key in enumerate(table.keys)
        for slot, report in enumerate(ours[key])
    }
    pandas_rows = merged["row"].fillna(-1).astype("int64").to_numpy()
    for k, d, r in zip(
        merged["key"].to_numpy(), merged["day"].to_numpy(), pandas_rows, strict=True
    ):
        check(expected[(int(k), day_slot[int(d)])] == int(r), f"pandas cell {k} {d}")
    for number, key in enumerate(table.keys):
        check(answers[number] == ours[key], f"pandas answers read, statistic {key}")
    mask = getattr(duck["row"], "mask", None)
    for i, (k, d) in enumerate(zip(duck["key"], duck["day"], strict=True)):
        none = mask is not None and mask is not False and bool(mask[i])
        found = -1 if none else int(duck["row"][i])
        check(expected[(int(k), day_slot[int(d)])] == found, f"duckdb cell {k} {d}")
    check(len(merged) == len(expected) == len(duck["key"]), "every cell answered")
    return BatchFigures(
        len(days),
        len(table.keys),
        first,
        again_s,
        read_s,
        pandas_s,
        pandas_s + pandas_read_s,
        duck_s,
    )
