"""The collector may be paused only where no reference cycles are made.

Loads, store reads, the view's indexes and streaming writes run with the cyclic garbage
collector paused (:func:`policyline._bulk.paused_gc`): millions of lasting objects would
otherwise cost pass after pass over them. That is safe only if those paths make no
reference cycles, since a cycle made while the collector is paused is kept until it runs
again; a copy of ten million events once kept every cycle its read model's upkeep made.
The law: after each bulk path, with the collector off, a full collection finds nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings

import policyline as pl
from policyline._wire import encode_line
from policyline.testing.strategies import timelines
from tests.store_backends import KINDS, new_store


@contextmanager
def no_cycles_made() -> Iterator[None]:
    """Inside the block the collector is off; at its end a collection must find nothing."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        yield
        found = gc.collect()
    finally:
        if was:
            gc.enable()
    assert found == 0, f"{found} objects in reference cycles"


def _ask(timeline: pl.Timeline) -> None:
    """A snapshot, a known-time view, and rolled-up figures of a few regions."""
    codes = sorted({e.region for e in timeline.events})[:3]
    for day in ("2005-06-30", "2020-12-31"):
        state = timeline.as_of(day)
        state.snapshot()
        timeline.as_of(day, known="2010-01-01").snapshot()
        for code in codes:
            assert state.region(code, rollup=True).statistics is not None


@settings(max_examples=60, deadline=None)
@given(timelines(sources=True))
def test_building_and_asking_a_timeline_makes_no_cycles(events: list[pl.Event]) -> None:
    """The integrity check, the view (amendments, claims, settlements), the indexes and
    as-of answers, over timelines with corrections, retractions of retractions and claims."""
    with no_cycles_made():
        _ask(pl.Timeline(events))


@pytest.mark.parametrize("kind", KINDS)
def test_every_store_writes_and_reads_without_cycles(kind: str, tmp_path: Path) -> None:
    """A copy of the corpus into each store (the read model's upkeep included), a scoped
    and a whole read, and the read model's figures."""
    corpus = Path(__file__).parents[1] / "events"
    lines = tmp_path / "all.jsonl"
    lines.write_bytes(b"".join(encode_line(e) + b"\n" for e in pl.load(corpus).events))
    with new_store(kind, tmp_path) as store, no_cycles_made():
        pl.copy(lines, store)
        pl.load(store)
        pl.load(store, region="330000")
        pl.figures(store, "2020-12-31", region="330000", rollup=True)
