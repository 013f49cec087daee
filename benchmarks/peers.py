"""The peers, each doing the same work on the same data: pandas, DuckDB, eventsourcing.

Each function returns its answers as well as its timings, so that the harness can check
them against policyline's: a fast wrong answer is a failure, not a win.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from policyline import Event, StatisticReported, encode
from policyline._hanzi import fold

NAMESPACE = uuid.UUID("6a5b0f8e-2c1d-4f6e-9b7a-0d3c5e1f2a4b")
ROW_SHIFT = 21
"""Bits below the day in an as-of sort key (a row's replay rank; < 2**21 rows)."""


# ---- batch as-of: pandas.merge_asof and DuckDB ASOF JOIN --------------------------------


@dataclass
class StatisticTable:
    """Every statistic report as one row: a key code, a sort key, the value and the event."""

    keys: list[tuple[str, str, str]]
    right: pd.DataFrame  # key, t, value, row (sorted by t)
    left: pd.DataFrame  # key, t, day (every key x every asked day, sorted by t)
    reports: list[StatisticReported]  # by row
    objects: Any  # object array: the reports by row, then None (row -1: none yet)


def statistic_table(regions: Mapping[str, Sequence[Event]], days: Sequence[int]) -> StatisticTable:
    """The peers' input, prepared untimed: reports keyed and ranked in replay order."""
    keys: dict[tuple[str, str, str], int] = {}
    rows: list[tuple[int, int, float, int]] = []
    reports: list[StatisticReported] = []
    for code, events in regions.items():
        for rank, e in enumerate(events):
            if type(e) is not StatisticReported:
                continue
            key = keys.setdefault((code, fold(e.metric), e.kind), len(keys))
            rows.append((key, (e.effective.latest << ROW_SHIFT) | rank, e.value, len(reports)))
            reports.append(e)
    right = pd.DataFrame(rows, columns=["key", "t", "value", "row"]).sort_values(
        "t", kind="stable", ignore_index=True
    )
    n_keys, n_days = len(keys), len(days)
    day_array = np.asarray(days, dtype=np.int64)
    tiled = np.tile(day_array, n_keys)
    left = pd.DataFrame(
        {
            "key": np.repeat(np.arange(n_keys, dtype=np.int64), n_days),
            "day": tiled,
            "t": np.left_shift(tiled, ROW_SHIFT) | ((1 << ROW_SHIFT) - 1),
        }
    )
    left = left.sort_values("t", kind="stable", ignore_index=True)
    objects = np.fromiter([*reports, None], dtype=object, count=len(reports) + 1)
    return StatisticTable(list(keys), right, left, reports, objects)


def pandas_asof(table: StatisticTable) -> tuple[float, pd.DataFrame]:
    """``pandas.merge_asof`` by key, backward: the latest report as of each (key, day)."""
    start = time.perf_counter()
    merged = pd.merge_asof(
        table.left, table.right[["key", "t", "row"]], on="t", by="key", direction="backward"
    )
    return time.perf_counter() - start, merged


def pandas_answers(
    table: StatisticTable, merged: pd.DataFrame, days: int
) -> tuple[float, list[list[StatisticReported | None]]]:
    """``merge_asof``'s cells read as policyline gives them: per key, in the order of the
    asked days, the list of the reports they name."""
    start = time.perf_counter()
    order = np.lexsort((merged["day"].to_numpy(), merged["key"].to_numpy()))
    rows = np.nan_to_num(merged["row"].to_numpy(), nan=-1).astype(np.int64)[order]
    grid = table.objects[rows].reshape(len(table.keys), days)
    answers = [grid[key].tolist() for key in range(len(table.keys))]
    return time.perf_counter() - start, answers


def duckdb_asof(table: StatisticTable, threads: int = 2) -> tuple[float, dict[str, Any]]:
    """DuckDB ``ASOF LEFT JOIN`` on the same tables, fetched as NumPy columns."""
    connection = duckdb.connect()
    connection.execute(f"SET threads = {threads}")
    connection.register("asked", table.left)
    connection.register("reports", table.right)
    connection.execute("CREATE TABLE l AS SELECT key, day, t FROM asked")
    connection.execute("CREATE TABLE r AS SELECT key, t, row FROM reports")
    start = time.perf_counter()
    result = connection.execute(
        "SELECT l.key, l.day, r.row FROM l ASOF LEFT JOIN r ON l.key = r.key AND l.t >= r.t"
    ).fetchnumpy()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed, result


# ---- eventsourcing: one aggregate per region, its SQLite recorder -------------------------


class RegionHistory(Aggregate):
    """A region's facts: how many of each type, and the latest report of each statistic."""

    @staticmethod
    def create_id(code: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, code)

    @event("Opened")
    def __init__(self, code: str) -> None:
        self.code = code
        self.counts: dict[str, int] = {}
        self.latest: dict[str, str] = {}

    @event("FactRecorded")
    def record(self, fact_id: str, fact_type: str, statistic: str, body: dict[str, Any]) -> None:
        self.counts[fact_type] = self.counts.get(fact_type, 0) + 1
        if statistic:
            self.latest[statistic] = fact_id


class Histories(Application[uuid.UUID]):
    """The eventsourcing application under test."""


def statistic_label(e: Event) -> str:
    return f"{fold(e.metric)}|{e.kind}" if isinstance(e, StatisticReported) else ""


def eventsourcing_app(path: Path, *, snapshots: bool) -> Histories:
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        "IS_SNAPSHOTTING_ENABLED": "y" if snapshots else "n",
    }
    return Histories(env=env)


def replay_order(regions: Mapping[str, Sequence[Event]]) -> list[tuple[str, int]]:
    """Every (region, rank) of every region's facts, in global replay order: the order
    eventsourcing records them in."""

    def key(pair: tuple[str, int]) -> tuple[int, int, str, str]:
        event = regions[pair[0]][pair[1]]
        return (event.effective.latest, event.effective.earliest, event.id, pair[0])

    pairs = ((code, rank) for code, events in regions.items() for rank in range(len(events)))
    return sorted(pairs, key=key)


def eventsourcing_append(
    app: Histories,
    regions: Mapping[str, Sequence[Event]],
    order: Iterable[tuple[str, int]],
    batch: int,
) -> tuple[float, int]:
    """Record every region's facts, in global replay order, saving ``batch`` at a time."""
    start = time.perf_counter()
    aggregates = {code: RegionHistory(code) for code in regions}
    app.save(*aggregates.values())
    pending: dict[str, RegionHistory] = {}
    count = 0
    for code, rank in order:
        fact = regions[code][rank]
        aggregate = aggregates[code]
        aggregate.record(fact.id, fact.type_name, statistic_label(fact), encode(fact))
        pending[code] = aggregate
        count += 1
        if count % batch == 0:
            app.save(*pending.values())
            pending.clear()
    if pending:
        app.save(*pending.values())
    return time.perf_counter() - start, count + len(aggregates)


def snapshot_every(app: Histories, versions: dict[str, int], interval: int) -> float:
    """Take a snapshot of every aggregate at every ``interval`` versions."""
    start = time.perf_counter()
    for code, version in versions.items():
        aggregate_id = RegionHistory.create_id(code)
        for at in range(interval, version + 1, interval):
            app.take_snapshot(aggregate_id, version=at)
    return time.perf_counter() - start


def replay_all(app: Histories, codes: Iterable[str]) -> tuple[float, dict[str, RegionHistory]]:
    """Every aggregate reconstructed to its last version."""
    start = time.perf_counter()
    found: dict[str, RegionHistory] = {
        code: app.repository.get(RegionHistory.create_id(code)) for code in codes
    }
    return time.perf_counter() - start, found


def get_at(app: Histories, code: str, version: int) -> RegionHistory:
    found: RegionHistory = app.repository.get(RegionHistory.create_id(code), version=version)
    return found
