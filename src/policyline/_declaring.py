"""Declaring an event type: one attrs class, registered under a stable name.

::

    @event_type("AwardGranted")
    @attrs.frozen(kw_only=True, weakref_slot=False)
    class AwardGranted(Event):
        award: str = attrs.field(converter=word)
        recipient: str = attrs.field(converter=text)

That class is the type's only declaration. Its fields (names, converters, defaults, the
JSON key where one differs from the name) give the :class:`Layout` that the codec, the fast
decoder, the stores and the integrity check all read; nothing else lists the fields again.
:func:`event_type` also makes the converters' errors name their field.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from policyline._fields import Kind, kind_of
from policyline.errors import InvalidArgument, InvalidEvent

if TYPE_CHECKING:
    from policyline._events import Event

C = TypeVar("C", bound=type)
E = TypeVar("E", bound="type[Event]")

KEY = "policyline.key"
"""Field metadata: the JSON key of a payload field stored under another name."""
TARGETS = "policyline.targets"
"""Field metadata of a reference: the type names it may point at ("*": any event)."""

ENVELOPE = (
    "id",
    "region",
    "effective",
    "recorded",
    "source",
    "schema_version",
    "note",
    "inferred",
    "same_as",
)
"""The fields every event shares, written at the top level of its JSON object."""


@attrs.frozen
class Field:
    """One field of an event type, as the codec and the checks see it."""

    name: str
    key: str
    convert: Callable[[object, str], Any] | None
    kind: Kind
    required: bool
    default: object
    targets: tuple[str, ...] | None
    setter: Callable[[object, object], None] = attrs.field(eq=False, repr=False)


@attrs.frozen(eq=False)
class Layout:
    """What is known of one event type: its class, name and fields."""

    cls: type[Event]
    name: str
    envelope: tuple[Field, ...]
    payload: tuple[Field, ...]
    keys: frozenset[str]
    required: frozenset[str]
    references: tuple[Field, ...]
    validators: tuple[tuple[attrs.Attribute[Any], Callable[..., Any]], ...]

    @classmethod
    def of(cls, event_class: type[Event], name: str) -> Layout:
        fields = record_fields(event_class)
        payload = tuple(f for f in fields if f.name not in ENVELOPE)
        return cls(
            event_class,
            name,
            tuple(f for f in fields if f.name in ENVELOPE),
            payload,
            frozenset(f.key for f in payload),
            frozenset(f.key for f in payload if f.required),
            tuple(f for f in fields if f.kind.references is not None),
            tuple((a, a.validator) for a in attrs.fields(event_class) if a.validator is not None),
        )


def record_fields(record_class: type) -> tuple[Field, ...]:
    """The fields of an attrs record class (an event type, or :class:`Source`)."""
    return tuple(_field(record_class, a) for a in attrs.fields(record_class))


def _field(event_class: type, attribute: attrs.Attribute[Any]) -> Field:
    targets = attribute.metadata.get(TARGETS)
    converter = attribute.converter if callable(attribute.converter) else None
    return Field(
        attribute.name,
        attribute.metadata.get(KEY, attribute.name),
        converter,
        kind_of(converter),
        attribute.default is attrs.NOTHING,
        attribute.default,
        None if targets is None else tuple(targets),
        getattr(event_class, attribute.name).__set__,
    )


TYPES: dict[str, type[Event]] = {}
"""Every registered event type by its stable name, in registration order."""
LAYOUTS: dict[str, Layout] = {}
"""The layout of every registered event type by its stable name."""


class _Registry:
    generation = 0
    """Counts registrations, so that what is derived from the layouts is rebuilt."""


REGISTRY = _Registry()


def event_type(name: str) -> Callable[[E], E]:
    """Register an attrs event class under the stable ``name`` it is stored as.

    Apply it above ``@attrs.frozen(...)``. The name is what files and stores hold, never
    a Python import path, so renaming or moving the class keeps old data readable.
    """

    def register(event_class: E) -> E:
        existing = TYPES.get(name)
        if existing is not None and existing is not event_class:
            raise InvalidArgument("name", name, "a type name not registered yet")
        event_class.type_name = name
        named_fields(event_class)
        TYPES[name] = event_class
        LAYOUTS[name] = Layout.of(event_class, name)
        REGISTRY.generation += 1
        return event_class

    return register


def named_fields(record_class: C) -> C:
    """Make a record class's converter errors say which field they are about.

    attrs calls each converter with the value alone, so an :class:`InvalidEvent` from one
    comes without a field name; the failing field is found by running the converters
    again on the given arguments (they are pure), on the error path only.
    """
    init = vars(record_class)["__init__"]
    fields = attrs.fields(record_class)

    @functools.wraps(init)
    def init_naming_fields(self: object, *positional: Any, **arguments: Any) -> None:
        try:
            init(self, *positional, **arguments)
        except InvalidEvent as error:
            # A converter called without a name says "" (or ".name" for a part of a
            # value with fields of its own, such as a party): name the field in front.
            if error.field and not error.field.startswith("."):
                raise
            given = dict(
                zip((f.alias or f.name for f in fields if f.init), positional, strict=False)
            )
            field = _failing(fields, given | arguments) + error.field
            raise InvalidEvent(field, error.value, error.expected) from None

    record_class.__init__ = init_naming_fields  # type: ignore[misc]
    return record_class


def _failing(fields: tuple[attrs.Attribute[Any], ...], arguments: Mapping[str, Any]) -> str:
    for attribute in fields:
        converter = attribute.converter
        alias = attribute.alias or attribute.name
        if not callable(converter) or alias not in arguments:
            continue
        try:
            converter(arguments[alias])
        except InvalidEvent:
            return attribute.name
    return "?"
