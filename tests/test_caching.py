"""The one cache policy: bounded, the oldest entry dropped first, never a changed answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyline._caching import Cache, memoized


@given(st.integers(1, 20), st.lists(st.integers(0, 50), max_size=200))
def test_a_cache_never_grows_past_its_limit_and_keeps_the_newest(
    limit: int, keys: list[int]
) -> None:
    """After any puts, at most ``limit`` entries remain, and the last one put is there."""
    cache: Cache[int, int] = Cache(limit)
    for key in keys:
        assert cache.put(key, key * 2) == key * 2
        assert len(cache) <= limit
        assert cache[key] == key * 2
    distinct = list(dict.fromkeys(reversed(keys)))[:limit]
    assert set(distinct[: min(len(distinct), 1)]) <= set(cache)


@given(st.lists(st.integers(0, 30), max_size=100))
def test_a_memoized_function_answers_as_the_function(keys: list[int]) -> None:
    """Caching changes how often a function runs, never what it answers."""
    calls: list[int] = []

    def square(value: int) -> int:
        calls.append(value)
        return value * value

    cached = memoized(8)(square)
    for key in keys:
        assert cached(key) == key * key
    assert len(calls) <= len(keys)
