"""Cold-process command latency: what a person waits for, one question per command.

Each command runs in a fresh Python process against a SQLite store holding the cached
synthetic data set of each size (built once, beside the data set), and the process
reports the seconds from before ``import policyline`` to the answer, and its peak
resident set. Peers in the same run: a process that only imports policyline (the floor
of any command), and one that reads the asked county's rows with ``sqlite3`` and parses
their JSON (the floor of a scoped read). Medians of ``--runs`` runs; the ratios are what
to compare across machines: a command against the same command at the smallest size
(flat in store size is 1.0), and against the two floors.

    python -m benchmarks.commands --events 10000 --events 100000 --events 1000000

``--src DIR`` runs the commands of another checkout's ``src`` (e.g. a ``git worktree`` of
the revision before a change) against the same stores: the before-and-after figures.
``--postgres URL`` (an empty database) times the same commands on PostgreSQL too, each
size copied into a schema of its own (kept for the next run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import dataset

COMMANDS: dict[str, list[str]] = {
    "asof one county": ["asof", "2015-06-30", "--region", "武义"],
    "asof a city, rolled up": ["asof", "2015-06-30", "--region", "金华", "--rollup"],
    "history of a county": ["history", "武义", "首席质量官"],
    "explain in a county": ["explain", "武义", "首席质量官", "--on", "2015-06-30"],
    "the province's figures, rolled up": [
        *("asof", "2015-06-30", "--region", "浙江", "--rollup", "--format", "csv"),
    ],
    "every region's figures": ["asof", "2015-06-30", "--format", "csv"],
}
"""The commands timed, as typed after ``policyline`` (``--store`` is added)."""

CHILD = """
import json, sys, time
from benchmarks.memory import peak_kib
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
peak = peak_kib()
print(json.dumps({{"seconds": seconds, "peak_kib": peak}}))
"""
IMPORT_ONLY = "import policyline"
COMMAND = """
import contextlib, io
from policyline._cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(json.loads(sys.argv[1]))
assert status in (0, 1), status
"""
SQLITE_FLOOR = """
import sqlite3
rows = sqlite3.connect(sys.argv[2]).execute(
    "SELECT e.body FROM policyline_events e JOIN policyline_event_regions r"
    " ON r.position = e.position WHERE r.region = '330723'"
).fetchall()
parsed = [json.loads(body) for (body,) in rows]
"""


def store_for(size: int, *, national: bool = False, made: Path | None = None) -> Path:
    """A SQLite store of the data set of ``size`` events (made once, in a child process,
    or ``made``: a copy of it just made, moved into the cache), with its read model (made
    again if a store cached before it has none)."""
    source = dataset(size, national=national)
    path = source.with_name(source.stem + ".db")
    if not path.exists() and made is not None:
        made.rename(path)
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        code = "import sys, policyline as pl; pl.copy(sys.argv[1], 'sqlite:///' + sys.argv[2])"
        subprocess.run([sys.executable, "-c", code, str(source), str(partial)], check=True)
        partial.rename(path)
    code = (
        "import sys, policyline as pl\n"
        "with pl.open('sqlite:///' + sys.argv[1]) as store:\n"
        "    if not store.figures_by_model:\n"
        "        store.rebuild()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    return path


SOURCE: dict[str, str] = {}
"""The environment of the children: PYTHONPATH set to ``--src`` if given."""


def environment() -> dict[str, str]:
    """The children's environment: this one with :data:`SOURCE`, and bytecode cached as
    an installed package has it (without, every cold process compiles every module)."""
    kept = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return kept | SOURCE


def compile_sources() -> None:
    """Write the bytecode of the policyline the children import, once, before timing."""
    import compileall

    import policyline

    where = SOURCE.get("PYTHONPATH")
    folder = Path(where) / "policyline" if where else Path(policyline.__file__).parent
    compileall.compile_dir(str(folder), quiet=1)


def postgres_store_for(size: int, base: str, *, national: bool = False) -> str:
    """A PostgreSQL store of the data set of ``size`` events, in schema ``bench_N`` (or
    ``bench_national_N``)."""
    import psycopg

    schema = f"bench_{'national_' if national else ''}{size}"
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as admin:
        found = admin.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (schema,)
        ).fetchone()
        if found is None:
            admin.execute(f"CREATE SCHEMA {schema}")
    code = (
        "import sys, policyline as pl\n"
        "with pl.open(sys.argv[2]) as store:\n"
        "    empty = store.version == 0\n"
        "if empty:\n"
        "    pl.copy(sys.argv[1], sys.argv[2])"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(dataset(size, national=national)), url], check=True
    )
    return url


def _child(body: str, *args: str) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(body=body), *args],
        capture_output=True,
        text=True,
        check=False,
        env=environment(),
    )
    if done.returncode != 0:
        raise SystemExit(f"a child failed:\n{done.stdout}\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return float(report["seconds"]), float(report["peak_kib"]) / 1024


def measure(body: str, runs: int, *args: str) -> tuple[float, float]:
    """Median seconds and the largest peak (MiB) of ``runs`` fresh processes."""
    found = [_child(body, *args) for _ in range(runs)]
    return statistics.median(s for s, _ in found), max(m for _, m in found)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, action="append", help="store size (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure")
    parser.add_argument("--src", help="run the commands of another checkout's src directory")
    parser.add_argument("--postgres", metavar="URL", help="an empty database: PostgreSQL too")
    args = parser.parse_args(argv)
    if args.src:
        SOURCE["PYTHONPATH"] = str(Path(args.src).resolve())
    compile_sources()
    sizes = sorted(args.events or [10_000, 100_000])
    results: dict[str, dict[int, tuple[float, float]]] = {}
    for size in sizes:
        store = store_for(size)
        url = f"sqlite:///{store}"
        results.setdefault("import policyline (floor)", {})[size] = measure(IMPORT_ONLY, args.runs)
        results.setdefault("sqlite3 + json of the county (floor)", {})[size] = measure(
            SQLITE_FLOOR, args.runs, "[]", str(store)
        )
        stores = [("", url)]
        if args.postgres:
            stores.append((" (PostgreSQL)", postgres_store_for(size, args.postgres)))
        for suffix, location in stores:
            for name, command in COMMANDS.items():
                typed = json.dumps([*command, "--store", location])
                results.setdefault(name + suffix, {})[size] = measure(COMMAND, args.runs, typed)
    smallest = sizes[0]
    print(f"cold processes, median of {args.runs}; SQLite store; ratios in this run")
    if args.src:
        print(f"policyline from {args.src}")
    header = ["figure", *(f"{n:,} events: s (MiB)" for n in sizes), f"largest / {smallest:,}"]
    print(" | ".join(header))
    for name, by_size in results.items():
        cells = [f"{by_size[n][0]:.2f} ({by_size[n][1]:.0f})" for n in sizes]
        flat = by_size[sizes[-1]][0] / by_size[smallest][0]
        print(" | ".join([name, *cells, f"{flat:.2f}"]))
    floor = results["import policyline (floor)"]
    print("\ncommand / import floor, by size:")
    for name in (n for n in results if "floor" not in n):
        ratios = [results[name][n][0] / floor[n][0] for n in sizes]
        print(f"  {name}: " + ", ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
