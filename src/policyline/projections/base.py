"""Projections: pure folds ``(state, event) -> state`` from an initial state.

A projection is a name, an initial state and one small function per event type it cares
about; events of other types leave the state as it is. States are immutable values, so a
state can be kept (as a checkpoint) and folded further without being copied.

A custom projection takes a few lines::

    award_count = Projection("award_count", 0, {AwardGranted: lambda n, event: n + 1})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

import attrs

from policyline.events import Event

S = TypeVar("S")
E = TypeVar("E", bound=Event)
Handler = Callable[[S, Any], S]
Handlers = Mapping[type[Any], Callable[[S, Any], S]]


@attrs.frozen
class Projection(Generic[S]):
    """A named fold: ``initial`` state and a handler per event type."""

    name: str
    initial: S
    handlers: Handlers[S]

    def apply(self, state: S, event: Event) -> S:
        """The state after ``event``; unchanged if this projection ignores its type."""
        handler = self.handlers.get(type(event))
        return state if handler is None else handler(state, event)

    def fold(self, events: Iterable[Event], state: S | None = None) -> S:
        """Fold ``events`` in order, from ``state`` or from the initial state."""
        current = self.initial if state is None else state
        handlers = self.handlers
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                current = handler(current, event)
        return current


def collecting(name: str, event_type: type[E]) -> Projection[tuple[E, ...]]:
    """A projection that keeps every event of one type, in replay order."""

    def add(state: tuple[E, ...], event: E) -> tuple[E, ...]:
        return (*state, event)

    return Projection(name, (), {event_type: add})


@attrs.frozen
class Composite:
    """The state of composed projections: one sub-state per projection name."""

    names: tuple[str, ...]
    states: tuple[Any, ...]

    def __getitem__(self, name: str) -> Any:
        return self.states[self.names.index(name)]

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(self.names, self.states, strict=True))


def compose(*projections: Projection[Any]) -> Projection[Composite]:
    """One projection that runs several side by side; its state is a :class:`Composite`."""
    names = tuple(p.name for p in projections)
    if len(set(names)) != len(names):
        raise ValueError(f"projection names must be unique, got {names}")
    by_type: dict[type[Event], list[tuple[int, Handler[Any]]]] = {}
    for index, projection in enumerate(projections):
        for event_type, handler in projection.handlers.items():
            by_type.setdefault(event_type, []).append((index, handler))

    def handler_for(pairs: list[tuple[int, Handler[Any]]]) -> Handler[Composite]:
        def apply(state: Composite, event: Event) -> Composite:
            states = list(state.states)
            for index, handler in pairs:
                states[index] = handler(states[index], event)
            return Composite(state.names, tuple(states))

        return apply

    initial = Composite(names, tuple(p.initial for p in projections))
    return Projection(
        "+".join(names),
        initial,
        {event_type: handler_for(pairs) for event_type, pairs in by_type.items()},
    )
