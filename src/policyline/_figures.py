"""Figures: a statistic's value together with the events it comes from.

A figure for one region is one reported statistic. A rolled-up figure is the sum of its
children's figures and lists every event it was added up from, so each number can be
traced back to its sources.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from policyline._dates import ImpreciseDate
from policyline._events import Bound, StatisticKind, StatisticReported, format_value
from policyline._hanzi import fold
from policyline.errors import IncompatibleFigures


@attrs.frozen
class Figure:
    """A value of a statistic, with kind, unit, bound, date and the events behind it."""

    metric: str
    value: float
    unit: str
    kind: StatisticKind
    bound: Bound
    date: ImpreciseDate
    period: ImpreciseDate | None
    region: str
    sources: tuple[StatisticReported, ...]

    @classmethod
    def of(cls, event: StatisticReported) -> Figure:
        """The figure one statistic event reports."""
        return cls(
            event.metric,
            event.value,
            event.unit,
            event.kind,
            event.bound,
            event.effective,
            event.period,
            event.region,
            (event,),
        )

    @property
    def counted(self) -> frozenset[str]:
        """Ids of every event this number counts: its sources and what they cover."""
        return frozenset(eid for source in self.sources for eid in (source.id, *source.covers))

    @property
    def shown(self) -> str:
        """The value as people write it, with bound and unit: ``≥85 %``, ``>660 家``."""
        return f"{format_value(self.value, self.bound)} {self.unit}"

    def __str__(self) -> str:
        return f"{self.shown} ({self.kind}, {self.date})"


def _combined_bound(bounds: set[str]) -> Bound:
    if bounds <= {"exact"}:
        return "exact"
    if bounds <= {"exact", "at_least", "more_than"}:
        # x > a and y >= b give x + y > a + b: one strict part makes the sum strict.
        return "more_than" if "more_than" in bounds else "at_least"
    if bounds <= {"exact", "at_most"}:
        return "at_most"
    return "about"


def add_up(figures: Sequence[Figure], *, region: str) -> Figure:
    """The sum of children's figures of one metric, for the parent ``region``.

    Totals add up; increments add up only over the same period; rates never do.
    """
    first = figures[0]
    if first.kind == "rate":
        raise IncompatibleFigures(first.metric, "rates cannot be added up")
    units = {fold(f.unit) for f in figures}
    if len(units) > 1:
        raise IncompatibleFigures(first.metric, f"different units {sorted(units)}")
    periods = {f.period for f in figures}
    if first.kind == "increment" and len(periods) > 1:
        shown = sorted(str(p) for p in periods)
        raise IncompatibleFigures(first.metric, f"increments over different periods {shown}")
    sources = tuple(s for f in figures for s in f.sources)
    if len({s.id for s in sources}) != len(sources):
        raise AssertionError(f"an event would be counted twice in {first.metric!r}")
    return Figure(
        first.metric,
        sum(f.value for f in figures),
        first.unit,
        first.kind,
        _combined_bound({f.bound for f in figures}),
        max(f.date for f in figures),
        first.period if len(periods) == 1 else None,
        region,
        sources,
    )
