"""Before and after: the doors of ``benchmarks.doors`` timed on another revision and on
the working tree, in fresh processes run alternately (so the machine's swings fall on
both), with each side's peak memory and the ratio of medians.

    python -m benchmarks.revisions --base HEAD~1 --events 100000 --runs 3

The base revision is checked out into a temporary git worktree and imported from there
(``PYTHONPATH``); both sides run on the same cached data set.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.doors import CHILD, DOORS
from benchmarks.generate import dataset

_ROOT = Path(__file__).resolve().parent.parent
_TIMED = ("pl.load(file)", "policyline validate file", "policyline copy file sqlite",
          "pl.open(file) as a JSON Lines store")  # fmt: skip
"""The doors timed (those that read only the input file)."""


def _run(door: str, source: Path, path: Path, work: Path) -> tuple[float, float]:
    database = work / "door.db"
    code = CHILD.format(door=DOORS[door], command=DOORS[door].startswith("main("))
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(database), str(database)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(source)},
    )  # fmt: skip
    for leftover in work.glob("door.db*"):
        leftover.unlink()
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not last.startswith("{"):
        raise SystemExit(f"{door} failed on {source}:\n{done.stdout}\n{done.stderr}")
    report = json.loads(last)
    return float(report["seconds"]), float(report["peak_kib"]) / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the revision to compare with")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = dataset(args.events)
    with tempfile.TemporaryDirectory() as scratch:
        work, tree = Path(scratch), Path(scratch) / "base"
        subprocess.run(
            ["git", "-C", str(_ROOT), "worktree", "add", "-q", "--detach", str(tree), args.base],
            check=True,
        )
        try:
            sides = {"base": tree / "src", "now": _ROOT / "src"}
            found: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for _ in range(args.runs):
                for door in _TIMED:
                    for side, source in sides.items():
                        found.setdefault((door, side), []).append(_run(door, source, path, work))
        finally:
            subprocess.run(
                ["git", "-C", str(_ROOT), "worktree", "remove", "--force", str(tree)], check=True
            )
    print(f"| door ({args.events:,} lines) | {args.base}: seconds | now: seconds | ratio of"
          " medians | peak MiB, base → now |")  # fmt: skip
    print("|---|---|---|--:|---|")
    for door in _TIMED:
        base, now = found[(door, "base")], found[(door, "now")]
        shown = [", ".join(f"{s:.2f}" for s, _ in sorted(side)) for side in (base, now)]
        ratio = statistics.median(s for s, _ in now) / statistics.median(s for s, _ in base)
        memory = f"{max(m for _, m in base):.0f} → {max(m for _, m in now):.0f}"
        print(f"| {door} | {shown[0]} | {shown[1]} | {ratio:.2f} | {memory} |")


if __name__ == "__main__":
    main()
