"""Point-in-time states: what a region had, as of a day, as known at a known-time.

A :class:`State` is a timeline seen as of one day. ``state.region("杭州")`` gives a
:class:`RegionState`: the region's certain facts folded by the built-in projections, and,
apart, the facts that only possibly happened by then. With ``rollup=True`` a region is seen
together with every region below it: lists are merged (each event once) and a statistic
is rolled up (:mod:`policyline._rollup`). ``project`` folds any projection of one's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import attrs
import pendulum

from policyline._bulk import paused_gc
from policyline._dates import day_text
from policyline._events import (
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
from policyline._explanation import Explanation as Explanation
from policyline._fields import STATISTIC_KINDS
from policyline._figures import Answer, Figure, Refusal
from policyline._hanzi import fold
from policyline._identity import Identity, answer_of
from policyline._metrics import metric_key
from policyline._projections import (
    AGREEMENTS,
    AWARDS,
    CQOS,
    DESIGNATIONS,
    NOMINATIONS,
    PLATFORMS,
    POLICIES,
    PROGRAMS,
    STATISTICS,
    Composite,
    Projection,
)
from policyline._projections.policies import ended, in_force
from policyline._projections.statistics import StatisticKey
from policyline._regions import NATION, Region, all_regions, provinces, region
from policyline._results import Answers, Events
from policyline._rollup import Tally, rolled_up, tally
from policyline._territory import lineage, same_unit, territory
from policyline._view import View, replay_key
from policyline.errors import AmbiguousStatistic, IncompatibleFigures, InvalidArgument

E = TypeVar("E", bound=Event)
S = TypeVar("S")


def merged(groups: Iterable[Iterable[E]]) -> tuple[E, ...]:
    """Events of several regions, each once, in replay order."""
    unique: dict[str, E] = {}
    for group in groups:
        for event in group:
            unique.setdefault(event.id, event)
    return tuple(sorted(unique.values(), key=replay_key))


class RegionState:
    """One region (with its subregions if rolled up) as of a day."""

    __slots__ = ("_members", "_view", "day", "region", "rollup")

    def __init__(self, view: View, region: Region, day: int, *, rollup: bool) -> None:
        self._view = view
        self.region = region
        self.day = day
        self.rollup = rollup
        codes = territory(region.code) if rollup else lineage(region.code)
        # The codes with facts (of a national roll-up's thousands, the few that have any).
        self._members = tuple(code for code in view.regions if code in codes)

    def __repr__(self) -> str:
        rolled = ", rolled up" if self.rollup else ""
        known = self._view.known
        also = "" if known is None else f", known {day_text(known)}"
        return f"<RegionState {self.region.name} as of {day_text(self.day)}{also}{rolled}>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import region_state_html

        return region_state_html(self)

    @property
    def known_day(self) -> int | None:
        """The known-time as a day number (None: everything recorded counts)."""
        return self._view.known

    @property
    def date(self) -> pendulum.Date:
        """The as-of day."""
        return pendulum.Date.fromordinal(self.day)

    @property
    def identities(self) -> Mapping[str, Identity]:
        """For each fact several sources report, what they say together, by its id."""
        return self._view.identities

    def _state(self, code: str) -> Composite:
        return self._view.state(code, self.day)

    def _collect(self, projection: Projection[Sequence[E]]) -> tuple[E, ...]:
        groups: list[Sequence[E]] = [self._state(code).of(projection) for code in self._members]
        return merged(groups)

    @property
    def facts(self) -> Composite:
        """The built-in projections' state of the region itself (not rolled up)."""
        return self._state(self.region.code)

    @property
    def events(self) -> Events:
        """Every fact certain by the as-of day, in replay order (a tuple and a table)."""
        certain = merged(self._view.certain(code, self.day) for code in self._members)
        return Events(certain, self._view.identities)

    @property
    def possible(self) -> Events:
        """Facts that may or may not have happened by the as-of day (imprecise dates)."""
        members = self._members
        possible = merged(self._view.region_index(c).possible(self.day) for c in members)
        return Events(possible, self._view.identities)

    @property
    def policies(self) -> tuple[PolicyIssued, ...]:
        """Policies issued and still in force."""
        return merged(in_force(self._state(c).of(POLICIES), self.day) for c in self._members)

    @property
    def ended_policies(self) -> tuple[PolicyIssued, ...]:
        """Policies issued that are no longer in force: repealed or past their window."""
        return merged(ended(self._state(c).of(POLICIES), self.day) for c in self._members)

    @property
    def awards(self) -> tuple[AwardGranted, ...]:
        """Awards granted."""
        return self._collect(AWARDS)

    @property
    def nominations(self) -> tuple[AwardNominated, ...]:
        """Award nominations (not awards)."""
        return self._collect(NOMINATIONS)

    @property
    def cqos(self) -> tuple[CQOAppointed, ...]:
        """Chief quality officers appointed."""
        return self._collect(CQOS)

    @property
    def platforms(self) -> tuple[PlatformLaunched, ...]:
        """Platforms launched."""
        return self._collect(PLATFORMS)

    @property
    def designations(self) -> tuple[DesignationGranted, ...]:
        """Designations granted."""
        return self._collect(DESIGNATIONS)

    @property
    def agreements(self) -> tuple[AgreementSigned, ...]:
        """Agreements signed."""
        return self._collect(AGREEMENTS)

    @property
    def programs(self) -> tuple[ProgramLaunched, ...]:
        """Programmes launched."""
        return self._collect(PROGRAMS)

    def project(self, projection: Projection[S]) -> S:
        """Any projection folded over the facts certain by the as-of day (the region's
        own, or rolled up every member's, each once, in replay order)."""
        if self._members == (self.region.code,):
            index = self._view.region_index(self.region.code)
            state: S = index.index(projection).at(index.certain_count(self.day))
            return state
        return projection.fold(self.events)

    def _answer(self, key: StatisticKey) -> Answer | None:
        reports: dict[str, StatisticReported] = {}
        for code in self._members:
            report = self._state(code).of(STATISTICS).get(key)
            if report is not None:
                reports[code] = report
        identities = self._view.identities

        def own(code: str) -> Answer | None:
            """The region's latest report, under its code or an older one of the unit."""
            found = [reports[c] for c in same_unit(code) if c in reports]
            if not found:
                return None
            answer = answer_of(max(found, key=replay_key), identities)
            # Filed under an older code of the unit: the figure is this region's (its
            # source still says where it was filed).
            return answer if answer.region == code else attrs.evolve(answer, region=code)

        day = dt.date.fromordinal(self.day)
        return rolled_up(self.region.code, own, rollup=self.rollup, day=day, reported=reports)

    def _keys(self) -> list[StatisticKey]:
        return sorted({key for code in self._members for key in self._state(code).of(STATISTICS)})

    def statistic(self, metric: str, *, kind: str | None = None) -> Figure | None:
        """The latest value of ``metric`` as of the day; ``None`` if none reported yet.

        If the metric was reported as more than one kind, ``kind`` must say which. Rolled
        up, see :mod:`policyline._rollup`; a figure that cannot be added up raises
        :class:`IncompatibleFigures`, whose ``refusal`` says why.
        """
        answer = self.answer(metric, kind=kind)
        if isinstance(answer, Refusal):
            raise IncompatibleFigures(answer.metric, answer.reason, answer)
        return answer

    def answer(self, metric: str, *, kind: str | None = None) -> Answer | None:
        """The figure of ``metric``, or the :class:`Refusal` of one; ``None`` if none yet.

        ``metric`` is a statistic's name in either script, or words of it that name one
        (:mod:`policyline._metrics`); a name that is no statistic of the timeline raises
        :class:`UnknownMetric` with suggestions."""
        if kind is not None and kind not in STATISTIC_KINDS:
            raise InvalidArgument("kind", kind, f"one of {', '.join(STATISTIC_KINDS)} or None")
        key = metric_key(self._view, metric)
        kinds = sorted({k for m, k in self._keys() if m == key})
        if kind is None:
            if not kinds:
                return None
            if len(kinds) > 1:
                raise AmbiguousStatistic(metric, kinds)
            kind = kinds[0]
        return self._answer((key, kind))

    @property
    def statistics(self) -> Answers:
        """Every statistic's latest figure, or (rolled up) the refusal of one, by metric
        (a tuple and a table)."""
        answers = (self._answer(key) for key in self._keys())
        return Answers(answer for answer in answers if answer is not None)

    def tally(self, award: str) -> Tally:
        """How many times ``award`` was granted here (and below, rolled up).

        The rolled-up figure of the award's reported total, plus every grant it does not
        already count (:func:`policyline._rollup.tally`): no event is counted twice. With
        no total, a reported round (an increment) makes the tally at least its count.
        """
        key = fold(award)
        grants = [grant for grant in self.awards if fold(grant.award) == key]
        return tally(award, self._answer((key, "total")), grants, self._answer((key, "increment")))

    def explain(self, what: str) -> Explanation:
        """The events behind ``what`` (an event id, or words in a title, award, metric ...)."""
        key = fold(what)

        identities = self._view.identities

        def matches(event: Event) -> bool:
            found = identities.get(event.id)
            ids = (event.id,) if found is None else (event.id, *(c.id for c in found.claims))
            return what in ids or key in fold(label(event))

        named = [k for k in self._keys() if key in k[0]]
        figures = (self._answer(k) for k in named)
        certain = tuple(e for e in self.events if matches(e))
        possible = tuple(e for e in self.possible if matches(e))
        shown = (identities.get(e.id) for e in certain + possible)
        return Explanation(
            self.region,
            self.day,
            what,
            certain,
            possible,
            tuple(f for f in figures if f is not None),
            self._view.known,
            tuple(i for i in shown if i is not None),
        )


class State:
    """A timeline as of one day (and one known-time)."""

    __slots__ = ("_view", "day")

    def __init__(self, view: View, day: int) -> None:
        self._view = view
        self.day = day

    def __repr__(self) -> str:
        known = self._view.known
        also = "" if known is None else f", known {day_text(known)}"
        return f"<State as of {day_text(self.day)}{also}>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import state_html

        return state_html(self)

    @property
    def identities(self) -> Mapping[str, Identity]:
        """For each fact several sources report, what they say together, by its id."""
        return self._view.identities

    @property
    def known_day(self) -> int | None:
        """The known-time as a day number (None: everything recorded counts)."""
        return self._view.known

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

    def overview(self) -> list[RegionState]:
        """The nation's own facts, then each province with the regions below it: the
        states that together show everything, each fact once (those with facts)."""
        states = [RegionState(self._view, region(NATION), self.day, rollup=False)]
        states += [RegionState(self._view, p, self.day, rollup=True) for p in provinces()]
        return [s for s in states if s.events or s.possible]

    def shown(self, region_name: str | None = None, *, rollup: bool = False) -> list[RegionState]:
        """The states that together answer "as of the day": one region's (rolled up or
        not), or every region with facts, or (rolled up) the :meth:`overview`."""
        if region_name is not None:
            return [self.region(region_name, rollup=rollup)]
        return self.overview() if rollup else list(self.regions())

    def figures(self, region_name: str | None = None, *, rollup: bool = False) -> Answers:
        """The figure (or refusal) of every statistic of the :meth:`shown` states, one row
        each: what ``policyline asof --format csv`` prints, and :func:`policyline.figures`."""
        return Answers(a for s in self.shown(region_name, rollup=rollup) for a in s.statistics)

    def explain(self, region_name: str, what: str, *, rollup: bool = False) -> Explanation:
        """Why ``what`` holds or not in a region: the events, dates and quotes behind it."""
        return self.region(region_name, rollup=rollup).explain(what)

    def snapshot(self) -> dict[str, Composite]:
        """Every region's built-in state, by code: for comparing states (the first one
        builds every region's index: with the collector paused, as every bulk path)."""
        with paused_gc():
            return {code: self._view.state(code, self.day) for code in self._view.regions}
