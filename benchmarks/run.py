"""The harness: every figure of issue 5 in one process on one synthetic timeline.

    python -m benchmarks.run --events 100000
    python -m benchmarks.run --events 1000000

Prints one Markdown table of figures, peers and ratios (see "Performance" in README.md).
Every peer's answers are checked against policyline's; a mismatch stops the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from unittest import mock

import msgspec
import orjson
import psutil

import policyline as pl
from benchmarks import batch
from benchmarks.generate import dataset
from benchmarks.measure import check, timed
from benchmarks.memory import peak_kib
from benchmarks.table import Row, render
from policyline import _reading as reading
from policyline._projections import BUILTIN, Composite
from policyline._projections.base import Prefix
from policyline._view import View

Digest = tuple[dict[str, int], dict[str, str]]
"""What an answer is checked by: facts per type, and the latest report id per statistic."""
FIRST_DAY = dt.date(1990, 1, 1).toordinal()
LAST_DAY = dt.date(2025, 12, 31).toordinal()


def rss() -> int:
    gc.collect()
    return int(psutil.Process().memory_info().rss)


def peak_rss() -> int:
    return peak_kib() * 1024


def orjson_floor(path: Path, chunk: int | None = None) -> tuple[float, int]:
    """The floor: ``orjson.loads`` of every line of the file into a list (or, with
    ``chunk``, into a list of that many lines at a time, each dropped before the next)."""

    def parse() -> int:
        parsed = [orjson.loads(line) for line in path.read_bytes().splitlines() if line]
        return len(parsed)

    def parse_in_chunks() -> int:
        total = 0
        with path.open("rb") as handle:
            while lines := list(islice(handle, chunk)):
                parsed = [orjson.loads(line) for line in lines if line.strip()]
                total += len(parsed)
                del parsed, lines
        return total

    return timed(parse if chunk is None else parse_in_chunks)


def naive_state(events: Sequence[pl.Event], code: str, day: int) -> Composite:
    """A full replay for one question: resolve, filter, sort, fold event by event."""
    facts = View(events, None).facts  # amendments applied, from scratch
    mine = [e for e in facts if code in e.regions and e.effective.latest <= day]
    mine.sort(key=lambda e: (e.effective.latest, e.effective.earliest, e.id))
    state = BUILTIN.initial
    for event in mine:
        state = BUILTIN.apply(state, event)
    return state


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def counts(state: Composite) -> dict[str, int]:
    """Facts per type in a built-in state (what the eventsourcing aggregate counts)."""
    found = {
        "PolicyIssued": len(state["policies"].issued),
        "PolicyRepealed": len(state["policies"].repeals),
    }
    for events in state.states:
        if isinstance(events, tuple | Prefix) and events:
            found[events[0].type_name] = len(events)
    return {k: v for k, v in found.items() if v}


def latest_ids(state: Composite) -> dict[str, str]:
    return {f"{m}|{k}": e.id for (m, k), e in state["statistics"].items()}


def _no_fast_path(line: bytes | str) -> None:
    """A fast path that takes no line: every line is decoded the slow way."""


class Harness:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.n = args.events
        self.rows: list[Row] = []
        self.rng = random.Random(7)
        self.work = Path(tempfile.mkdtemp(prefix="policyline-bench-"))
        self.notes: list[str] = []

    def add(
        self,
        figure: str,
        ours: float,
        peer: str,
        theirs: float | None,
        ratio: float | None,
        *,
        target: str = "",
        met: bool | None = None,
    ) -> None:
        self.rows.append(Row(figure, ours, peer, theirs, ratio, target, met))

    def log(self, message: str) -> None:
        print(f"# {message}", file=sys.stderr, flush=True)

    def run(self) -> None:
        path = dataset(self.n, seed=self.args.seed)
        self.log(f"data: {path} ({path.stat().st_size / 1e6:.0f} MB)")
        base = rss()
        load_s, timeline = timed(lambda: pl.load(path))
        self.log(f"load {load_s:.2f}s")
        self.events = timeline.events
        index_s, _ = timed(lambda: timeline.as_of(LAST_DAY_TEXT).snapshot())
        held = rss() - base
        peak = peak_rss()
        self.log(f"index {index_s:.2f}s, held {held / 1e6:.0f} MB")
        # The floor as in a fresh process: with the loaded timeline out of the collector's
        # reach, its collections walk only its own dicts, not policyline's objects too.
        gc.freeze()
        floor_s, lines = orjson_floor(path)
        gc.unfreeze()
        check(lines == self.n, "line count")
        floor_rate = self.n / floor_s
        load_rate = self.n / load_s
        self.add(
            "load JSON Lines → Timeline (events/s)",
            load_rate,
            "orjson.loads floor (lines/s)",
            floor_rate,
            load_rate / floor_rate,
            target="≥ 1.5× floor",
            met=load_rate >= 1.5 * floor_rate,
        )
        self.add(
            "  + index on first as-of (events/s of load+index)",
            self.n / (load_s + index_s),
            "orjson.loads floor",
            floor_rate,
            (self.n / (load_s + index_s)) / floor_rate,
        )
        self.load_stdlib(path, floor_rate)
        view = timeline._view(None)
        facts = len(view.facts)
        self.replay(view, facts)
        self.point_queries(timeline, view)
        self.batch_queries(timeline)
        self.sqlite(timeline, floor_rate)
        if not self.args.skip_eventsourcing:
            self.eventsourcing(view)
        self.add(
            "memory held after load + index (bytes/event)",
            held / self.n,
            "",
            None,
            None,
            target="≤ 500",
            met=held / self.n <= 500,
        )
        self.add("peak RSS after load + index (MB)", peak / 1e6, "", None, None)
        self.add("peak RSS of the whole run (MB)", peak_rss() / 1e6, "", None, None)

    def load_stdlib(self, path: Path, floor_rate: float) -> None:
        with mock.patch.object(reading, "fast_decode", _no_fast_path):
            seconds, again = timed(lambda: pl.load(path))
        check(again.events == self.events, "the slow path's load equals the fast path's")
        del again
        self.add(
            "load JSON Lines → Timeline, slow path only (events/s)",
            self.n / seconds,
            "orjson.loads floor",
            floor_rate,
            self.n / seconds / floor_rate,
        )

    def replay(self, view: View, facts: int) -> None:
        regions = {code: index.events for code, index in view.regions.items()}

        def fold_all() -> dict[str, Composite]:
            return {code: BUILTIN.fold(events) for code, events in regions.items()}

        # The median of three: a full pass of the cyclic collector lands in one run or
        # another and would otherwise decide the figure.
        runs = [timed(fold_all) for _ in range(3)]
        seconds, finals = sorted(runs, key=lambda run: run[0])[1]
        expected = {code: view.state(code, LAST_DAY + 10**5) for code in regions}
        check(finals == expected, "replay final states equal the indexed states")
        self.replay_rate = facts / seconds
        self.replay_facts = facts
        self.finals = finals
        self.add(
            "replay, all built-in projections → final states (events/s, median of 3)",
            self.replay_rate,
            "",
            None,
            None,
            target="≥ 1,000,000",
            met=self.replay_rate >= 1e6,
        )

    def point_queries(self, timeline: pl.Timeline, view: View) -> None:
        codes = sorted(view.regions)
        self.queries = [
            (self.rng.choice(codes), self.rng.randint(FIRST_DAY, LAST_DAY))
            for _ in range(self.args.queries)
        ]
        texts = [(code, dt.date.fromordinal(day).isoformat()) for code, day in self.queries]
        warm_up = [
            (self.rng.choice(codes), dt.date.fromordinal(self.rng.randint(FIRST_DAY, LAST_DAY)))
            for _ in range(self.args.queries)
        ]
        self.ask(timeline, [(code, day.isoformat()) for code, day in warm_up])
        latencies, answers = self.ask(timeline, texts)
        gc.freeze()  # what a long-running server does after loading: no collector pauses
        frozen, frozen_answers = self.ask(timeline, texts)
        gc.unfreeze()
        check(frozen_answers == answers, "the same answers twice")
        self.point_answers = answers
        naive_n = self.args.naive_queries or (50 if self.n <= 200_000 else 10)
        events = timeline.events
        naive: list[float] = []
        for code, day in self.queries[:naive_n]:
            seconds, state = timed(lambda c=code, d=day: naive_state(events, c, d))  # type: ignore[misc]
            naive.append(seconds * 1e6)
            fast = timeline.as_of(dt.date.fromordinal(day)).region(code).facts
            check(state == fast, f"point as-of {code} {day} equals the naive replay")
        p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
        n50, n99 = percentile(naive, 0.5), percentile(naive, 0.99)
        self.point_p50 = p50
        self.add(
            f"point as-of p50, {len(latencies)} random (R, D) (µs)",
            p50,
            f"naive full replay p50 ({naive_n} queries)",
            n50,
            n50 / p50,
            target="≤ 50 µs",
            met=p50 <= 50,
        )
        self.add(
            "point as-of p99 (µs)",
            p99,
            "naive full replay p99",
            n99,
            n99 / p99,
            target="≤ 200 µs",
            met=p99 <= 200,
        )
        f50, f99 = percentile(frozen, 0.5), percentile(frozen, 0.99)
        self.add(
            "point as-of p50 / p99 after gc.freeze() (µs)",
            f50,
            "p99 after gc.freeze()",
            f99,
            None,
            target="≤ 50 / ≤ 200 µs",
            met=f50 <= 50 and f99 <= 200,
        )

    def ask(
        self, timeline: pl.Timeline, texts: Sequence[tuple[str, str]]
    ) -> tuple[list[float], list[Digest]]:
        """Time each question; keep only a digest of each answer (keeping whole states
        alive would make the harness, not the library, feed the garbage collector)."""
        latencies: list[float] = []
        answers: list[Digest] = []
        clock = time.perf_counter_ns
        for code, text in texts:
            start = clock()
            state = timeline.as_of(text).region(code).facts
            latencies.append((clock() - start) / 1000)
            answers.append((counts(state), latest_ids(state)))
            del state
        return latencies, answers

    def batch_queries(self, timeline: pl.Timeline) -> None:
        f = batch.compare(timeline)
        read = f.again + f.read
        for figure, ours, peer, theirs, target in (
            (f"batch as-of, {f.days} month-ends × {f.keys} keys, first call (s)", f.first,
             "DuckDB ASOF JOIN, 2 threads (s)", f.duckdb, "faster than DuckDB"),
            ("batch as-of, its arrays built (s)", f.again,
             "pandas.merge_asof (s)", f.pandas, "faster than pandas"),
            ("  + every answer read as lists of reports (s)", read,
             "pandas.merge_asof, its answers read alike (s)", f.pandas_read, "faster than pandas"),
            ("  + every answer read as lists of reports (s)", read,
             "pandas.merge_asof alone (s)", f.pandas, ""),
        ):  # fmt: skip
            self.add(
                figure, ours, peer, theirs, theirs / ours, target=target,
                met=ours < theirs if target else None,
            )  # fmt: skip

    def sqlite(self, timeline: pl.Timeline, floor_rate: float) -> None:
        in_order = sorted(timeline.events, key=lambda e: e.id)  # generation (file) order
        batch = self.args.batch
        store = pl.open(f"sqlite:///{self.work / 'policyline.db'}")

        def append_all() -> int:
            version = 0
            for start in range(0, len(in_order), batch):
                version = store.append(in_order[start : start + batch], expected_version=version)
            return version

        seconds, version = timed(append_all)
        check(version == self.n, "every event appended")
        self.append_rate = self.n / seconds
        load_s, loaded = timed(lambda: pl.load(store))
        store.close()
        check(loaded.events == timeline.events, "the SQLite timeline equals the JSON Lines one")
        del loaded
        self.add(
            "load SQLite → Timeline (events/s)",
            self.n / load_s,
            "orjson.loads floor (JSON Lines)",
            floor_rate,
            self.n / load_s / floor_rate,
        )

    def eventsourcing(self, view: View) -> None:
        from benchmarks import versus_eventsourcing  # it uses this module's helpers

        versus_eventsourcing.compare(self, view)


LAST_DAY_TEXT = "2100-12-31"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--queries", type=int, default=1000, help="point as-of questions")
    parser.add_argument("--naive-queries", type=int, default=0, help="0: 50 at ≤200k, else 10")
    parser.add_argument("--es-queries", type=int, default=0, help="0: 20 at ≤200k, else 5")
    parser.add_argument("--batch", type=int, default=1000, help="events per append")
    parser.add_argument("--snapshot-interval", type=int, default=100)
    parser.add_argument("--skip-eventsourcing", action="store_true")
    args = parser.parse_args(argv)
    harness = Harness(args)
    try:
        harness.run()
    finally:
        shutil.rmtree(harness.work, ignore_errors=True)
    cpu = platform.processor() or platform.machine()
    print(
        f"policyline benchmarks: {args.events:,} events, Python {platform.python_version()},"
        f" {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB,"
        f" msgspec {msgspec.__version__}"
    )
    print()
    print(render(harness.rows))
    for note in harness.notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
