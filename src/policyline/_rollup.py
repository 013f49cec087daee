"""Rolling figures up the region hierarchy, and tallies built on the rolled-up figure.

A region's figure of a statistic, rolled up, is its **own** latest report where it has
one; otherwise its children's figures (each rolled up the same way) are added up, with
the sum's coverage: which children reported, when, and which did not (an incomplete sum
is a lower bound). A city and one of its districts reporting the same statistic are
therefore never added together. If a child reported *certainly later* than the region's
own report (the child's earliest possible day is after the report's latest), the own
report is stale and the children's sum is the answer. Either way, where a region has both
its own report and its children's sum, the answer carries the other one (``other``):
both are shown, neither silently wins. Where the children's figures cannot be added, the
answer is a :class:`~policyline._figures.Refusal` saying why.

A tally of an award counts each grant once: the rolled-up figure of the award's reported
total, plus every grant in scope that figure does not already count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence

import attrs

from policyline._dates import ImpreciseDate
from policyline._events import AwardGranted, StatisticReported, format_value
from policyline._fields import Bound
from policyline._figures import Answer, Coverage, Figure, Refusal, add_up, unit_of
from policyline._regions import children, is_within, region
from policyline._results import counted
from policyline._territory import territory
from policyline._view import replay_key
from policyline.errors import IncompatibleFigures

OwnReport = Callable[[str], Answer | None]
"""A region's own figure of the statistic asked about (its latest report, or the refusal
of one whose sources disagree), by region code."""


def certainly_newer(later: ImpreciseDate, earlier: ImpreciseDate) -> bool:
    """Is ``later`` certainly after ``earlier`` (its first possible day after their last)?"""
    return later.earliest > earlier.latest


def rolled_up(
    code: str,
    own: OwnReport,
    *,
    rollup: bool,
    day: dt.date | None = None,
    reported: Collection[str] = (),
) -> Answer | None:
    """The figure of region ``code``: its own report, or (rolled up) its children's sum,
    with the coverage of the sum and, where the region has both, the other claim.

    The children are those of the division list valid on ``day`` (default: the current
    list); a child none of whose territory has a report (``reported``: the codes with one)
    has no figure, without asking."""
    mine = own(code)
    if not rollup:
        return mine
    below = [
        (child.code, _child_figure(child.code, own, day, reported))
        for child in children(code, on=day)
    ]
    parts = tuple(answer for _, answer in below if answer is not None)
    if not parts:
        return mine
    missing = tuple(child for child, answer in below if answer is None)
    summed = add_up(parts, Coverage(code, parts, missing, region(code).partial, day))
    if mine is None:
        return summed
    if isinstance(mine, Refusal):  # its own sources disagree: the children's sum beside it
        return mine if isinstance(summed, Refusal) else attrs.evolve(summed, other=mine)
    flagged = inconsistency(mine, parts, summed)
    if not any(certainly_newer(p.date, mine.date) for p in parts):
        return attrs.evolve(mine, other=summed, inconsistent=flagged)
    if isinstance(summed, Refusal):
        return attrs.evolve(summed, other=mine)
    return attrs.evolve(summed, other=mine, inconsistent=flagged)


def inconsistency(mine: Figure, parts: Sequence[Answer], summed: Answer) -> str | None:
    """Why a region's own total and its children's cannot both be right: it is less than
    a child's total, or than their sum, of a date it may share with them (a total grows:
    figures of different dates never contradict); None if they can."""
    if mine.kind != "total" or mine.bound not in ("exact", "at_most"):
        return None
    unit, factor = unit_of(mine.unit)
    most = mine.value * factor
    name = region(mine.region).name
    for part in parts:
        if _exceeds(part, most, unit, mine.date):
            return (
                f"{name}'s own {mine.shown} is less than {region(part.region).name}'s {part.shown}"
            )
    if all(_overlap(p.date, mine.date) for p in parts) and _exceeds(summed, most, unit, mine.date):
        return f"{name}'s own {mine.shown} is less than its children's sum {summed.shown}"
    return None


def _exceeds(answer: Answer, most: float, unit: str, date: ImpreciseDate) -> bool:
    """Is ``answer`` certainly more than ``most`` (in ``unit``) on a day it may share with
    ``date``?"""
    if not isinstance(answer, Figure) or answer.bound not in ("exact", "at_least", "more_than"):
        return False
    common, factor = unit_of(answer.unit)
    return common == unit and _overlap(answer.date, date) and answer.value * factor > most


def _overlap(a: ImpreciseDate, b: ImpreciseDate) -> bool:
    return a.earliest <= b.latest and b.earliest <= a.latest


def _child_figure(
    code: str, own: OwnReport, day: dt.date | None, reported: Collection[str]
) -> Answer | None:
    if reported and all(c not in territory(code) for c in reported):
        return None
    return rolled_up(code, own, rollup=True, day=day, reported=reported)


@attrs.frozen
class Tally:
    """How many times an award was granted: reported totals plus uncounted award events."""

    award: str
    value: float
    statistics: tuple[StatisticReported, ...]
    events: tuple[AwardGranted, ...]
    bound: Bound = "exact"
    """The bound of the reported total it starts from (a roll-up of cities that did not
    all report is a lower bound, and so is the tally)."""
    coverage: Coverage | None = None
    """The coverage of that total, if it is a sum of children's reports."""

    @property
    def shown(self) -> str:
        """The count as people write it, with its bound: ``≥14``."""
        return format_value(self.value, self.bound)

    def __str__(self) -> str:
        text = f"{self.award}: {self.shown}"
        return text if self.coverage is None else f"{text} ({self.coverage})"

    def __repr__(self) -> str:
        reports = counted(len(self.statistics), "report")
        return f"<Tally {self} from {reports} and {counted(len(self.events), 'award')}>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import tally_html

        return tally_html(self)

    @property
    def counted(self) -> tuple[str, ...]:
        """Ids of every event behind the number; none appears twice."""
        return tuple(
            [eid for s in self.statistics for eid in (s.id, *s.covers)]
            + [e.id for e in self.events]
        )


def tally(
    award: str,
    total: Answer | None,
    grants: Sequence[AwardGranted],
    rounds: Answer | None = None,
) -> Tally:
    """The tally of ``award`` from its rolled-up reported ``total`` (if any) and the grants
    in scope. A grant counts on top of the total unless the total covers it, or it came
    before a report of the total for a region it lies in (that report already counts it).

    With no total, a reported increment (``rounds``: the grants of one round or period)
    still says the award was given that many times: the tally is then at least that
    count, plus the grants certainly outside its period that it does not cover (earlier
    rounds are not reported, so it is a lower bound).
    """
    if isinstance(total, Refusal):
        raise IncompatibleFigures(total.metric, total.reason, total)
    if total is None:
        if rounds is None:
            return Tally(award, float(len(grants)), (), tuple(grants))
        return _tally_of_rounds(award, rounds, grants)
    covered = total.counted
    uncounted = tuple(
        grant
        for grant in grants
        if grant.id not in covered
        and not any(
            is_within(grant.region, report.region) and replay_key(grant) < replay_key(report)
            for report in total.sources
        )
    )
    value = total.value + len(uncounted)
    return Tally(award, value, total.sources, uncounted, total.bound, total.coverage)


def _tally_of_rounds(award: str, rounds: Answer, grants: Sequence[AwardGranted]) -> Tally:
    if isinstance(rounds, Refusal) or rounds.bound in ("at_most", "about"):
        # The rounds cannot be added up, or may hold fewer than they say: only the grants
        # known are certain, and there may be more.
        return Tally(award, float(len(grants)), (), tuple(grants), "at_least")
    period = rounds.period or rounds.date
    covered = rounds.counted
    inside = [g for g in grants if g.id not in covered and _may_overlap(g.effective, period)]
    outside = tuple(g for g in grants if g.id not in covered and g not in inside)
    # A grant that may fall in the round may be one of its count: never added to it.
    value = max(rounds.value, float(len(inside))) + len(outside)
    bound: Bound = (
        "more_than" if rounds.bound == "more_than" and value == rounds.value else "at_least"
    )
    return Tally(award, value, rounds.sources, outside, bound, rounds.coverage)


def _may_overlap(date: ImpreciseDate, period: ImpreciseDate) -> bool:
    return date.earliest <= period.latest and period.earliest <= date.latest
