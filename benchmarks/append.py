"""Micro-benchmark of the SQLite batched append against eventsourcing's SQLite store.

The same work as the append row of ``benchmarks.run``: every event of the cached data set,
in file order, ``store.append(batch, expected_version=...)`` in batches into a fresh
SQLite file; and the same facts saved through eventsourcing (one aggregate per region, in
replay order, the same batch size). Both run in this process; the ratio is what counts.

    python -m benchmarks.append --events 100000 --events 1000000
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import policyline as pl
from benchmarks import peers
from benchmarks.generate import dataset


def ours(events: Sequence[pl.Event], work: Path, batch: int) -> float:
    """Events per second through ``SQLiteStore.append``."""
    in_order = sorted(events, key=lambda e: e.id)  # generation (file) order
    store = pl.open(f"sqlite:///{work / 'policyline.db'}")
    try:
        gc.collect()
        start = time.perf_counter()
        version = 0
        for first in range(0, len(in_order), batch):
            version = store.append(in_order[first : first + batch], expected_version=version)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    if version != len(in_order):
        raise SystemExit(f"appended {version} of {len(in_order)} events")
    return len(in_order) / seconds


def theirs(timeline: pl.Timeline, work: Path, batch: int) -> float:
    """Events per second through eventsourcing's SQLite store, as ``benchmarks.run`` does."""
    view = timeline._view(None)
    regions = {code: index.events for code, index in view.regions.items()}
    order = peers.replay_order(regions)
    app = peers.eventsourcing_app(work / "eventsourcing.db", snapshots=False)
    gc.collect()
    seconds, recorded = peers.eventsourcing_append(app, regions, order, batch)
    return recorded / seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.append", description=__doc__)
    parser.add_argument("--events", type=int, action="append", help="repeatable; default 100k")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--batch", type=int, default=1000, help="events per append")
    parser.add_argument("--skip-eventsourcing", action="store_true")
    args = parser.parse_args(argv)
    print("events     policyline/s  eventsourcing/s  ratio")
    for n in args.events or [100_000]:
        timeline = pl.load(dataset(n, seed=args.seed))
        with tempfile.TemporaryDirectory(prefix="policyline-append-") as tmp:
            work = Path(tmp)
            rate = ours(timeline.events, work, args.batch)
            if args.skip_eventsourcing:
                print(f"{n:>9,}  {rate:>12,.0f}  {'-':>15}  -", flush=True)
                continue
            peer = theirs(timeline, work, args.batch)
        print(f"{n:>9,}  {rate:>12,.0f}  {peer:>15,.0f}  {rate / peer:.2f}×", flush=True)
        del timeline
    sys.stdout.flush()


if __name__ == "__main__":
    main()
