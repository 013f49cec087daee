"""The invariant suite: laws every projection folded by policyline must keep.

:func:`check_projection` lets hypothesis hunt, law by law, for a timeline on which a
projection (yours or a built-in one) and the library disagree with the documented rules,
and raises :class:`LawBroken` naming the law, with the smallest example it found. A
projection's states must compare with ``==``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyline import Corrected, Event, ImpreciseDate, Projection, Retracted, Timeline
from policyline._projections.base import Checkpoints
from policyline.errors import InvalidArgument
from policyline.testing.naive import naive_certain, naive_facts, naive_fold
from policyline.testing.strategies import (
    REGION_CODES,
    days,
    facts,
    imprecise_dates,
    region_trees,
    timelines,
)


class LawBroken(AssertionError):
    """A projection, or the library folding it, broke one of the laws."""

    def __init__(self, law: str, detail: str) -> None:
        self.law = law
        self.detail = detail
        super().__init__(f"{law}: {detail}")


Law = Callable[[Projection[Any], st.DataObject], None]


def _expect(law: str, holds: bool, detail: str) -> None:
    if not holds:
        raise LawBroken(law, detail)


def _question(data: st.DataObject, events: Sequence[Event], codes: Iterable[str] = ()) -> Any:
    """A day, a region of the timeline's (or none) and a known-time (or none)."""
    day = data.draw(days(), label="as of")
    used = sorted({code for e in events for code in e.regions} | set(codes))
    region = data.draw(st.none() | st.sampled_from(used or REGION_CODES), label="region")
    known = data.draw(st.none() | days(), label="known")
    return day, region, known


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def deterministic(projection: Projection[Any], data: st.DataObject) -> None:
    """Folding the same facts twice gives equal states, and leaves the initial state as it
    was (a handler that changes its state in place breaks this)."""
    events = data.draw(timelines(), label="events")
    day, region, known = _question(data, events)
    initial = _snapshot(projection.initial)
    first = Timeline(events).project(projection, day, region=region, known=known)
    second = Timeline(events).project(projection, day, region=region, known=known)
    _expect("deterministic", first == second, f"{first!r} then {second!r}")
    _expect(
        "deterministic",
        _snapshot(projection.initial) == initial,
        f"the initial state changed from {initial!r} to {projection.initial!r}",
    )


def _snapshot(state: object) -> object:
    """A copy of ``state`` to compare with later; its repr if it cannot be copied."""
    try:
        return copy.deepcopy(state)
    except (TypeError, copy.Error):
        return repr(state)


def order_independent(projection: Projection[Any], data: st.DataObject) -> None:
    """The order in which events are given (a file's lines, a store's rows) never changes
    an answer: replay sorts them."""
    events = data.draw(timelines(), label="events")
    shuffled = data.draw(st.permutations(events), label="the same events in another order")
    day, region, known = _question(data, events)
    given_order = Timeline(events).project(projection, day, region=region, known=known)
    other_order = Timeline(shuffled).project(projection, day, region=region, known=known)
    _expect("order_independent", given_order == other_order, f"{given_order!r} != {other_order!r}")


def as_of_equals_naive_fold(projection: Projection[Any], data: st.DataObject) -> None:
    """``Timeline.project`` and a region state's ``project`` (indexed) equal folding,
    handler by handler from the initial state, the standing facts certain by the day, in
    the region or below it, in replay order."""
    events = data.draw(timelines(), label="events")
    day, region, known = _question(data, events)
    timeline = Timeline(events)
    answer = timeline.project(projection, day, region=region, known=known)
    naive = naive_fold(projection, events, day.toordinal(), region=region, known=_ordinal(known))
    _expect("as_of_equals_naive_fold", answer == naive, f"{answer!r} != naive {naive!r}")
    if region is not None:
        state = timeline.as_of(day, known=known).region(region, rollup=True)
        indexed = state.project(projection)
        _expect("as_of_equals_naive_fold", indexed == naive, f"{indexed!r} != naive {naive!r}")


def certain_within_possible(projection: Projection[Any], data: st.DataObject) -> None:
    """What is certain by a day may have happened by it and stays certain after it; what
    is only possible is not also certain; the projection folds exactly the certain facts."""
    events = data.draw(timelines(), label="events")
    day, region, known = _question(data, events)
    later = day + dt.timedelta(days=data.draw(st.integers(0, 800), label="days later"))
    timeline = Timeline(events)
    code = region or (events[0].region if events else "330000")
    state = timeline.as_of(day, known=known).region(code, rollup=True)
    certain = {e.id for e in state.events}
    possible = {e.id for e in state.possible}
    _expect("certain_within_possible", not certain & possible, f"both: {certain & possible}")
    _expect(
        "certain_within_possible",
        all(e.effective.earliest <= day.toordinal() for e in state.events),
        "a certain fact whose earliest day is after the as-of day",
    )
    after = {e.id for e in timeline.as_of(later, known=known).region(code, rollup=True).events}
    _expect("certain_within_possible", certain <= after, f"no longer certain: {certain - after}")
    folded = projection.fold(list(state.events))
    answer = timeline.project(projection, day, region=code, known=known)
    _expect("certain_within_possible", answer == folded, f"{answer!r} != {folded!r}")


@st.composite
def _recorded_after(draw: st.DrawFn, events: Sequence[Event], day: dt.date) -> list[Event]:
    """New facts, and retractions and corrections of ``events``' facts, all recorded after
    ``day``."""

    def later() -> ImpreciseDate:
        return ImpreciseDate.parse((day + dt.timedelta(days=draw(st.integers(1, 900)))).isoformat())

    added: list[Event] = []
    for number in range(draw(st.integers(0, 3))):
        added.append(attrs.evolve(draw(facts(f"late{number}")), recorded=later()))
    targets = [e for e in events if not isinstance(e, Corrected | Retracted)]
    for number in range(draw(st.integers(0, 3)) if targets else 0):
        target = draw(st.sampled_from(targets))
        envelope = {"id": f"late-amendment{number}", "region": target.region}
        base = {
            **envelope,
            "effective": target.effective,
            "recorded": later(),
            "source": target.source,
        }
        if draw(st.booleans()):
            added.append(Retracted(**base, target=target.id, reason="later found wrong"))
        else:
            replacement = attrs.evolve(target, effective=draw(imprecise_dates()))
            added.append(
                Corrected(**base, target=target.id, reason="later", replacement=replacement)
            )
    return added


def knowing_more_never_forgets(projection: Projection[Any], data: st.DataObject) -> None:
    """An answer as known on a day never changes when records made after that day are
    added (new facts, corrections, retractions). A fact standing then still stands later
    unless a later record amended it."""
    events = data.draw(timelines(), label="events")
    day, region, _ = _question(data, events)
    known = data.draw(days(), label="known")
    added = data.draw(_recorded_after(events, known), label="recorded later")
    then = Timeline(events).project(projection, day, region=region, known=known)
    more = Timeline([*events, *added]).project(projection, day, region=region, known=known)
    _expect("knowing_more_never_forgets", then == more, f"{then!r} != {more!r}")
    later = known.toordinal() + data.draw(st.integers(0, 800), label="days later")
    amended = {
        e.target
        for e in events
        if isinstance(e, Corrected | Retracted) and e.recorded.latest > known.toordinal()
    }
    before = {e.id for e in naive_facts(events, known.toordinal())} - amended
    after = {e.id for e in naive_facts(events, later)}
    _expect("knowing_more_never_forgets", before <= after, f"forgotten: {before - after}")


def checkpointed_equals_scratch(projection: Projection[Any], data: st.DataObject) -> None:
    """Every prefix's state read from the projection's index (its own indexer, or
    checkpoints of any spacing) equals folding that prefix handler by handler."""
    events = data.draw(timelines(), label="events")
    facts = list(Timeline(events).facts())
    every = data.draw(st.integers(1, 5), label="checkpoint every")
    index = projection.index(facts)
    checkpoints = Checkpoints(projection, facts, every=every)
    state = projection.initial
    for count in range(len(facts) + 1):
        if count:
            state = projection.apply(state, facts[count - 1])
        indexed, checkpointed = index.at(count), checkpoints.at(count)
        _expect(
            "checkpointed_equals_scratch",
            indexed == state and checkpointed == state,
            f"after {count} events: index {indexed!r}, checkpoints {checkpointed!r}, "
            f"fold {state!r}",
        )


def rollups_never_count_twice(projection: Projection[Any], data: st.DataObject) -> None:
    """A region rolled up folds each fact of it and the regions below it once, an
    agreement between two of them included."""
    tree = data.draw(region_trees(), label="region tree")
    day, _, known = _question(data, tree.events, tree.codes)
    timeline = Timeline(tree.events)
    answer = timeline.project(projection, day, region=tree.root, known=known)
    naive = naive_fold(
        projection, tree.events, day.toordinal(), region=tree.root, known=_ordinal(known)
    )
    _expect("rollups_never_count_twice", answer == naive, f"{answer!r} != naive {naive!r}")
    ids = [e.id for e in timeline.as_of(day, known=known).region(tree.root, rollup=True).events]
    _expect("rollups_never_count_twice", len(ids) == len(set(ids)), f"counted twice in {ids}")
    expected = naive_certain(tree.events, day.toordinal(), region=tree.root, known=_ordinal(known))
    _expect(
        "rollups_never_count_twice",
        sorted(ids) == sorted(e.id for e in expected),
        f"{sorted(ids)} != naive {sorted(e.id for e in expected)}",
    )


LAWS: dict[str, Law] = {
    law.__name__: law
    for law in (
        deterministic,
        order_independent,
        as_of_equals_naive_fold,
        certain_within_possible,
        knowing_more_never_forgets,
        checkpointed_equals_scratch,
        rollups_never_count_twice,
    )
}
"""Every law, by name, in the order :func:`check_projection` runs them."""


def check_projection(
    projection: Projection[Any],
    *,
    laws: Iterable[str] | None = None,
    max_examples: int | None = None,
) -> None:
    """Run the laws (all, or those named) against ``projection``; raise :class:`LawBroken`
    for the first one broken, with hypothesis's smallest example in its notes.

    ``max_examples`` is per law; by default the active hypothesis profile decides.
    """
    chosen = list(LAWS) if laws is None else list(laws)
    unknown = [name for name in chosen if name not in LAWS]
    if unknown:
        raise InvalidArgument("laws", unknown, f"names of laws: {', '.join(LAWS)}")
    options: dict[str, Any] = {
        "deadline": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    }
    if max_examples is not None:
        options["max_examples"] = max_examples
    for name in chosen:
        _hunt(LAWS[name], projection, options)


def _hunt(law: Law, projection: Projection[Any], options: dict[str, Any]) -> None:
    @settings(**options)
    @given(st.data())
    def hunt(data: st.DataObject) -> None:
        law(projection, data)

    hunt()
