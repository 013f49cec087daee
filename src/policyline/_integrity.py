"""The one integrity check: what a batch of events must satisfy to be taken whole.

Every door runs it: building a :class:`~policyline.Timeline` (and so ``load``),
``validate``, ``copy`` and every store's ``append`` (with the stored events the batch
meets). The rules:

- **ids are unique.** An event identical to one stored, or to one earlier in the batch,
  is a repeat and is skipped; a *different* event with such an id is refused, at the later
  one (the earlier one is where the id was first used, and innocent).
- **references resolve.** A repeal, a correction, a retraction, a ``covers`` list (and
  the references of a correction's replacement) point at events that are stored or in the
  batch.
- **amendments are well formed.** A correction targets a fact (not a correction or a
  retraction) of its replacement's type; a repeal targets a ``PolicyIssued``; what a field
  may point at is declared with it (``TARGETS``), a fact unless it says otherwise. A
  retraction may target any event (retracting a retraction restores what it retracted),
  but not itself, and retractions never form a cycle.

Each problem says where it is, by batch position; the caller says how positions read
(``file:line`` for text). :func:`check` never raises for bad data: it returns every issue.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import count
from operator import attrgetter

import attrs

from policyline._declaring import LAYOUTS, Field
from policyline._events import AMENDMENTS, Corrected, Event, Retracted

_ID = attrgetter("id")
Lookup = Callable[[Collection[str]], Mapping[str, Event]]
"""The stored events among some ids (a store's lookup; nothing is stored for a timeline)."""


def nothing_stored(ids: Collection[str]) -> Mapping[str, Event]:
    """The lookup of an empty store."""
    return {}


@attrs.frozen
class Issue:
    """One problem with a batch: the position of the event, the field's path, what is wrong."""

    position: int
    path: str
    message: str


@attrs.frozen
class Checked:
    """A checked batch: the positions of its new events, in order, and every issue."""

    new: Sequence[int]
    issues: list[Issue]


def references(event: Event) -> list[tuple[Field, str]]:
    """Every (field, event id) an event points at, its replacement's included."""
    layout = LAYOUTS[event.type_name]
    found: list[tuple[Field, str]] = []
    for field in layout.references:
        value = getattr(event, field.name)
        if field.kind.references == "one":
            found.append((field, value))
        else:
            found.extend((field, target) for target in value)
    if isinstance(event, Corrected):
        found.extend(references(event.replacement))
    return found


def _pointing_types() -> dict[type[Event], Callable[[Event], object]]:
    """The event types that can point at other events (only they need reference checks),
    each with a getter of the fields that may point (falsy when none does)."""
    pointing = {
        layout.cls: [f.name for f in layout.payload if f.kind.nested or f.kind.references]
        for layout in LAYOUTS.values()
    }
    return {cls: attrgetter(*names) for cls, names in pointing.items() if names}


def check(
    events: Sequence[Event],
    stored: Lookup = nothing_stored,
    where: Callable[[int], str] = lambda position: f"batch position {position}",
) -> Checked:
    """Check a batch against itself and against the stored events ``stored`` finds.

    ``where`` describes a batch position, for messages that name another event.
    """
    first = dict(zip(map(_ID, events), count()))  # each id's position, built in C
    if len(first) != len(events):  # an id repeats: keep each id's first position
        first = {}
        for position, event in enumerate(events):
            first.setdefault(event.id, position)
    getters = _pointing_types()
    candidates = [
        p for p, e in enumerate(events) if (get := getters.get(type(e))) is not None and get(e)
    ]
    pointing = [(p, found) for p in candidates if (found := references(events[p]))]
    stored_events: Mapping[str, Event] = {}
    if stored is not nothing_stored:
        wanted = set(first) | {t for _, found in pointing for _, t in found}
        stored_events = stored(wanted)
    issues: list[Issue] = []
    if len(first) == len(events) and not stored_events:
        new: Sequence[int] = range(len(events))  # the usual case: all distinct, all new
    else:
        new = _new_positions(events, first, stored_events, where, issues)
    fresh = set(new) if isinstance(new, list) else new

    def resolve(target: str) -> Event | None:
        kept = stored_events.get(target)
        if kept is not None:
            return kept
        position = first.get(target)
        return None if position is None else events[position]

    for position, found in pointing:
        if position in fresh:
            issues.extend(_amendment_issues(position, events[position], found, resolve))
    issues.sort(key=lambda issue: issue.position)
    return Checked(new, issues)


def _new_positions(
    events: Sequence[Event],
    first: Mapping[str, int],
    found: Mapping[str, Event],
    where: Callable[[int], str],
    issues: list[Issue],
) -> list[int]:
    """The positions of events neither stored nor repeated; a different event under a
    used id is an issue at the later one."""
    new = []
    for position, event in enumerate(events):
        kept = found.get(event.id)
        if kept is not None:
            if kept != event:
                message = f"{event.id!r} is the id of a different event already stored"
                issues.append(Issue(position, "$.id", message))
            continue
        earlier = first[event.id]
        if earlier != position:
            if events[earlier] != event:
                message = f"{event.id!r} is the id of a different event at {where(earlier)}"
                issues.append(Issue(position, "$.id", message))
            continue
        new.append(position)
    return new


def _amendment_issues(
    position: int,
    event: Event,
    pointed_at: list[tuple[Field, str]],
    resolve: Callable[[str], Event | None],
) -> list[Issue]:
    issues = []
    for field, target in pointed_at:
        path = f"$.payload.{field.key}"
        pointed = resolve(target)
        if pointed is None:
            issues.append(Issue(position, path, f"points at {target!r}, which does not exist"))
            continue
        allowed = field.targets
        if allowed == ("*",):
            continue
        if allowed is not None and pointed.type_name not in allowed:
            expected = " or ".join(allowed)
            message = f"points at {target!r}, a {pointed.type_name}, not a {expected}"
            issues.append(Issue(position, path, message))
        elif allowed is None and isinstance(pointed, AMENDMENTS):
            message = f"points at {target!r}, a {pointed.type_name}: expected a fact"
            issues.append(Issue(position, path, message))
    if isinstance(event, Corrected):
        amended = resolve(event.target)
        kind = event.replacement.type_name
        if (
            amended is not None
            and not isinstance(amended, AMENDMENTS)
            and amended.type_name != kind
        ):
            message = f"a {kind}, but the target {event.target!r} is a {amended.type_name}"
            issues.append(Issue(position, "$.payload.replacement.type", message))
    if isinstance(event, Retracted):
        cycle = _retraction_cycle(event, resolve)
        if cycle:
            shown = " → ".join(repr(i) for i in cycle)
            issues.append(Issue(position, "$.payload.target", f"retractions form a cycle: {shown}"))
    return issues


def _retraction_cycle(event: Retracted, resolve: Callable[[str], Event | None]) -> list[str]:
    """The ids of the cycle this retraction starts, if its targets lead back to it."""
    chain = [event.id]
    current: Event | None = event
    while isinstance(current, Retracted):
        if current.target in chain:
            return [*chain, current.target] if current.target == event.id else []
        chain.append(current.target)
        current = resolve(current.target)
    return []
