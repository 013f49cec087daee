"""Fact identity: several sources of one real-world fact, taken as one fact.

An event says it reports the same fact as another with ``same_as`` (the other's id; it
must be a fact of the same type filed in the same region). The events joined so are the
fact's **claims**, and the fact is known by its **root**: the event the ``same_as`` links
lead to, the first report, which a later article attaches to without rewriting it. A
correction keeps what a fact is the same as (the integrity check says so), so the links
are fixed once written.

Once amendments are applied, the standing claims of a fact become one fact, under the
root's id, that counts once everywhere and cites every claim (:class:`Identity`):

- **Refinement.** Claims that are consistent give their intersection: of the dates (a
  month and a day in it give the day) and, for statistics, of the values (``≥85 %`` and
  ``87.3 %`` give ``87.3 %``; ``≈v`` admits values within :data:`ABOUT` of v). The fact
  keeps the root's other fields.
- **Conflict.** Claims that cannot all be true (disjoint dates, values no one number
  satisfies, kinds or units that count different things) give a fact in conflict: dated
  over the hull of the claims' dates (certain only by the last day any claim allows), and
  a statistic in conflict is never a figure, only a :class:`~policyline._figures.Refusal`
  listing each claim.
- **Settlement.** A :class:`~policyline._events.Settled` event names the claim that stands
  (the last recorded settlement wins; one whose claim no longer stands settles nothing);
  it is an amendment like the others, so it counts from its recorded day on and a
  retraction of it restores the conflict.

``docs/fact-identity.md`` has the rules with examples.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Literal, Protocol

import attrs

from policyline._dates import ImpreciseDate
from policyline._events import AMENDMENTS, Event, Settled, Source, StatisticReported
from policyline._figures import Answer, Figure, Refusal, unit_of

ABOUT = 0.1
"""How far from v a value may be for ``≈v`` to admit it (a share of v): reports round."""

Status = Literal["corroborated", "refined", "conflict", "settled"]


@attrs.frozen
class Identity:
    """What the claims of one fact say together."""

    root: str
    """The id the fact is known by: the first report, which the others are the same as."""
    claims: tuple[Event, ...]
    """Every standing claim, in the order they were recorded."""
    status: Status
    """corroborated (the claims agree), refined (they narrow each other), conflict (they
    cannot all be true), settled (a settlement chose one)."""
    disagreement: str | None = None
    """What the claims disagree on (in conflict, or settled over a conflict)."""
    settlement: Settled | None = None

    @property
    def sources(self) -> tuple[Source, ...]:
        """The source of every claim, in recorded order."""
        return tuple(claim.source for claim in self.claims)

    @property
    def summary(self) -> str:
        """How many sources, and whether they agree: ``2 sources, in conflict``."""
        shown = "in conflict" if self.status == "conflict" else self.status
        return f"{len(self.claims)} sources, {shown}"

    def __str__(self) -> str:
        documents = ", ".join(dict.fromkeys(s.document for s in self.sources))
        text = f"{len(self.claims)} sources ({documents}): {self.status}"
        if self.settlement is not None:
            text += f" by {self.settlement.id} ({self.settlement.reason})"
        if self.disagreement is not None:
            text += f"; {self.disagreement}"
        return text


class Pointed(Protocol):
    """What the integrity check knows of the event a ``same_as`` names."""

    @property
    def type_name(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def same_as(self) -> str | None: ...


def same_fact_issues(event: Event, pointed: Pointed, resolve: Resolve) -> list[str]:
    """What is wrong with ``event`` saying it is the same fact as ``pointed``."""
    if isinstance(pointed, AMENDMENTS):
        return [f"points at {event.same_as!r}, a {pointed.type_name}: expected a fact"]
    if event.same_as == event.id:
        return ["a fact is not the same as itself"]
    issues = []
    if pointed.type_name != event.type_name:
        issues.append(
            f"points at {event.same_as!r}, a {pointed.type_name}: the same fact is of one"
            f" type (this is a {event.type_name})"
        )
    if pointed.region != event.region:
        issues.append(
            f"points at {event.same_as!r}, filed in {pointed.region}: the same fact is filed"
            f" in one region (this is in {event.region}; a report about another scope is"
            " another fact)"
        )
    chain = [event.id]
    current: Pointed | None = pointed
    while current is not None and current.same_as is not None:
        if current.same_as in chain:
            shown = " → ".join(repr(i) for i in [*chain, current.same_as])
            issues.append(f"same_as links form a cycle: {shown}")
            break
        chain.append(current.same_as)
        current = resolve(current.same_as)
    return issues


class Resolve(Protocol):
    def __call__(self, event_id: str, /) -> Pointed | None: ...


def roots(events: Iterable[Event]) -> dict[str, str]:
    """The root of every event that is the same as another, or that another is the same
    as, by id (a cycle, which the integrity check refuses, is rooted at its least id)."""
    links = {e.id: e.same_as for e in events if e.same_as is not None}
    found: dict[str, str] = {}
    for start in links:
        chain = [start]
        current = start
        while current in links and current not in found:
            current = links[current]
            if current in chain:  # a cycle
                current = min(chain[chain.index(current) :])
                break
            chain.append(current)
        root = found.get(current, current)
        for member in chain:
            found[member] = root
        found.setdefault(root, root)
    return found


def consolidate(
    facts: Sequence[Event], rooted: Mapping[str, str], settlements: Sequence[Settled]
) -> tuple[list[Event], dict[str, Identity]]:
    """The facts with each fact's claims made one (its root's id), and what each such
    fact's claims say together, by root; ``settlements`` are the standing ones."""
    groups: dict[str, list[Event]] = {}
    alone: list[Event] = []
    for fact in facts:
        root = rooted.get(fact.id)
        if root is None:
            alone.append(fact)
        else:
            groups.setdefault(root, []).append(fact)
    settled: dict[str, Settled] = {}
    for settlement in sorted(settlements, key=_recorded):
        root = rooted.get(settlement.target, settlement.target)
        settled[root] = settlement
    identities: dict[str, Identity] = {}
    for root, claims in groups.items():
        claims.sort(key=_recorded)
        fact, identities[root] = _one_fact(root, claims, settled.get(root))
        alone.append(fact)
    return alone, identities


def _recorded(event: Event) -> tuple[int, int, str]:
    return (event.recorded.latest, event.recorded.earliest, event.id)


def _one_fact(root: str, claims: list[Event], settlement: Settled | None) -> tuple[Event, Identity]:
    base = next((c for c in claims if c.id == root), claims[0])
    first_known = min((c.recorded for c in claims), key=lambda d: (d.earliest, d.latest))
    agreed = agreement(claims)
    chosen = (
        None if settlement is None else next((c for c in claims if c.id == settlement.target), None)
    )
    if chosen is not None:
        disagreement = agreed if isinstance(agreed, str) else None
        fact = attrs.evolve(chosen, id=root, same_as=None, recorded=first_known)
        identity = Identity(root, tuple(claims), "settled", disagreement, settlement)
        return fact, identity
    if isinstance(agreed, str):
        hull = _hull([c.effective for c in claims])
        fact = attrs.evolve(base, id=root, same_as=None, recorded=first_known, effective=hull)
        return fact, Identity(root, tuple(claims), "conflict", agreed)
    changes, status = agreed
    fact = attrs.evolve(base, id=root, same_as=None, recorded=first_known, **changes)
    return fact, Identity(root, tuple(claims), status)


Agreement = tuple[dict[str, object], Status]


def agreement(claims: Sequence[Event]) -> Agreement | str:
    """The refined fields and whether any claim was narrowed, or what disagrees."""
    dates = [c.effective for c in claims]
    effective = _meet(dates)
    if effective is None:
        shown = ", ".join(f"{c.effective} ({c.source.document})" for c in claims)
        return f"the dates do not overlap: {shown}"
    changes: dict[str, object] = {"effective": effective}
    if all(isinstance(c, StatisticReported) for c in claims):
        refined = _statistic(claims)  # type: ignore[arg-type]
        if isinstance(refined, str):
            return refined
        changes.update(refined)
    narrowed = any(
        getattr(claim, name) != value for claim in claims for name, value in changes.items()
    )
    return changes, "refined" if narrowed else "corroborated"


def _meet(dates: Sequence[ImpreciseDate]) -> ImpreciseDate | None:
    """The dates' intersection (the sharpest claim's own text where it is that), or None."""
    earliest = max(d.earliest for d in dates)
    latest = min(d.latest for d in dates)
    if earliest > latest:
        return None
    return _spanning(dates, earliest, latest)


def _hull(dates: Sequence[ImpreciseDate]) -> ImpreciseDate:
    return _spanning(dates, min(d.earliest for d in dates), max(d.latest for d in dates))


def _spanning(dates: Sequence[ImpreciseDate], earliest: int, latest: int) -> ImpreciseDate:
    """The date from ``earliest`` to ``latest``: a claim's own if one is that, else an
    interval written with the claims' own ends (``1993/1994``, not day by day)."""
    for date in dates:
        if date.earliest == earliest and date.latest == latest:
            return date
    start = next(_end(d, 0) for d in dates if d.earliest == earliest)
    end = next(_end(d, -1) for d in dates if d.latest == latest)
    return ImpreciseDate.parse(f"{start}/{end}")


def _end(date: ImpreciseDate, which: int) -> str:
    return date.text.split("/")[which]


Interval = tuple[float, bool, float, bool]
"""(low, low is open, high, high is open), in the unit the claims add up as."""

_INF = math.inf


def interval(report: StatisticReported) -> Interval:
    """The values a report admits, in its unit's common unit (万元 as 元)."""
    value = report.value * unit_of(report.unit)[1]
    match report.bound:
        case "exact":
            return (value, False, value, False)
        case "at_least":
            return (value, False, _INF, False)
        case "more_than":
            return (value, True, _INF, False)
        case "at_most":
            return (-_INF, False, value, False)
    spread = abs(value) * ABOUT
    return (value - spread, False, value + spread, False)


def _same(a: float, b: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=1e-9)


def meet(a: Interval, b: Interval) -> Interval | None:
    """The values both intervals admit, or None."""
    a_low, a_open, a_high, a_high_open = a
    b_low, b_open, b_high, b_high_open = b
    if _same(a_low, b_low):
        low, low_open = a_low, a_open or b_open
    else:
        low, low_open = (a_low, a_open) if a_low > b_low else (b_low, b_open)
    if _same(a_high, b_high):
        high, high_open = a_high, a_high_open or b_high_open
    else:
        high, high_open = (a_high, a_high_open) if a_high < b_high else (b_high, b_high_open)
    if _same(low, high):
        return None if low_open or high_open else (low, False, low, False)
    return None if low > high else (low, low_open, high, high_open)


def _statistic(claims: Sequence[StatisticReported]) -> dict[str, object] | str:
    """The refined value (and period) of a statistic's claims, or what disagrees."""
    kinds = sorted({c.kind for c in claims})
    if len(kinds) > 1:
        return f"the kinds differ ({' vs '.join(kinds)})"
    units = {unit_of(c.unit)[0] for c in claims}
    if len(units) > 1:
        shown = " vs ".join(dict.fromkeys(c.unit for c in claims))
        return f"the units count different things ({shown})"
    changes: dict[str, object] = {}
    periods = [c.period for c in claims if c.period is not None]
    if periods:
        period = _meet(periods)
        if period is None:
            return f"the periods do not overlap ({', '.join(str(p) for p in periods)})"
        changes["period"] = period
    together: Interval | None = interval(claims[0])
    for claim in claims[1:]:
        together = None if together is None else meet(together, interval(claim))
    if together is None:
        shown = ", ".join(f"{Figure.of(c).shown} ({c.source.document})" for c in claims)
        return f"no value satisfies every claim: {shown}"
    changes.update(_figure_fields(claims, together))
    return changes


def _figure_fields(claims: Sequence[StatisticReported], together: Interval) -> dict[str, object]:
    """value, bound and unit that show ``together``: a claim's own where it says exactly
    that; else the point, or the lower bound (counts add up safely as lower bounds)."""
    for claim in claims:
        if _equal(interval(claim), together):
            return {"value": claim.value, "bound": claim.bound, "unit": claim.unit}
    low, low_open, high, _ = together
    unit = claims[0].unit
    factor = unit_of(unit)[1]
    if _same(low, high):
        return {"value": low / factor, "bound": "exact", "unit": unit}
    if low != -_INF:
        bound = "more_than" if low_open else "at_least"
        return {"value": low / factor, "bound": bound, "unit": unit}
    return {"value": high / factor, "bound": "at_most", "unit": unit}


def _equal(a: Interval, b: Interval) -> bool:
    return _same(a[0], b[0]) and a[1] == b[1] and _same(a[2], b[2]) and a[3] == b[3]


NO_IDENTITIES: Mapping[str, Identity] = MappingProxyType({})
"""No fact with several sources."""


def answer_of(report: StatisticReported, identities: Mapping[str, Identity]) -> Answer:
    """The figure one (consolidated) report gives: citing every claim of its fact, or, in
    conflict, the refusal that lists them."""
    identity = identities.get(report.id)
    figure = Figure.of(report)
    if identity is None:
        return figure
    claims = tuple(c for c in identity.claims if isinstance(c, StatisticReported))
    if identity.status == "conflict":
        reason = f"{len(claims)} sources disagree: {identity.disagreement}"
        parts = tuple(Figure.of(claim) for claim in claims)
        return Refusal(report.metric, report.kind, report.region, reason, parts, conflict=True)
    return attrs.evolve(figure, sources=claims)
