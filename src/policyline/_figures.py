"""Figures: a statistic's value, how exact it is, and the events it comes from; refusals;
units; the coverage of a roll-up.

A figure for one region is one reported statistic. A rolled-up figure is the sum of its
children's figures: it lists every event it was added up from, and its
:class:`Coverage` says which children reported, as of which dates, and which reported
nothing. A sum is exact only when every child reported, at one reference date, exactly;
otherwise it is a lower bound (counts are never negative, so the children that did not
report can only add to it). Numbers that cannot be added up (rates, units that count
different things, increments over different periods, an upper bound beside children
that did not report) give a :class:`Refusal` that says why, instead of a number: every
route shows it, none drops it.

Counting units that count the same things add up; the figure shows the unit they were
normalised to (:data:`UNITS`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

import attrs

from policyline._caching import memoized
from policyline._dates import ImpreciseDate
from policyline._events import StatisticReported, format_value
from policyline._fields import Bound, StatisticKind
from policyline._hanzi import fold
from policyline._regions import Region, children, region

UNITS: dict[str, tuple[str, float]] = {
    # Organisations, zones, projects, platforms: 家 and 个 (個) count the same things.
    "家": ("家", 1),
    "个": ("家", 1),
    # People.
    "名": ("名", 1),
    "人": ("名", 1),
    "位": ("名", 1),
    # Times an award went to a firm: 家次 and 家(次) are one unit, and not 家.
    "家次": ("家次", 1),
    "家(次)": ("家次", 1),
    # Items (standards, projects), sheets (certificates), entries.
    "项": ("项", 1),
    "张": ("张", 1),
    "条": ("条", 1),
    "万条": ("条", 10_000),
    # Money.
    "元": ("元", 1),
    "万元": ("元", 10_000),
    "亿元": ("元", 100_000_000),
}
"""Counting units that are interchangeable, by their folded spelling (traditional folds to
simplified, full-width to half-width: 個 → 个, 萬元 → 万元, 家（次）→ 家(次)): the unit
they add up as, and how many of it one of them is. A unit not listed only adds up with
itself: 批次 counts batches, 次 times, % is a rate and never adds up."""


PERCENT = frozenset({"%", "‰"})
"""Units of a share: never added up (full-width ％ folds to %)."""


@memoized(10_000)
def unit_of(unit: str) -> tuple[str, float]:
    """The unit a figure in ``unit`` adds up as, and its factor (亿元 → (元, 1e8))."""
    folded = unicodedata.normalize("NFKC", fold(unit))
    return UNITS.get(folded, (folded, 1))


@attrs.frozen
class Coverage:
    """Which regions directly below a rolled-up figure's region it was added up from (and
    as of which dates), and which reported nothing."""

    region: str
    parts: tuple[Answer, ...]
    """The answer of every child that has one (itself rolled up), in gazetteer order."""
    missing: tuple[str, ...]
    """Codes of the children with no figure of the statistic."""
    unlisted: bool = False
    """The gazetteer lists only some of the region's children (台湾省, 香港, 澳门)."""
    day: dt.date | None = attrs.field(default=None, eq=False)
    """The day whose division list says which children the region has (None: the
    current list; not part of what the coverage is: its parts and gaps are)."""

    @property
    def complete(self) -> bool:
        """Did every child report, at one reference date? Only then can a sum be exact."""
        return not self.missing and not self.unlisted and len({p.date for p in self.parts}) == 1

    def __str__(self) -> str:
        gaps = []
        if self.missing:
            listed = children(self.region, on=self.day)
            below = len(listed)
            noun = _noun(listed[0])
            gaps.append(f"{len(self.missing)} of {below} {noun} not reported")
        if self.unlisted:
            gaps.append("regions not in the gazetteer not counted")
        return "; ".join([parts_text(self.parts), *gaps])


def parts_text(parts: Sequence[Answer]) -> str:
    """Each part of a sum with its region and date: ``杭州市 12 家 (2021-09-15), …``."""
    return ", ".join(f"{region(p.region).name} {p.shown} ({p.date})" for p in parts)


def _noun(child: Region) -> str:
    nouns = {"province": "provinces", "prefecture": "cities"}
    return nouns.get(child.level, "districts and counties")


@attrs.frozen
class Figure:
    """A value of a statistic, with kind, unit, bound, date and the events behind it;
    rolled up, also its coverage, and the region's other claim if there is one."""

    metric: str
    value: float
    unit: str
    kind: StatisticKind
    bound: Bound
    date: ImpreciseDate
    period: ImpreciseDate | None
    region: str
    sources: tuple[StatisticReported, ...]
    coverage: Coverage | None = None
    """For a sum of the children's figures: which children it covers (None: a report)."""
    other: Answer | None = None
    """Rolled up, the region's other claim about the same statistic: the sum of its
    children beside its own report, or its own (older) report beside the children's
    newer sum. Both are shown; neither silently wins."""
    inconsistent: str | None = None
    """Rolled up, why the region's own report and its children's cannot both be right (a
    total smaller than a child's total, or than the children's sum, of a date they may
    share); None: they can."""

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
        text = f"{self.shown} ({self.kind}, {self.date})"
        if self.coverage is not None:
            text += f": {self.coverage}"
        if self.inconsistent is not None:
            text += f" [inconsistent: {self.inconsistent}]"
        return text

    def __repr__(self) -> str:
        return f"<Figure {self.metric} in {region(self.region).name}: {self}>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import answers_html

        return answers_html([self], f"{self.metric} in {region(self.region).name}")


@attrs.frozen
class Refusal:
    """A figure that cannot be given: why, and the figures that would have made it."""

    metric: str
    kind: StatisticKind
    region: str
    reason: str
    parts: tuple[Answer, ...]
    other: Figure | None = None
    """Rolled up, the region's own older report, beside the children's refused sum."""
    conflict: bool = False
    """Not a sum: the sources of the region's own report disagree (``parts`` are their
    claims, see :mod:`policyline._identity`)."""

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
        return f"in conflict: {self.reason}" if self.conflict else f"not added up: {self.reason}"

    def __str__(self) -> str:
        return f"{self.shown} ({self.kind}, {self.date})"

    def __repr__(self) -> str:
        return f"<Refusal {self.metric} in {region(self.region).name}: {self}>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import answers_html

        return answers_html([self], f"{self.metric} in {region(self.region).name}")


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


def _refusal_reason(figures: Sequence[Figure], coverage: Coverage) -> str | None:
    first = figures[0]
    units = {unit_of(f.unit)[0] for f in figures}
    if first.kind == "rate":
        return "rates cannot be added up"
    if units & PERCENT:
        return "percentages cannot be added up (a share is a rate, whatever its kind says)"
    if len(units) > 1:
        return f"the units differ ({' vs '.join(sorted({f.unit for f in figures}))})"
    if first.kind == "increment" and len({f.period for f in figures}) > 1:
        shown = sorted(str(f.period) for f in figures)
        return f"the increments are over different periods ({', '.join(shown)})"
    if len({s.id for f in figures for s in f.sources}) != sum(len(f.sources) for f in figures):
        return "an event would be counted twice"
    loose = sorted({f.bound for f in figures} & {"at_most", "about"})
    if loose and not coverage.complete:
        return (
            f"a part is {' or '.join(b.replace('_', ' ') for b in loose)} and the sum is"
            f" incomplete ({coverage}): it has no bound"
        )
    return None


def _unit_and_scale(figures: Sequence[Figure]) -> tuple[str, list[float]]:
    """The unit a sum is shown in, and each figure's factor into it: the figures' own unit
    if they share one, else the largest of their units in simplified spelling (亿元
    before 万元; 億元 and 亿元 as 亿元), or the common unit of units that count alike (家
    for 家 and 个)."""
    if len({f.unit for f in figures}) == 1:
        return figures[0].unit, [1.0] * len(figures)
    factors = [unit_of(f.unit)[1] for f in figures]
    largest = max(factors)
    base = unit_of(figures[0].unit)[0]
    unit = base if largest == 1 else _spelling(figures[factors.index(largest)].unit)
    return unit, [factor / largest for factor in factors]


def _spelling(unit: str) -> str:
    return unicodedata.normalize("NFKC", fold(unit))


def add_up(parts: Sequence[Answer], coverage: Coverage) -> Answer:
    """The sum of children's figures of one statistic for ``coverage.region``, or the
    refusal that says why there is none.

    Totals add up; increments add up only over the same period; rates never do; units
    add up when they count the same things (:data:`UNITS`). A sum whose coverage is not
    complete is a lower bound.
    """
    first = parts[0]
    refused = [p for p in parts if isinstance(p, Refusal)]
    figures = [p for p in parts if isinstance(p, Figure)]
    if refused:
        reason: str | None = f"a part is not added up ({refused[0].reason})"
    else:
        reason = _refusal_reason(figures, coverage)
    if reason is not None:
        return Refusal(first.metric, first.kind, coverage.region, reason, tuple(parts))
    unit, scales = _unit_and_scale(figures)
    periods = {f.period for f in figures}
    bounds: set[str] = {f.bound for f in figures}
    if not coverage.complete:
        bounds.add("at_least")
    return Figure(
        first.metric,
        sum(f.value * scale for f, scale in zip(figures, scales, strict=True)),
        unit,
        first.kind,
        _combined_bound(bounds),
        max(f.date for f in figures),
        figures[0].period if len(periods) == 1 else None,
        coverage.region,
        tuple(s for f in figures for s in f.sources),
        coverage,
    )
