"""Timing a piece of work, and stopping the run on a wrong answer."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds ``work`` took, and what it gave."""
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def check(condition: bool, what: str) -> None:
    """Stop the run if a peer's answer (or ours) is not what it must be."""
    if not condition:
        raise SystemExit(f"CROSS-CHECK FAILED: {what}")
