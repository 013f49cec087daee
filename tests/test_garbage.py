"""The collector may be paused only where no reference cycles are made.

Loads, store reads, the view's indexes and streaming writes run with the cyclic garbage
collector paused (:func:`policyline._bulk.paused_gc`): millions of lasting objects would
otherwise cost pass after pass over them. That is safe only if those paths make no
reference cycles, since a cycle made while the collector is paused is kept until it runs
again; a copy of ten million events once kept every cycle its read model's upkeep made.
The law: after each bulk path, with the collector off, a full collection finds nothing.

And a pause that made many objects ends with them in the oldest generation, so that the
next question does not pay the young collections' walks over all of them; unless the
caller has frozen objects, which must stay frozen.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings

import policyline as pl
from policyline import _bulk
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


@contextmanager
def collector_on(promote_after: int) -> Iterator[None]:
    """The collector on, young generations emptied, pauses promoting from ``promote_after``."""
    was, threshold = gc.isenabled(), _bulk.PROMOTE_AFTER
    gc.enable()
    gc.collect()
    _bulk.PROMOTE_AFTER = promote_after
    try:
        yield
    finally:
        _bulk.PROMOTE_AFTER = threshold
        if not was:
            gc.disable()


def _young() -> set[int]:
    return {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}


@settings(max_examples=30, deadline=None)
@given(timelines(sources=True))
def test_what_a_load_made_starts_in_the_oldest_generation(events: list[pl.Event]) -> None:
    """Events decoded from a file and indexed, in pauses: none of them, nor its source,
    is left in a young generation."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        path.write_bytes(b"".join(encode_line(e) + b"\n" for e in events))
        with collector_on(promote_after=1):
            timeline = pl.load(path)
            timeline.as_of("2020-12-31").snapshot()
            young = _young()
    made = [o for e in timeline.events for o in (e, e.source)]
    assert not [o for o in made if id(o) in young]


def test_a_small_pause_leaves_the_generations_alone() -> None:
    """Below the threshold nothing moves: the caller's young objects stay young."""
    with collector_on(promote_after=10**9):
        mine: list[list[int]] = [[] for _ in range(50)]
        with _bulk.paused_gc():
            pass
        young = _young()
    assert all(id(o) in young for o in mine)


def test_objects_the_caller_froze_stay_frozen(tmp_path: Path) -> None:
    """Promoting would unfreeze them; with anything frozen the pause leaves the generations
    alone."""
    with collector_on(promote_after=1):
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            pl.load(Path(__file__).parents[1] / "events")
            assert gc.get_freeze_count() == frozen
        finally:
            gc.unfreeze()
