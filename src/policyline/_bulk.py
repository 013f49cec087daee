"""Bulk work: the cyclic garbage collector paused while many lasting objects are made.

Loading a million events makes millions of objects that all survive; the collector would
walk them again and again for nothing (none of them is in a reference cycle). Pausing it
for the duration is safe: reference counting still frees everything at once, and the
collector is switched back on, if it was on, as soon as the outermost pause ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
                gc.enable()
