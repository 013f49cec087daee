"""Statistics: the latest report of each (metric, kind).

A later total replaces the earlier total; an increment is kept as the increment it is
(never added to a total); a rate stays a rate. Metrics are keyed with simplified and
traditional spellings folded together.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from policyline.events import StatisticReported
from policyline.hanzi import fold
from policyline.projections.base import Projection

StatisticKey = tuple[str, str]
"""(folded metric name, kind)."""

Statistics = Mapping[StatisticKey, StatisticReported]


def statistic_key(event: StatisticReported) -> StatisticKey:
    return (fold(event.metric), event.kind)


def _report(state: Statistics, event: StatisticReported) -> Statistics:
    updated = dict(state)
    updated[statistic_key(event)] = event
    return MappingProxyType(updated)


STATISTICS: Projection[Statistics] = Projection(
    "statistics", MappingProxyType({}), {StatisticReported: _report}
)
