"""Peak memory of every door a file goes through, beside the size of the file.

Each door runs in a fresh process on the cached data set (a JSON Lines file), and the
process reports its own peak resident set size; a process that only imports policyline
is the baseline. The doors: ``pl.load``, ``policyline validate``, ``policyline append``
into a new SQLite store, ``policyline copy`` into a new SQLite store, opening the file as
a JSON Lines store, and ``validate`` and ``copy`` of a SQLite store holding the file. The
figure to watch is the peak over the baseline per input line: a door that streams stays
flat as the input grows.

    python -m benchmarks.doors --events 100000 --events 1000000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import dataset

DOORS: dict[str, str] = {
    "baseline: import policyline": "None",
    "pl.load(file)": "pl.load(FILE)",
    "policyline validate file": "main(['validate', FILE])",
    "policyline append file --store sqlite": "main(['append', FILE, '--store', 'sqlite:///' + DB])",
    "policyline copy file sqlite": "main(['copy', FILE, 'sqlite:///' + DB])",
    "pl.open(file) as a JSON Lines store": "pl.open(FILE).version",
    "policyline validate sqlite": "main(['validate', 'sqlite:///' + STORE])",
    "policyline copy sqlite sqlite": "main(['copy', 'sqlite:///' + STORE, 'sqlite:///' + DB])",
}
"""Each door as Python run in a fresh process (FILE is the input, DB a new database, STORE
a SQLite store holding FILE's events)."""

CHILD = """
import json, sys, time
from benchmarks.memory import peak_kib
import policyline as pl
from policyline._cli.main import main
FILE, DB, STORE = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
result = {door}
seconds = time.perf_counter() - start
status = result if {command} else 0
peak = peak_kib()
print(json.dumps({{"peak_kib": peak, "status": status, "seconds": seconds}}))
"""


COPY = "import sys, policyline as pl; pl.copy(sys.argv[1], sys.argv[2])"
"""Makes the SQLite store the store doors read (not measured)."""


def peak_mib(door: str, path: Path, work: Path, store: Path) -> tuple[float, float]:
    """The peak resident set (MiB) of a fresh process that runs ``door`` on ``path``, and
    the seconds the door took in it (after the import)."""
    database = work / f"door-{abs(hash(door))}.db"
    code = CHILD.format(door=DOORS[door], command=DOORS[door].startswith("main("))
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(database), str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not last.startswith("{"):
        raise SystemExit(f"{door} failed:\n{done.stdout}\n{done.stderr}")
    report = json.loads(last)
    if report["status"] != 0:
        raise SystemExit(f"{door} exited {report['status']}:\n{done.stderr}")
    for leftover in (database, *database.parent.glob(f"{database.name}-*")):
        leftover.unlink(missing_ok=True)
    return float(report["peak_kib"]) / 1024, float(report["seconds"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, action="append", help="input size (repeatable)")
    args = parser.parse_args(argv)
    sizes = args.events or [100_000]
    print(
        "| door | input lines | input MB | peak RSS (MiB) | over baseline (MiB) | bytes/line"
        " | seconds | lines/s |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for size in sizes:
            path = dataset(size)
            megabytes = path.stat().st_size / 1e6
            store = work / f"store-{size}.db"
            subprocess.run(
                [sys.executable, "-c", COPY, str(path), f"sqlite:///{store}"], check=True
            )
            baseline, _ = peak_mib("baseline: import policyline", path, work, store)
            for door in DOORS:
                if door.startswith("baseline"):
                    print(
                        f"| {door} | {size:,} | {megabytes:.0f} | {baseline:,.0f} | 0 | 0 | – | – |"
                    )
                    continue
                peak, seconds = peak_mib(door, path, work, store)
                over = peak - baseline
                per_line = over * 1024 * 1024 / size
                print(
                    f"| {door} | {size:,} | {megabytes:.0f} | {peak:,.0f} | {over:,.0f} |"
                    f" {per_line:,.0f} | {seconds:.1f} | {size / seconds:,.0f} |"
                )


if __name__ == "__main__":
    main()
