"""The performance harness runs end to end on a small timeline (speed is not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _benchmark(module: str, *args: str) -> str:
    """What ``python -m benchmarks.MODULE ARGS`` prints; it must exit 0."""
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_the_harness_runs_and_every_peer_agrees() -> None:
    """`python -m benchmarks.run` at 2,000 events exits 0 and prints every row; it stops
    with CROSS-CHECK FAILED if any peer's answers differ from policyline's, so a wrong
    fast answer fails this test. Timings are printed, never checked."""
    printed = _benchmark("run", "--events", "2000")
    assert "CROSS-CHECK FAILED" not in printed
    for row in (
        "load JSON Lines → Timeline",
        "replay, all built-in projections",
        "point as-of p50",
        "batch as-of",
        "its answers read alike",
        "SQLite append",
        "memory held",
    ):
        assert row in printed


def test_the_door_memory_benchmark_runs() -> None:
    """`python -m benchmarks.doors` at 2,000 events measures every door (memory is
    printed, never asserted)."""
    printed = _benchmark("doors", "--events", "2000")
    for door in ("pl.load(file)", "validate", "append", "copy", "JSON Lines store"):
        assert door in printed


def _worktrees() -> list[str]:
    listed = subprocess.run(
        ["git", "worktree", "list"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return listed.stdout.strip().splitlines()


def test_the_before_and_after_benchmark_runs() -> None:
    """`python -m benchmarks.revisions` compares the doors on a revision (here HEAD) and
    the working tree, and removes the worktree it made."""
    before = _worktrees()
    printed = _benchmark("revisions", "--base", "HEAD", "--events", "2000", "--runs", "1")
    for door in ("pl.load(file)", "validate", "copy", "JSON Lines store", "ratio of medians"):
        assert door in printed
    assert _worktrees() == before


def test_the_command_latency_benchmark_runs() -> None:
    """`python -m benchmarks.commands` at 2,000 events times every command in fresh
    processes against its floors (times are printed, never asserted)."""
    printed = _benchmark("commands", "--events", "2000", "--runs", "1")
    for row in ("import policyline (floor)", "asof one county", "history of a county"):
        assert row in printed


def test_the_scale_benchmark_runs_and_draws(tmp_path: Path) -> None:
    """`python -m benchmarks.scale` at 2,000 events times the commands, copy, load and
    batch as-of (its peers cross-checked), prints their ratios and targets, and draws the
    picture (times never asserted)."""
    picture = tmp_path / "scaling.png"
    printed = _benchmark("scale", "--events", "2000", "--runs", "1", "--plot", str(picture))
    for row in (
        "the province's figures, rolled up, SQLite",
        "copy file → SQLite",
        "load SQLite → Timeline",
        "the orjson floor",
        "bytes/event",
        "batch as-of, first call",
        "pandas.merge_asof, answers read alike (peer)",
        "DuckDB ASOF JOIN",
        "× DuckDB (target > 1)",
    ):
        assert row in printed
    assert "CROSS-CHECK FAILED" not in printed
    assert picture.read_bytes().startswith(b"\x89PNG")
