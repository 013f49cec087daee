"""Projections: pure folds ``(state, event) -> state`` from an initial state.

A projection is a name, an initial state and one small function per event type it cares
about; events of other types leave the state as it is. States are immutable values, so a
state can be kept (as a checkpoint) and folded further without being copied.

A custom projection takes a few lines::

    award_count = Projection("award_count", 0, {AwardGranted: lambda n, event: n + 1})

For as-of questions a projection is *indexed* over one event sequence: :meth:`Projection.index`
gives an :class:`Index` whose ``at(n)`` is the state after the first ``n`` events, equal to
folding them one by one. By default an index keeps a checkpoint every :data:`CHECKPOINT`
events and folds the rest; a projection may bring a faster ``indexer`` of its own (the
built-in ones slice per-type sequences, so their checkpoints share every event).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar, overload

import attrs

from policyline._events import Event
from policyline.errors import InvalidArgument

S = TypeVar("S")
T = TypeVar("T")
S_co = TypeVar("S_co", covariant=True)
E = TypeVar("E", bound=Event)
Handler = Callable[[S, Any], S]
Handlers = Mapping[type[Any], Callable[[S, Any], S]]

CHECKPOINT = 64
"""Events between two checkpoints of an index built by plain folding."""


class Index(Protocol[S_co]):
    """The states of every prefix of one event sequence."""

    def at(self, count: int) -> S_co:
        """The state after the first ``count`` events (equal to folding them in order)."""


class Prefixes:
    """An event sequence in replay order, with each event type's positions and events.

    Built once per sequence and shared by every projection indexed over it.
    """

    __slots__ = ("_derived", "_groups", "events")

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self._derived: dict[Callable[[Prefixes], object], object] = {}
        # Positions grouped by type without a Python-level loop per event: number the
        # types, sort the positions by that number (stably), and cut the runs.
        kinds = list(map(type, events))
        numbers = {kind: number for number, kind in enumerate(dict.fromkeys(kinds))}
        of_kind = list(map(numbers.__getitem__, kinds))
        ordered = sorted(range(len(events)), key=of_kind.__getitem__)
        ordered_kinds = sorted(of_kind)
        self._groups: dict[type[Event], tuple[array[int], tuple[Event, ...]]] = {}
        for kind, number in numbers.items():
            found = ordered[
                bisect_left(ordered_kinds, number) : bisect_right(ordered_kinds, number)
            ]
            self._groups[kind] = (array("q", found), tuple(map(events.__getitem__, found)))

    def of(self, event_type: type[Event]) -> tuple[array[int], tuple[Event, ...]]:
        """Positions in the sequence of the events of exactly ``event_type``, and the events."""
        return self._groups.get(event_type, _NONE)

    def derived(self, make: Callable[[Prefixes], T]) -> T:
        """What ``make`` computes from these prefixes, computed once and shared by all who
        ask for it (a projection's index and a batch sweep walk the same reports once)."""
        found = self._derived.get(make)
        if found is None:
            found = self._derived[make] = make(self)
        return found  # type: ignore[return-value]


_NONE: tuple[array[int], tuple[Event, ...]] = (array("q"), ())

Indexer = Callable[[Prefixes], Index[S]]


@attrs.frozen(eq=False)
class Projection(Generic[S]):
    """A named fold: ``initial`` state and a handler per event type.

    ``indexer`` (optional, keyword-only) builds an :class:`Index` faster than checkpointed
    folding; it must give exactly the states the handlers give. Projections compare by
    identity: each indexed state is kept per projection object.
    """

    name: str
    initial: S
    handlers: Handlers[S]
    indexer: Indexer[S] | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    def apply(self, state: S, event: Event) -> S:
        """The state after ``event``; unchanged if this projection ignores its type."""
        handler = self.handlers.get(type(event))
        return state if handler is None else handler(state, event)

    def fold(self, events: Iterable[Event], state: S | None = None) -> S:
        """Fold ``events`` in order, from ``state`` or from the initial state."""
        if state is None and self.indexer is not None:
            ordered = events if isinstance(events, list | tuple) else list(events)
            return self.indexer(Prefixes(ordered)).at(len(ordered))
        current = self.initial if state is None else state
        handlers = self.handlers
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                current = handler(current, event)
        return current

    def index(self, events: Sequence[Event] | Prefixes) -> Index[S]:
        """The states of every prefix of ``events`` (in replay order)."""
        prefixes = events if isinstance(events, Prefixes) else Prefixes(events)
        if self.indexer is not None:
            return self.indexer(prefixes)
        return Checkpoints(self, prefixes.events)


class Checkpoints(Generic[S]):
    """An index by plain folding: a state every :data:`CHECKPOINT` events, then the rest.

    Its memory is that of the checkpointed states: small when states share structure.
    """

    __slots__ = ("_events", "_every", "_projection", "_states")

    def __init__(
        self, projection: Projection[S], events: Sequence[Event], *, every: int = CHECKPOINT
    ) -> None:
        self._projection = projection
        self._events = events
        self._every = every
        states = [projection.initial]
        for start in range(0, len(events) - every + 1, every):
            states.append(self._fold(events[start : start + every], states[-1]))
        self._states = states

    def _fold(self, events: Sequence[Event], state: S) -> S:
        handlers = self._projection.handlers
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                state = handler(state, event)
        return state

    def at(self, count: int) -> S:
        checkpoint = count // self._every
        state = self._states[checkpoint]
        return self._fold(self._events[checkpoint * self._every : count], state)


class Prefix(Sequence[T]):
    """The first ``len(self)`` events of a shared tuple: a collected state that copies nothing.

    It is an immutable sequence that compares and hashes equal to the tuple of the same
    events, so a state read from an index equals the state folded event by event, while
    every checkpoint of a collecting projection shares one tuple.
    """

    __slots__ = ("_items", "_stop")

    def __init__(self, items: tuple[T, ...], stop: int) -> None:
        self._items = items
        self._stop = stop

    def __len__(self) -> int:
        return self._stop

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return self._items[: self._stop][index]
        position = index + self._stop if index < 0 else index
        if not 0 <= position < self._stop:
            raise IndexError("prefix index out of range")
        return self._items[position]

    def __iter__(self) -> Iterator[T]:
        return islice(self._items, self._stop)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Prefix):
            if self._items is other._items:
                return self._stop == other._stop
            other = other._items[: other._stop]
        if not isinstance(other, tuple):
            return NotImplemented
        return len(other) == self._stop and self._items[: self._stop] == other

    def __hash__(self) -> int:
        return hash(self._items[: self._stop])

    def __add__(self, other: object) -> tuple[Any, ...]:
        if not isinstance(other, tuple | Prefix):
            return NotImplemented
        return (*self, *other)

    def __radd__(self, other: object) -> tuple[Any, ...]:
        if not isinstance(other, tuple):
            return NotImplemented
        return (*other, *self)

    def __repr__(self) -> str:
        return repr(self._items[: self._stop])


class Collected(Generic[E]):
    """The index of a collecting projection: a prefix of one type's events."""

    __slots__ = ("_events", "_positions")

    def __init__(self, prefixes: Prefixes, event_type: type[E]) -> None:
        positions, events = prefixes.of(event_type)
        self._positions = positions
        self._events: tuple[E, ...] = events  # type: ignore[assignment]

    def at(self, count: int) -> Prefix[E]:
        return Prefix(self._events, bisect_left(self._positions, count))


def collecting(name: str, event_type: type[E]) -> Projection[Sequence[E]]:
    """A projection that keeps every event of one type, in replay order.

    Its state is a sequence that equals the tuple of those events (a tuple when folded
    event by event, a :class:`Prefix` of a shared tuple when read from an index).
    """

    def add(state: Sequence[E], event: E) -> tuple[E, ...]:
        return (*state, event)

    def indexer(prefixes: Prefixes) -> Collected[E]:
        return Collected(prefixes, event_type)

    return Projection(name, (), {event_type: add}, indexer=indexer)


@attrs.frozen
class Composite:
    """The state of composed projections: one sub-state per projection name."""

    names: tuple[str, ...]
    states: tuple[Any, ...]

    def __getitem__(self, name: str) -> Any:
        if name not in self.names:
            raise InvalidArgument("name", name, f"one of {', '.join(self.names)}")
        return self.states[self.names.index(name)]

    def of(self, projection: Projection[T]) -> T:
        """The sub-state of one of the composed projections (typed by that projection)."""
        state: T = self[projection.name]
        return state


class Composed:
    """The index of composed projections: one index per projection over the same events."""

    __slots__ = ("_indexes", "_names")

    def __init__(self, names: tuple[str, ...], indexes: Sequence[Index[Any]]) -> None:
        self._names = names
        self._indexes = tuple(indexes)

    def at(self, count: int) -> Composite:
        return Composite(self._names, tuple([index.at(count) for index in self._indexes]))


def compose(*projections: Projection[Any]) -> Projection[Composite]:
    """One projection that runs several side by side; its state is a :class:`Composite`."""
    names = tuple(p.name for p in projections)
    if len(set(names)) != len(names):
        raise InvalidArgument("projections", names, "projections with unique names")
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

    def indexer(prefixes: Prefixes) -> Composed:
        # Sub-states never see each other, so each projection is indexed on its own.
        return Composed(names, [p.index(prefixes) for p in projections])

    initial = Composite(names, tuple(p.initial for p in projections))
    return Projection(
        "+".join(names),
        initial,
        {event_type: handler_for(pairs) for event_type, pairs in by_type.items()},
        indexer=indexer,
    )
