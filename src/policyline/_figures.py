"""Figures: a statistic's value together with the events it comes from; refusals; units.

A figure for one region is one reported statistic. A rolled-up figure is the sum of its
children's figures and lists every event it was added up from, so each number can be
traced back to its sources. Numbers that cannot be added up (rates, units that count
different things, increments over different periods) give a :class:`Refusal` that says
why, instead of a number: every route shows it, none drops it.

Counting units that count the same things add up; the figure shows the unit they were
normalised to (:data:`SAME_UNITS`).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from policyline._dates import ImpreciseDate
from policyline._events import StatisticReported, format_value
from policyline._fields import Bound, StatisticKind
from policyline._hanzi import fold

SAME_UNITS: dict[str, str] = {
    "个": "家",  # organisations, zones, projects: 家 and 个 (個) count the same things
    "家": "家",
    "人": "名",  # people
    "位": "名",
    "名": "名",
}
"""Counting units that are interchangeable, by their folded spelling, and the unit they
add up as. Traditional spellings fold to simplified first (個 → 个, 項 → 项, 張 → 张).
Units not listed only add up with themselves: 家次 counts award-times, not firms, and
批次 counts batches."""


def unit_key(unit: str) -> str:
    """The unit a figure in ``unit`` adds up as."""
    folded = fold(unit)
    return SAME_UNITS.get(folded, folded)


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


@attrs.frozen
class Refusal:
    """A figure that cannot be given: why, and the figures that would have made it."""

    metric: str
    kind: StatisticKind
    region: str
    reason: str
    parts: tuple[Figure | Refusal, ...]

    @property
    def date(self) -> ImpreciseDate:
        """The latest date of the parts: from then on this is the answer."""
        return max(part.date for part in self.parts)

    @property
    def sources(self) -> tuple[StatisticReported, ...]:
        """Every report the parts come from."""
        return tuple(source for part in self.parts for source in part.sources)

    @property
    def shown(self) -> str:
        return f"not added up: {self.reason}"

    def __str__(self) -> str:
        return f"{self.shown} ({self.kind}, {self.date})"


Answer = Figure | Refusal
"""What a statistic question gives: a figure, or the explained refusal of one."""


def _combined_bound(bounds: set[str]) -> Bound:
    if bounds <= {"exact"}:
        return "exact"
    if bounds <= {"exact", "at_least", "more_than"}:
        # x > a and y >= b give x + y > a + b: one strict part makes the sum strict.
        return "more_than" if "more_than" in bounds else "at_least"
    if bounds <= {"exact", "at_most"}:
        return "at_most"
    return "about"


def add_up(parts: Sequence[Answer], *, region: str) -> Answer:
    """The sum of children's figures of one statistic, for the parent ``region``, or the
    refusal that says why there is none.

    Totals add up; increments add up only over the same period; rates never do; units
    add up when they count the same things (:data:`SAME_UNITS`).
    """
    first = parts[0]
    refused = [p for p in parts if isinstance(p, Refusal)]
    figures = [p for p in parts if isinstance(p, Figure)]
    reason = None
    if refused:
        reason = f"a part is not added up ({refused[0].reason})"
    elif first.kind == "rate":
        reason = "rates cannot be added up"
    elif len({unit_key(f.unit) for f in figures}) > 1:
        reason = f"the units differ ({' vs '.join(sorted({f.unit for f in figures}))})"
    elif first.kind == "increment" and len({f.period for f in figures}) > 1:
        shown = sorted(str(f.period) for f in figures)
        reason = f"the increments are over different periods ({', '.join(shown)})"
    elif len({s.id for f in figures for s in f.sources}) != sum(len(f.sources) for f in figures):
        reason = "an event would be counted twice"
    if reason is not None:
        return Refusal(first.metric, first.kind, region, reason, tuple(parts))
    units = {unit_key(f.unit) for f in figures}
    unit = figures[0].unit if len({f.unit for f in figures}) == 1 else units.pop()
    periods = {f.period for f in figures}
    return Figure(
        first.metric,
        sum(f.value for f in figures),
        unit,
        first.kind,
        _combined_bound({f.bound for f in figures}),
        max(f.date for f in figures),
        figures[0].period if len(periods) == 1 else None,
        region,
        tuple(s for f in figures for s in f.sources),
    )
