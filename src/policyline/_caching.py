"""Caches: one policy for every memo in policyline.

A cache is a dict (a hit is one C-level ``get``) that never holds more than its limit:
when it is full, the entry stored longest ago is dropped to make room, in constant time.
Everything cached is immutable and can be computed again, so dropping an entry is always
safe; the limits only bound memory.

==============================  ======  ================================================
cache                           limit   holds
==============================  ======  ================================================
``_fields.DATES``               200000  one parsed ``ImpreciseDate`` per distinct date text
``_fields.WORDS``               100000  one string per distinct word (metric, unit, award …)
``_hanzi.fold``                 100000  the lookup key of a text (simplified, case-folded)
``_projections.statistics``     100000  (folded metric, kind) of a (metric, kind) as written
``_regions`` children, subtree  10000   the regions below a region (per day asked)
``Timeline`` views              8       one known-time slice per known day asked
``View`` region states          16      a region's folded state per (region, prefix length)
``RegionIndex`` projections     8       the index of a projection of one's own, per region
==============================  ======  ================================================
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Cache(OrderedDict[K, V]):
    """A dict that keeps at most ``limit`` entries, dropping the oldest first."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: V) -> V:
        """Store ``value`` under ``key`` (making room if full) and return it."""
        if len(self) >= self.limit and key not in self:
            self.popitem(last=False)
        self[key] = value
        return value


def memoized(limit: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """A one-argument function whose results are kept in a :class:`Cache` of ``limit``."""

    def decorate(function: Callable[[K], V]) -> Callable[[K], V]:
        cache: Cache[K, V] = Cache(limit)

        def cached(key: K) -> V:
            found = cache.get(key)
            if found is None:
                found = cache.put(key, function(key))
            return found

        cached.__doc__ = function.__doc__
        cached.__name__ = function.__name__
        cached.cache = cache  # type: ignore[attr-defined]
        return cached

    return decorate


def forget(function: Callable[[K], V]) -> None:
    """Empty the cache of a function made by :func:`memoized` (its data changed)."""
    cache: Cache[K, V] = function.cache  # type: ignore[attr-defined]
    cache.clear()
