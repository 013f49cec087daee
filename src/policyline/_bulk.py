"""Bulk work: the cyclic garbage collector paused while many lasting objects are made.

Loading a million events makes millions of objects that all survive; the collector would
walk them again and again for nothing (none of them is in a reference cycle). Pausing it
for the duration is safe: reference counting still frees everything at once, and the
collector is switched back on, if it was on, as soon as the outermost pause ends.

Switching it back on is not the end of it. Everything made in the pause is still in the
youngest generation, so the next allocations after it would trigger a collection that
walks every one of those objects, then a middle-generation one that walks them again,
then a full one: seconds at a million events, paid by whatever question comes next. So a
pause that made many objects ends by moving them straight to the oldest generation
(``gc.freeze()`` then ``gc.unfreeze()``: two list splices, microseconds), where only full
collections look, and those run when the old generation has grown by a quarter since the
last one. Nothing is kept from the collector: a cycle among them is still found by the
next full collection. Where the caller has frozen objects of their own
(``gc.get_freeze_count()``), unfreezing would undo that, so the objects stay young.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PROMOTE_AFTER = 10_000
"""Objects made in a pause from which they go straight to the oldest generation."""

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (nested and thread-safe).

    Only around code that makes no reference cycles: a cycle made meanwhile is kept until
    the collector runs again, which a long copy never lets it (``tests/test_garbage.py``).
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                _promote_young()
                gc.enable()


def _promote_young() -> None:
    """Move the youngest generations into the oldest if the pause made many objects (the
    count of the youngest is what was allocated and not freed since its last pass)."""
    if gc.get_count()[0] >= PROMOTE_AFTER and gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
