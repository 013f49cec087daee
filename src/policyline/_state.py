"""Point-in-time states: what a region had, as of a day, as known at a known-time.

A :class:`State` is a timeline seen as of one day. ``state.region("杭州")`` gives a
:class:`RegionState`: the region's certain facts folded by the built-in projections, and,
apart, the facts that only possibly happened by then. With ``rollup=True`` a region is seen
together with every region below it: lists are merged (each event once) and a statistic
is the region's own report where it has one, otherwise the sum of its children's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import attrs
import pendulum

from policyline._dates import ImpreciseDate, day_text
from policyline._events import (
    STATISTIC_KINDS,
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    CQOAppointed,
    DesignationGranted,
    Event,
    PlatformLaunched,
    PolicyIssued,
    ProgramLaunched,
    StatisticReported,
    label,
)
from policyline._figures import Figure, add_up
from policyline._hanzi import fold
from policyline._projections.base import Composite
from policyline._projections.policies import ended, in_force
from policyline._projections.statistics import Statistics
from policyline._regions import Region, all_regions, children, is_within, region
from policyline._view import View, replay_key
from policyline.errors import AmbiguousStatistic, IncompatibleFigures, InvalidArgument

E = TypeVar("E", bound=Event)


def certainly_newer(later: ImpreciseDate, earlier: ImpreciseDate) -> bool:
    """Is ``later`` certainly after ``earlier`` (its first possible day after their last)?"""
    return later.earliest > earlier.latest


def _merge(groups: Iterable[Iterable[E]]) -> tuple[E, ...]:
    """Events of several regions, each once, in replay order."""
    unique: dict[str, E] = {}
    for group in groups:
        for event in group:
            unique.setdefault(event.id, event)
    return tuple(sorted(unique.values(), key=replay_key))


@attrs.frozen
class Tally:
    """How many times an award was granted: reported totals plus uncounted award events."""

    award: str
    value: float
    statistics: tuple[StatisticReported, ...]
    events: tuple[AwardGranted, ...]

    @property
    def counted(self) -> tuple[str, ...]:
        """Ids of every event behind the number; none appears twice."""
        return tuple(
            [eid for s in self.statistics for eid in (s.id, *s.covers)]
            + [e.id for e in self.events]
        )


@attrs.frozen
class Explanation:
    """Why a fact holds (or not) in a region as of a day: the events and sources behind it."""

    region: Region
    day: int
    question: str
    certain: tuple[Event, ...]
    possible: tuple[Event, ...]

    @property
    def holds(self) -> bool:
        return bool(self.certain)

    def __str__(self) -> str:
        verdict = "holds" if self.holds else ("possibly holds" if self.possible else "not found")
        lines = [f"{self.question!r} in {self.region.name} as of {day_text(self.day)}: {verdict}"]
        for heading, events in (("certain", self.certain), ("possible", self.possible)):
            for event in events:
                lines.append(f"  [{heading}] {event.effective}  {event.type_name}: {label(event)}")
                lines.append(
                    f"      source: {event.source.document}: “{event.source.quote}”"
                    f" (recorded {event.recorded})"
                )
        return "\n".join(lines)


class RegionState:
    """One region (with its subregions if rolled up) as of a day."""

    __slots__ = ("_members", "_view", "day", "region", "rollup")

    def __init__(self, view: View, region: Region, day: int, *, rollup: bool) -> None:
        self._view = view
        self.region = region
        self.day = day
        self.rollup = rollup
        codes = (
            [r.code for r in all_regions() if is_within(r.code, region.code)]
            if rollup
            else [region.code]
        )
        self._members = tuple(codes)

    def __repr__(self) -> str:
        rolled = ", rolled up" if self.rollup else ""
        return f"<RegionState {self.region.name} as of {day_text(self.day)}{rolled}>"

    @property
    def date(self) -> pendulum.Date:
        """The as-of day."""
        return pendulum.Date.fromordinal(self.day)

    def _facts(self, code: str) -> Composite:
        return self._view.state(code, self.day)

    def _collect(self, name: str) -> tuple[Any, ...]:
        return _merge(self._facts(code)[name] for code in self._members)

    @property
    def facts(self) -> Composite:
        """The built-in projections' state of the region itself (not rolled up)."""
        return self._facts(self.region.code)

    @property
    def events(self) -> tuple[Event, ...]:
        """Every fact certain by the as-of day, in replay order."""
        return _merge(self._view.certain(code, self.day) for code in self._members)

    @property
    def possible(self) -> tuple[Event, ...]:
        """Facts that may or may not have happened by the as-of day (imprecise dates)."""
        return _merge(self._view.region_index(code).possible(self.day) for code in self._members)

    @property
    def policies(self) -> tuple[PolicyIssued, ...]:
        """Policies issued and still in force."""
        return _merge(in_force(self._facts(code)["policies"], self.day) for code in self._members)

    @property
    def ended_policies(self) -> tuple[PolicyIssued, ...]:
        """Policies issued that are no longer in force: repealed or past their window."""
        return _merge(ended(self._facts(code)["policies"], self.day) for code in self._members)

    @property
    def awards(self) -> tuple[AwardGranted, ...]:
        """Awards granted."""
        return self._collect("awards")

    @property
    def nominations(self) -> tuple[AwardNominated, ...]:
        """Award nominations (not awards)."""
        return self._collect("nominations")

    @property
    def cqos(self) -> tuple[CQOAppointed, ...]:
        """Chief quality officers appointed."""
        return self._collect("cqos")

    @property
    def platforms(self) -> tuple[PlatformLaunched, ...]:
        """Platforms launched."""
        return self._collect("platforms")

    @property
    def designations(self) -> tuple[DesignationGranted, ...]:
        """Designations granted."""
        return self._collect("designations")

    @property
    def agreements(self) -> tuple[AgreementSigned, ...]:
        """Agreements signed."""
        return self._collect("agreements")

    @property
    def programs(self) -> tuple[ProgramLaunched, ...]:
        """Programmes launched."""
        return self._collect("programs")

    def _own_statistics(self, code: str) -> Statistics:
        statistics: Statistics = self._facts(code)["statistics"]
        return statistics

    def _figure(self, code: str, key: tuple[str, str], rollup: bool) -> Figure | None:
        reported = self._own_statistics(code).get(key)
        own = None if reported is None else Figure.of(reported)
        if not rollup:
            return own
        parts = [
            f
            for child in children(code)
            if (f := self._figure(child.code, key, rollup)) is not None
        ]
        if own is not None and not any(certainly_newer(p.date, own.date) for p in parts):
            return own
        return add_up(parts, region=code) if parts else None

    def _kinds(self, metric_key: str) -> list[str]:
        kinds: set[str] = set()
        for code in self._members:
            kinds.update(k for m, k in self._own_statistics(code) if m == metric_key)
        return sorted(kinds)

    def statistic(self, metric: str, *, kind: str | None = None) -> Figure | None:
        """The latest value of ``metric`` as of the day; ``None`` if none reported yet.

        If the metric was reported as more than one kind, ``kind`` must say which. Rolled
        up, the region's own report is used unless a child reported certainly later (its
        earliest day after the report's latest); then, or if the region has no report, its
        children's figures are added up. Rates never are: that raises
        :class:`IncompatibleFigures`.
        """
        if kind is not None and kind not in STATISTIC_KINDS:
            raise InvalidArgument("kind", kind, f"one of {', '.join(STATISTIC_KINDS)} or None")
        metric_key = fold(metric)
        if kind is None:
            kinds = self._kinds(metric_key)
            if not kinds:
                return None
            if len(kinds) > 1:
                raise AmbiguousStatistic(metric, kinds)
            kind = kinds[0]
        return self._figure(self.region.code, (metric_key, kind), self.rollup)

    @property
    def statistics(self) -> tuple[Figure, ...]:
        """Every statistic's latest figure; rolled up, those that can be added up."""
        keys = sorted({key for code in self._members for key in self._own_statistics(code)})
        figures = []
        for key in keys:
            try:
                figure = self._figure(self.region.code, key, self.rollup)
            except IncompatibleFigures:
                continue
            if figure is not None:
                figures.append(figure)
        return tuple(figures)

    def tally(self, award: str) -> Tally:
        """How many times ``award`` was granted here (and below, rolled up).

        A region's own reported total of the award counts the grants it covers; award
        events it does not cover and that come after it are added. Without a total, or
        when (rolled up) a child reported a total certainly later, the region's own award
        events and its children's tallies are added. No event is counted twice.
        """
        return self._tally(self.region.code, fold(award), award)

    def _tally(self, code: str, award_key: str, award: str) -> Tally:
        grants = [e for e in self._facts(code)["awards"] if fold(e.award) == award_key]
        total = self._own_statistics(code).get((award_key, "total"))
        below = (
            [self._tally(child.code, award_key, award) for child in children(code)]
            if self.rollup
            else []
        )
        superseded = total is not None and any(
            certainly_newer(x.effective, total.effective) for t in below for x in t.statistics
        )
        if total is not None and not superseded:
            after = [
                e
                for e in grants + [g for t in below for g in t.events]
                if e.id not in total.covers and replay_key(e) > replay_key(total)
            ]
            return Tally(award, total.value + len(after), (total,), tuple(after))
        covered = {eid for t in below for s in t.statistics for eid in s.covers}
        own_grants = [e for e in grants if e.id not in covered]
        return Tally(
            award,
            len(own_grants) + sum(t.value for t in below),
            tuple(s for t in below for s in t.statistics),
            tuple(own_grants) + tuple(g for t in below for g in t.events),
        )

    def explain(self, what: str) -> Explanation:
        """The events behind ``what`` (an event id, or words in a title, award, metric ...)."""
        key = fold(what)

        def matches(event: Event) -> bool:
            return event.id == what or key in fold(label(event))

        return Explanation(
            self.region,
            self.day,
            what,
            tuple(e for e in self.events if matches(e)),
            tuple(e for e in self.possible if matches(e)),
        )


class State:
    """A timeline as of one day (and one known-time)."""

    __slots__ = ("_view", "day")

    def __init__(self, view: View, day: int) -> None:
        self._view = view
        self.day = day

    def __repr__(self) -> str:
        return f"<State as of {day_text(self.day)}>"

    @property
    def date(self) -> pendulum.Date:
        """The as-of day."""
        return pendulum.Date.fromordinal(self.day)

    @property
    def known(self) -> pendulum.Date | None:
        """The known-time: only facts recorded by then count (None: everything)."""
        known = self._view.known
        return None if known is None else pendulum.Date.fromordinal(known)

    def region(self, name: str, *, rollup: bool = False) -> RegionState:
        """A region by code or name (simplified, traditional or English)."""
        return RegionState(self._view, region(name), self.day, rollup=rollup)

    def regions(self) -> Iterator[RegionState]:
        """Every region with a fact certain or possible by the day, in gazetteer order."""
        for found in all_regions():
            index = self._view.region_index(found.code)
            if index.certain_count(self.day) or index.possible(self.day):
                yield RegionState(self._view, found, self.day, rollup=False)

    def explain(self, region_name: str, what: str, *, rollup: bool = False) -> Explanation:
        """Why ``what`` holds or not in a region: the events, dates and quotes behind it."""
        return self.region(region_name, rollup=rollup).explain(what)

    def snapshot(self) -> dict[str, Composite]:
        """Every region's built-in state, by code: for comparing states."""
        return {code: self._view.state(code, self.day) for code in self._view.regions}
