"""The harness's rows against the ``eventsourcing`` library: appends to its SQLite
recorder, replay of one aggregate per region (with and without snapshots), and point
as-of as ``repository.get(id, version=…)``; every answer is checked against policyline's."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from benchmarks import peers
from benchmarks.measure import check, timed
from benchmarks.run import LAST_DAY, counts, latest_ids, percentile
from policyline._view import View

if TYPE_CHECKING:
    from benchmarks.run import Harness


def compare(harness: Harness, view: View) -> None:
    """Append, replay and point as-of against eventsourcing's SQLite recorder, each of
    its answers checked against policyline's; the rows go into ``harness``."""
    regions = {code: index.events for code, index in view.regions.items()}
    order = peers.replay_order(regions)
    db = harness.work / "eventsourcing.db"
    app = peers.eventsourcing_app(db, snapshots=False)
    append_s, recorded = peers.eventsourcing_append(app, regions, order, harness.args.batch)
    harness.log(f"eventsourcing append {append_s:.1f}s")
    es_append = recorded / append_s
    _faster(
        harness,
        f"SQLite append, batches of {harness.args.batch} (events/s)",
        harness.append_rate,
        "eventsourcing SQLite save (events/s)",
        es_append,
        4,
    )
    replay_s, aggregates = peers.replay_all(app, regions)
    for code, aggregate in aggregates.items():
        final = harness.finals[code]
        check(aggregate.counts.get("StatisticReported", 0) >= 0, "aggregate")
        theirs = {k: v for k, v in aggregate.counts.items() if k != "StatisticReported"}
        check(theirs == counts(final), f"eventsourcing replay counts of {code}")
        check(aggregate.latest == latest_ids(final), f"eventsourcing statistics of {code}")
    es_replay = recorded / replay_s
    harness.log(f"eventsourcing replay {replay_s:.1f}s")
    snap = peers.eventsourcing_app(db, snapshots=True)
    versions = {code: len(events) + 1 for code, events in regions.items()}
    snap_s = peers.snapshot_every(snap, versions, harness.args.snapshot_interval)
    harness.log(f"eventsourcing snapshots {snap_s:.1f}s")
    snap_replay_s, snapped_finals = peers.replay_all(snap, regions)
    for code, aggregate in snapped_finals.items():
        check(aggregate.latest == latest_ids(harness.finals[code]), f"snapshot replay {code}")
    view._cache.clear()
    ours_s, _ = timed(lambda: [view.state(code, LAST_DAY + 10**5) for code in regions])
    _faster(
        harness,
        "replay, all built-in projections (events/s)",
        harness.replay_rate,
        "eventsourcing replay from SQLite, no snapshots",
        es_replay,
        20,
    )
    harness.add(
        "final state of every region from the index (ms)",
        ours_s * 1000,
        f"eventsourcing replay, snapshots every {harness.args.snapshot_interval} (ms)",
        snap_replay_s * 1000,
        snap_replay_s / ours_s,
    )
    # Point as-of: repository.get(id, version=...) for the same questions.
    plain_n = harness.args.es_queries or (20 if harness.n <= 200_000 else 5)
    snap_n = plain_n * 10
    plain: list[float] = []
    snapped: list[float] = []
    questions = list(zip(harness.queries, harness.point_answers, strict=True))
    for number, ((code, day), expected) in enumerate(questions[:snap_n]):
        version = 1 + view.region_index(code).certain_count(day)
        apps = [(snap, snapped)] + ([(app, plain)] if number < plain_n else [])
        for application, sink in apps:
            start = time.perf_counter()
            aggregate = peers.get_at(application, code, version)
            sink.append((time.perf_counter() - start) * 1e6)
            theirs = {k: v for k, v in aggregate.counts.items() if k != "StatisticReported"}
            check(theirs == expected[0], f"eventsourcing get-at-version {code} {day}")
            check(aggregate.latest == expected[1], f"eventsourcing stats {code}")
    p50 = harness.point_p50
    harness.add(
        "point as-of p50 (µs)",
        p50,
        f"eventsourcing get(version=…) p50, no snapshots ({plain_n} queries)",
        percentile(plain, 0.5),
        percentile(plain, 0.5) / p50,
    )
    harness.add(
        "point as-of p50 (µs)",
        p50,
        f"eventsourcing get(version=…) p50, snapshots ({snap_n} queries)",
        percentile(snapped, 0.5),
        percentile(snapped, 0.5) / p50,
        target="≥ 30×",
        met=percentile(snapped, 0.5) / p50 >= 30,
    )
    harness.notes.append(
        f"eventsourcing: {recorded:,} aggregate events (facts per region + one creation"
        f" each); taking snapshots every {harness.args.snapshot_interval} took {snap_s:.1f} s."
    )


def _faster(
    harness: Harness, figure: str, ours: float, peer: str, theirs: float, at_least: float
) -> None:
    """A row of two rates, met when ours is at least ``at_least`` times theirs."""
    ratio = ours / theirs
    harness.add(figure, ours, peer, theirs, ratio, target=f"≥ {at_least:g}×", met=ratio >= at_least)
