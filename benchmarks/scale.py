"""Issue 15's figures in one command: what a person waits for, by store size, each with its
ratio and target, and a picture of how they grow.

    python -m benchmarks.scale --events 10000 --events 100000 --events 1000000 \\
        [--events 3000000] [--postgres URL] [--plot docs/scaling.png]

For each size of the synthetic data set, in fresh processes (so that no figure inherits
another's memory or collector):

- the cold commands of :mod:`benchmarks.commands` on SQLite (and PostgreSQL with
  ``--postgres``, at sizes up to ``--postgres-up-to``), against the import floor and the
  same command at the smallest size;
- ``pl.copy`` of the JSON Lines file into a new SQLite store: events/s and peak memory;
- ``pl.load`` of the file, the index of every region, memory held per event, point as-of
  p50, against the ``orjson.loads`` list-parse floor of the same file; ``pl.load`` of the
  SQLite store against the same floor;
- with ``--postgres``, at the largest size up to 1,000,000: 8 readers asking one question
  each at a time (a county's scoped read and its figures) while a writer appends batches,
  against one reader alone;
- at sizes up to 1,000,000, batch as-of (:mod:`benchmarks.batch`): the first call, once
  built, every answer read, against ``pandas.merge_asof`` and DuckDB's ``ASOF JOIN`` given
  the same reports, every cell cross-checked.

With ``--national`` every size's events are filed in all 3,214 units of China's current
list (2,846 county-level) instead of the corpus's 104: the national-scale run. Above
3,000,000 events the orjson floor parses the file 3,000,000 lines at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks import commands
from benchmarks.generate import dataset

LOAD = """
import gc, json, random, sys, time
from pathlib import Path
import psutil
import policyline as pl
from benchmarks.batch import compare
from benchmarks.run import orjson_floor
BATCH_UP_TO = 1_000_000  # above it the peers' cell-by-cell check would take minutes
path, store, floor_chunk = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
process = psutil.Process()
base = process.memory_info().rss
start = time.perf_counter()
timeline = pl.load(path)
load_s = time.perf_counter() - start
start = time.perf_counter()
timeline.as_of("2025-12-31").snapshot()
index_s = time.perf_counter() - start
held = process.memory_info().rss - base
codes = sorted(timeline._view(None).regions)
rng = random.Random(1)
asked = [(rng.choice(codes), f"{rng.randint(1990, 2025)}-06-30") for _ in range(2000)]
latencies = []
for code, day in asked:
    start = time.perf_counter()
    timeline.as_of(day).region(code).facts
    latencies.append(time.perf_counter() - start)
count = len(timeline)
batch = vars(compare(timeline)) if count <= BATCH_UP_TO else None
del timeline  # the next figures need the memory at ten million
gc.collect()
floor_s, _ = orjson_floor(path, floor_chunk or None)
start = time.perf_counter()
again = pl.load(store)
sqlite_s = time.perf_counter() - start
assert len(again) == count
print(json.dumps({"load": load_s, "index": index_s, "held": held, "floor": floor_s,
                  "sqlite": sqlite_s, "p50": sorted(latencies)[len(latencies) // 2],
                  "batch": batch}))
"""
COPY = """
import json, sys, time
from benchmarks.memory import peak_kib
import policyline as pl
start = time.perf_counter()
pl.copy(sys.argv[1], "sqlite:///" + sys.argv[2])
seconds = time.perf_counter() - start
peak = peak_kib() / 1024
print(json.dumps({"seconds": seconds, "peak": peak}))
"""
READER = """
import json, sys, time
import policyline as pl
url, county, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
latencies = []
for number in range(count):
    start = time.perf_counter()
    state = pl.load(url, region=county).as_of(f"{1995 + number % 30}-06-30")
    list(state.region(county).statistics)
    latencies.append(time.perf_counter() - start)
print(json.dumps(latencies))
"""
WRITER = """
import sys, attrs
import policyline as pl
from benchmarks.generate import events
url, prefix = sys.argv[1], sys.argv[2]
keep = (pl.Corrected, pl.Retracted, pl.PolicyRepealed)
fresh = (attrs.evolve(e, id=prefix + e.id) for e in events(1_000_000, seed=7)
         if not isinstance(e, keep) and not getattr(e, "covers", ()))
with pl.open(url) as store:
    batch = []
    for event in fresh:
        batch.append(event)
        if len(batch) == 1000:
            store.append(batch)
            batch = []
            sys.stdout.write(".")
            sys.stdout.flush()
"""


FLOOR_CHUNK = 3_000_000
"""Above this many events the orjson floor parses the file this many lines at a time (a
list of ten million parsed events would not fit beside the figures' own memory)."""


def child(code: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
        env=commands.environment(),
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"a child failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def concurrency(url: str, readers: int, questions: int) -> tuple[float, float, int]:
    """p50 seconds of a lone reader, p50 of ``readers`` readers while one writer appends,
    and how many batches the writer appended meanwhile."""
    county = "330723"
    lone: list[float] = child(READER, url, county, str(questions))  # type: ignore[assignment]
    prefix = f"w{os.getpid()}-"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, prefix], stdout=subprocess.PIPE, text=True,
        env=commands.environment(),
    )  # fmt: skip
    crowd = [
        subprocess.Popen(
            [sys.executable, "-c", READER, url, county, str(questions)],
            stdout=subprocess.PIPE,
            text=True,
            env=commands.environment(),
        )
        for _ in range(readers)
    ]
    together: list[float] = []
    for reader in crowd:
        out, _ = reader.communicate()
        if reader.returncode != 0:
            raise SystemExit("a reader failed (see its error above)")
        together.extend(json.loads(out.strip().splitlines()[-1]))
    writer.terminate()
    written, _ = writer.communicate()
    return statistics.median(lone), statistics.median(together), written.count(".")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--events", type=int, action="append", help="a size (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per command")
    parser.add_argument("--postgres", metavar="URL", help="an empty database: PostgreSQL too")
    parser.add_argument(
        "--postgres-up-to", type=int, metavar="N", help="PostgreSQL only at sizes up to N"
    )
    parser.add_argument("--plot", metavar="FILE", help="draw the figures by size (PNG)")
    parser.add_argument("--src", help="time another checkout's src directory")
    parser.add_argument("--save", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--replot", metavar="FILE", help="only draw the figures a run saved")
    parser.add_argument(
        "--national", action="store_true", help="events in all 3,214 units of China, not 104"
    )
    args = parser.parse_args(argv)
    if args.replot:
        draw(*saved(Path(args.replot)), Path(args.plot or "scaling.png"))
        return
    if args.src:
        commands.SOURCE["PYTHONPATH"] = str(Path(args.src).resolve())
    commands.compile_sources()
    sizes = sorted(args.events or [10_000, 100_000, 1_000_000])
    rows: dict[str, dict[int, float]] = {}
    memory: dict[str, dict[int, float]] = {}

    def put(name: str, size: int, seconds: float, mib: float | None = None) -> None:
        rows.setdefault(name, {})[size] = seconds
        if mib is not None:
            memory.setdefault(name, {})[size] = mib

    national = args.national
    for size in sizes:
        source = dataset(size, national=national)
        print(f"{size:,} events: copy", file=sys.stderr)
        with tempfile.TemporaryDirectory(dir=source.parent) as work:
            made = Path(work) / "copy.db"
            copied = child(COPY, str(source), str(made))
            store = commands.store_for(size, national=national, made=made)
        assert isinstance(copied, dict)
        put("copy file → SQLite", size, copied["seconds"], copied["peak"])
        print(f"{size:,} events: commands", file=sys.stderr)
        put("import policyline (floor)", size, *commands.measure(commands.IMPORT_ONLY, args.runs))
        stores = [("SQLite", f"sqlite:///{store}")]
        if args.postgres and size <= (args.postgres_up_to or size):
            stores.append(
                ("PostgreSQL", commands.postgres_store_for(size, args.postgres, national=national))
            )
        for kind, url in stores:
            for name, typed in commands.COMMANDS.items():
                asked = json.dumps([*typed, "--store", url])
                put(f"{name}, {kind}", size, *commands.measure(commands.COMMAND, args.runs, asked))
        print(f"{size:,} events: load", file=sys.stderr)
        floor_chunk = FLOOR_CHUNK if size > FLOOR_CHUNK else 0
        loaded = child(LOAD, str(source), f"sqlite:///{store}", str(floor_chunk))
        assert isinstance(loaded, dict)
        put("load file → Timeline", size, loaded["load"])
        put("orjson floor of the file", size, loaded["floor"])
        put("load SQLite → Timeline", size, loaded["sqlite"])
        put("index every region (first as-of)", size, loaded["index"])
        put("point as-of p50, in process (µs)", size, loaded["p50"] * 1e6)
        memory.setdefault("held after load + index (bytes/event)", {})[size] = loaded["held"] / size
        if loaded["batch"]:
            batch = {**loaded["batch"], "read": loaded["batch"]["again"] + loaded["batch"]["read"]}
            for name, key in BATCH_ROWS.items():
                put(name, size, batch[key])
    report(sizes, rows, memory)
    if args.postgres:
        at = max([s for s in sizes if s <= 1_000_000] or [sizes[0]])
        url = commands.postgres_store_for(at, args.postgres, national=national)
        lone, crowd, batches = concurrency(url, readers=8, questions=20)
        print(
            f"\nPostgreSQL, {at:,} events: a county's question p50 {lone:.3f} s alone,"
            f" {crowd:.3f} s among 8 readers while a writer appended {batches} batches of"
            f" 1,000: {crowd / lone:.2f}× (target ≤ 2×: {'met' if crowd <= 2 * lone else 'missed'})"
        )
    if args.save:
        data = {"sizes": sizes, "rows": rows, "memory": memory}
        Path(args.save).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    if args.plot:
        draw(sizes, rows, Path(args.plot))


BATCH_ROWS = {
    "batch as-of, first call": "first",
    "batch as-of, arrays built": "again",
    "batch as-of, arrays built + every answer read": "read",
    "pandas.merge_asof (peer)": "pandas",
    "pandas.merge_asof, answers read alike (peer)": "pandas_read",
    "DuckDB ASOF JOIN, 2 threads (peer)": "duckdb",
}
"""Batch as-of (:mod:`benchmarks.batch`), at sizes up to a million: 432 month-ends of
every (region, statistic), the peers given the same reports."""


def report(
    sizes: list[int], rows: dict[str, dict[int, float]], memory: dict[str, dict[int, float]]
) -> None:
    smallest, largest = sizes[0], sizes[-1]
    floor = rows["import policyline (floor)"]
    print("cold processes: median seconds (peak MiB); ratios in this run")
    print(" | ".join(["figure", *(f"{n:,}" for n in sizes), f"{largest:,} / {smallest:,}"]))
    for name, by_size in rows.items():
        cells = []
        for n in sizes:
            mib = memory.get(name, {}).get(n)
            shown = "–" if n not in by_size else f"{by_size[n]:.3f}"
            cells.append(shown + ("" if mib is None else f" ({mib:.0f})"))
        reached = max(by_size)
        growth = f"{by_size[reached] / by_size[smallest]:.2f}" + (
            "" if reached == largest else f" (at {reached:,})"
        )
        print(" | ".join([name, *cells, growth]))
    print("\nratios:")
    for name in rows:
        if name.startswith(COMMAND_NAMES):
            shown = ", ".join(f"{rows[name][n] / floor[n]:.2f}" for n in sizes if n in rows[name])
            print(f"  {name} / import floor: {shown}")
    for n in sizes:
        load = rows["orjson floor of the file"][n] / rows["load file → Timeline"][n]
        sqlite = rows["orjson floor of the file"][n] / rows["load SQLite → Timeline"][n]
        rate = n / rows["copy file → SQLite"][n]
        held = memory["held after load + index (bytes/event)"][n]
        print(
            f"  {n:,}: load file {load:.2f}× the orjson floor (target ≥ 1.5), SQLite → timeline"
            f" {sqlite:.2f}× (target ≥ 1), copy {rate:,.0f} events/s (target ≥ 100,000),"
            f" {memory['copy file → SQLite'][n]:.0f} MiB (target ≤ 600), held {held:.0f}"
            " bytes/event (target ≤ 500 at 1M)"
        )
        if n in rows["batch as-of, first call"]:
            first, built, read, pandas, pandas_read, duck = (rows[name][n] for name in BATCH_ROWS)
            print(
                f"  {n:,}: batch as-of first call {duck / first:.2f}× DuckDB (target > 1), once"
                f" built {pandas / built:.2f}× pandas (target > 1), every answer read"
                f" {pandas_read / read:.2f}× pandas with its answers read alike"
                f" (target > 1), {pandas / read:.2f}× merge_asof alone"
            )


COMMAND_NAMES = tuple(commands.COMMANDS)


def draw(sizes: list[int], rows: dict[str, dict[int, float]], path: Path) -> None:
    """Two panels, log-log: each command in a fresh process (one colour per command,
    solid on SQLite, dashed on PostgreSQL, the import floor dotted), and what runs in one
    process (load, copy, index) against the orjson floor."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (cold, inside) = plt.subplots(1, 2, figsize=(15, 6.5), dpi=110)
    colours = plt.get_cmap("tab10").colors
    for number, command in enumerate(COMMAND_NAMES):
        for store, style in (("SQLite", "-"), ("PostgreSQL", "--")):
            by_size = rows.get(f"{command}, {store}")
            if by_size:
                cold.plot(list(by_size), list(by_size.values()), style, marker="o",
                          color=colours[number], label=f"{command} ({store})")  # fmt: skip
    others = [
        name
        for name in rows
        if not name.startswith(COMMAND_NAMES) and "µs" not in name and name not in BATCH_ROWS
    ]
    for number, name in enumerate(others):
        axes = cold if name.startswith("import") else inside
        floor = "floor" in name
        axes.plot(sizes, [rows[name][n] for n in sizes], ":" if floor else "-", marker="o",
                  color="grey" if floor else colours[(number + 4) % len(colours)],
                  linewidth=2.5 if floor else 1.5, label=name)  # fmt: skip
    for axes, title in (
        (cold, "a command in a fresh process (SQLite solid, PostgreSQL dashed)"),
        (inside, "in one process: the whole store"),
    ):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("events in the store (log)")
        axes.set_ylabel("seconds (log)")
        axes.set_title(title, fontsize=10)
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize=7, loc="upper left")
    figure.suptitle("policyline: what a question costs as the store grows")
    figure.tight_layout()
    figure.savefig(path)
    print(f"\ndrawn: {path}")


def saved(path: Path) -> tuple[list[int], dict[str, dict[int, float]]]:
    """The sizes and figures a run saved with ``--save``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = {name: {int(n): v for n, v in by.items()} for name, by in data["rows"].items()}
    return [int(n) for n in data["sizes"]], rows


if __name__ == "__main__":
    main()
