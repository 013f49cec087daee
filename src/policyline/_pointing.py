"""What an event may point at: the references of each event, and the rules they keep.

Part of the one integrity check (:mod:`policyline._integrity`), which feeds it every event
that points, with a way to find what each reference names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter

import attrs

from policyline._declaring import ENVELOPE, LAYOUTS, Field
from policyline._events import AMENDMENTS, AgreementSigned, Corrected, Event, Retracted
from policyline._identity import Pointed, same_fact_issues
from policyline._territory import BOUNDED, listed_issue


@attrs.frozen
class Issue:
    """One problem with a batch: the position of the event, the field's path, what is wrong."""

    position: int
    path: str
    message: str


def listed_issues(start: int, events: Sequence[Event]) -> list[Issue]:
    """Each event (at its position from ``start``) filed under a region that was no
    division on any day its date allows (a replacement's too, and every party region of
    an agreement)."""
    issues = []
    for position, event in enumerate(events, start):
        if event.region in BOUNDED or isinstance(event, _SEVERAL):
            for path, fact in _facts(event):
                for code in fact.regions:
                    problem = listed_issue(code, fact.effective)
                    if problem is not None:
                        where = "$.region" if code == fact.region else "$.payload.regions"
                        issues.append(Issue(position, path + where[1:], problem))
    return issues


_SEVERAL = (AgreementSigned, Corrected)
"""Types whose events name more regions than their own."""


def _facts(event: Event) -> list[tuple[str, Event]]:
    if isinstance(event, Corrected):
        return [("$", event), ("$.payload.replacement", event.replacement)]
    return [("$", event)]


def references(event: Event) -> list[tuple[Field, str]]:
    """Every (field, event id) an event points at, its replacement's included."""
    layout = LAYOUTS[event.type_name]
    found: list[tuple[Field, str]] = []
    for field in layout.references:
        value = getattr(event, field.name)
        if value is None:  # an optional reference (same_as) not given
            continue
        if field.kind.references == "one":
            found.append((field, value))
        else:
            found.extend((field, target) for target in value)
    if isinstance(event, Corrected):
        found.extend(references(event.replacement))
    return found


def pointing_types() -> dict[type[Event], Callable[[Event], object]]:
    """The event types that can point at other events (only they need reference checks),
    each with a getter of the fields that may point (falsy when none does)."""
    pointing = {
        layout.cls: [f.name for f in layout.payload if f.kind.nested or f.kind.references]
        for layout in LAYOUTS.values()
    }
    return {cls: attrgetter(*names) for cls, names in pointing.items() if names}


Resolve = Callable[[str], Pointed | None]
"""The event at an id: held whole, or what the check keeps of it (None: no such event)."""


def amendment_issues(
    position: int,
    event: Event,
    pointed_at: list[tuple[Field, str]],
    resolve: Resolve,
) -> list[Issue]:
    issues = []
    for field, target in pointed_at:
        path = f"$.{field.key}" if field.name in ENVELOPE else f"$.payload.{field.key}"
        pointed = resolve(target)
        if pointed is None:
            issues.append(Issue(position, path, f"points at {target!r}, which does not exist"))
            continue
        if field.name == "same_as":
            if isinstance(event, AMENDMENTS) and event.same_as is not None:
                message = f"a {event.type_name} amends facts: it is not the same as one"
                issues.append(Issue(position, path, message))
                continue
            if isinstance(event, Corrected):
                continue  # the replacement's: checked when its target was (it is the same)
            problems = same_fact_issues(event, pointed, resolve)
            issues.extend(Issue(position, path, message) for message in problems)
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
        elif amended is not None and amended.same_as != event.replacement.same_as:
            message = (
                f"{event.replacement.same_as!r}, but the target {event.target!r} is the same"
                f" as {amended.same_as!r}: a correction keeps what a fact is the same as"
                " (record a new event to join a fact, or retract one to leave it)"
            )
            issues.append(Issue(position, "$.payload.replacement.same_as", message))
    if isinstance(event, Retracted):
        cycle = _retraction_cycle(event, resolve)
        if cycle:
            shown = " → ".join(repr(i) for i in cycle)
            issues.append(Issue(position, "$.payload.target", f"retractions form a cycle: {shown}"))
    return issues


def _retraction_cycle(event: Retracted, resolve: Resolve) -> list[str]:
    """The ids of the cycle this retraction starts, if its targets lead back to it."""
    chain = [event.id]
    current: Pointed | None = event
    while isinstance(current, Retracted):
        if current.target in chain:
            return [*chain, current.target] if current.target == event.id else []
        chain.append(current.target)
        current = resolve(current.target)
    return []
