"""Statistics: the latest report of each (metric, kind).

A later total replaces the earlier total; an increment is kept as the increment it is
(never added to a total); a rate stays a rate. Metrics are keyed with simplified and
traditional spellings folded together.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from operator import attrgetter
from types import MappingProxyType

from policyline._caching import Cache
from policyline._events import StatisticReported
from policyline._hanzi import fold
from policyline._projections.base import Prefixes, Projection

StatisticKey = tuple[str, str]
"""(folded metric name, kind)."""

Statistics = Mapping[StatisticKey, StatisticReported]

EVERY = 16
"""Reports between two checkpoints of the statistics index."""

_KEYS: Cache[tuple[str, str], StatisticKey] = Cache(100_000)


def statistic_key(event: StatisticReported) -> StatisticKey:
    """The (folded metric, kind) a report is kept under."""
    return key_of((event.metric, event.kind))


def key_of(written: tuple[str, str]) -> StatisticKey:
    """The (folded metric, kind) of a (metric, kind) as a report writes them."""
    key = _KEYS.get(written)
    if key is None:
        key = _KEYS.put(written, (fold(written[0]), written[1]))
    return key


_METRIC = attrgetter("metric")
_KIND = attrgetter("kind")


def report_keys(prefixes: Prefixes) -> tuple[StatisticKey, ...]:
    """The key of each statistic report of a region's facts, in replay order (ask
    ``prefixes.derived(report_keys)``: the statistics index and a batch sweep share it).
    Its loops run in C: a report is read once, and a key made once per spelling."""
    _, reports = prefixes.of(StatisticReported)
    written = list(zip(map(_METRIC, reports), map(_KIND, reports), strict=True))
    key_of_written = dict.fromkeys(written)
    for pair in key_of_written:
        key_of_written[pair] = key_of(pair)
    return tuple(map(key_of_written.__getitem__, written))  # type: ignore[arg-type]


def _report(state: Statistics, event: StatisticReported) -> Statistics:
    updated = dict(state)
    updated[statistic_key(event)] = event
    return MappingProxyType(updated)


class Latest:
    """The statistics index: the latest reports every :data:`EVERY` reports, then the rest.

    A checkpoint is one small dict (a region has a few dozen statistics, not one per report).
    """

    __slots__ = ("_checkpoints", "_keys", "_positions", "_reports")

    def __init__(self, prefixes: Prefixes) -> None:
        positions, reports = prefixes.of(StatisticReported)
        self._positions = positions
        self._reports: tuple[StatisticReported, ...] = reports  # type: ignore[assignment]
        self._keys = prefixes.derived(report_keys)
        checkpoints: list[dict[StatisticKey, StatisticReported]] = [{}]
        latest: dict[StatisticKey, StatisticReported] = {}
        for number, (key, report) in enumerate(zip(self._keys, self._reports, strict=True), 1):
            latest[key] = report
            if number % EVERY == 0:
                checkpoints.append(dict(latest))
        self._checkpoints = checkpoints

    def at(self, count: int) -> Statistics:
        reports = bisect_left(self._positions, count)
        checkpoint = reports // EVERY
        latest = dict(self._checkpoints[checkpoint])
        start = checkpoint * EVERY
        for key, report in zip(
            self._keys[start:reports], self._reports[start:reports], strict=True
        ):
            latest[key] = report
        return MappingProxyType(latest)


STATISTICS: Projection[Statistics] = Projection(
    "statistics", MappingProxyType({}), {StatisticReported: _report}, indexer=Latest
)
