"""The fast path of JSON: lines parsed in C by msgspec, records built from the declarations.

From each registered type's layout come two things:

- a msgspec *shape*: the envelope's fields, typed, and the payload's fields by JSON key
  (any JSON value; required or not), tagged by the type name. msgspec parses a line
  straight into the shape of its type in C, checking that it is an object with exactly
  those fields, the envelope's of the right JSON types;
- an *assembler*: a function written out from the layout (as attrs writes an
  ``__init__`` from a class) that fills a new record field by field, calling each field's
  declared converter, then runs the type's validators. Where a field's kind offers a
  shortcut (``Kind.known``, ``Kind.accepts``) the assembler takes a value the converter
  would return unchanged without calling it; ``tests/test_fields.py`` checks each
  shortcut against its converter.

Nothing here is written by hand per type, and no rule lives here. A line the fast path
cannot take whole (malformed JSON, an old or a newer schema version, a null where the
slow path falls back to a default, any value a converter refuses) returns ``None``: the
caller then decodes it the slow way (:func:`policyline._codec.decode_object`), which
accepts it or says exactly what is wrong, and where.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Union, cast

import msgspec

from policyline._codec import FieldError, JSONObject, decode_object, encode
from policyline._declaring import LAYOUTS, REGISTRY, Field, Layout, record_fields
from policyline._events import SCHEMA_VERSION, Event, Source
from policyline._fields import visible


class _Source(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    document: str
    quote: str
    url: str | None = None


class _Envelope(msgspec.Struct, forbid_unknown_fields=True, gc=False, tag_field="type"):
    """The fields every event's JSON object has (the shapes are untracked by the
    collector: each lives for one line)."""

    id: str
    region: str
    effective: str
    recorded: str
    source: _Source
    schema_version: int = SCHEMA_VERSION
    inferred: bool = False
    note: str | None = None
    same_as: str | None = None


Assembler = Callable[[Any], Event | None]
_SOURCE_FIELDS = record_fields(Source)
_ENCODER = msgspec.json.Encoder()


def _shape(layout: Layout) -> type[_Envelope]:
    """The msgspec shape of one event type's JSON object."""
    payload = msgspec.defstruct(
        f"_{layout.name}Payload",
        [(f.key, Any) if f.required else (f.key, Any, msgspec.UNSET) for f in layout.payload],
        forbid_unknown_fields=True,
        gc=False,
        kw_only=True,
    )
    default = () if layout.required else (msgspec.field(default_factory=payload),)
    shape = msgspec.defstruct(
        f"_{layout.name}",
        [("payload", payload, *default)],
        bases=(_Envelope,),
        tag=layout.name,
        kw_only=True,
    )
    return cast(type[_Envelope], shape)


class _Writer:
    """The text of one assembler, and the objects its names refer to."""

    def __init__(self) -> None:
        self.names: dict[str, object] = {
            "new": object.__new__,
            "UNSET": msgspec.UNSET,
            "isfinite": math.isfinite,
            "visible": visible,
        }
        self.lines = ["def assemble(wire):"]

    def name(self, value: object) -> str:
        """A name for ``value`` in the assembler's namespace."""
        name = f"_{len(self.names)}"
        self.names[name] = value
        return name

    def value(self, field: Field, given: str) -> str:
        """An expression turning the JSON value ``given`` into the field's value."""
        convert = field.convert or (lambda value, name: value)
        if field.kind.nested:
            inner = convert
            convert = lambda value, name: inner(decode_object(value), name)  # noqa: E731
        call = f"{self.name(convert)}({given}, {field.name!r})"
        kind = field.kind
        if kind.known is not None:
            call = f"((type({given}) is str and {self.name(kind.known.get)}({given})) or {call})"
        if kind.accepts is not None:
            call = f"({given} if {kind.accepts.format(v=given)} else {call})"
        return call

    def fill(self, record: str, fields: tuple[Field, ...], given: str) -> None:
        """Set each field of ``record`` from the attributes of ``given``."""
        for field in fields:
            self.lines.append(f"    value = {given}.{field.key}")
            value = self.value(field, "value")
            if not field.required:
                value = f"({self.name(field.default)} if value is UNSET else {value})"
            self.lines.append(f"    {self.name(field.setter)}({record}, {value})")

    def compile(self) -> Assembler:
        exec("\n".join(self.lines), self.names)
        assemble: Assembler = self.names["assemble"]  # type: ignore[assignment]
        return assemble


def _assembler(layout: Layout) -> Assembler:
    """Write out and compile the assembler of one event type."""
    writer = _Writer()
    # An older or a newer schema version is the slow path's to upcast or refuse.
    writer.lines.append(f"    if wire.schema_version != {SCHEMA_VERSION!r}: return None")
    writer.lines.append(f"    source = new({writer.name(Source)})")
    writer.fill("source", _SOURCE_FIELDS, "wire.source")
    writer.lines.append(f"    event = new({writer.name(layout.cls)})")
    fixed = {"source": "source", "schema_version": repr(SCHEMA_VERSION)}
    for field in layout.envelope:
        if field.name in fixed:
            value = fixed[field.name]
        elif field.name == "inferred":
            value = "wire.inferred"  # msgspec checked that it is a boolean
        else:
            value = writer.value(field, f"wire.{field.name}")
        writer.lines.append(f"    {writer.name(field.setter)}(event, {value})")
    writer.lines.append("    payload = wire.payload")
    writer.fill("event", layout.payload, "payload")
    for attribute, validator in layout.validators:
        check = f"{writer.name(validator)}(event, {writer.name(attribute)}, event.{attribute.name})"
        writer.lines.append(f"    {check}")
    writer.lines.append("    return event")
    return writer.compile()


class _Decoder:
    """The shapes and assemblers of the registered types (rebuilt after a registration)."""

    def __init__(self) -> None:
        self.generation = REGISTRY.generation
        self.assemblers: dict[type, Assembler] = {
            _shape(layout): _assembler(layout) for layout in LAYOUTS.values()
        }
        shapes = tuple(self.assemblers)
        self.decoder = msgspec.json.Decoder(Union[shapes])  # noqa: UP007 - a union of a tuple
        self.many = msgspec.json.Decoder(list[Union[shapes]])  # type: ignore[valid-type]  # noqa: UP007


_decoders: list[_Decoder] = []


def _current() -> _Decoder:
    if not _decoders or _decoders[0].generation != REGISTRY.generation:
        _decoders[:] = [_Decoder()]
    return _decoders[0]


def fast_decode(line: bytes | str) -> Event | None:
    """The event on one JSON line, or ``None`` if the slow path must decide."""
    current = _decoders[0] if _decoders else _current()
    if current.generation != REGISTRY.generation:
        current = _current()
    try:
        wire = current.decoder.decode(line)
        return current.assemblers[type(wire)](wire)
    except (msgspec.DecodeError, ValueError, FieldError):
        return None


def fast_decode_many(lines: Sequence[str]) -> list[Event] | None:
    """The events of many JSON lines parsed as one array in C, or ``None`` if any of
    them needs the slow path (which then decides each line, and names its problem)."""
    current = _decoders[0] if _decoders else _current()
    if current.generation != REGISTRY.generation:
        current = _current()
    try:
        wires = current.many.decode("[" + ",".join(lines) + "]")
        assemblers = current.assemblers
        events = [assemblers[type(wire)](wire) for wire in wires]
    except (msgspec.DecodeError, ValueError, FieldError):
        return None
    if any(event is None for event in events):  # one needs the slow path: it decides all
        return None
    return cast("list[Event]", events)


def encode_line(event: Event) -> bytes:
    """One JSON Lines line (UTF-8, no newline) for an event, written in C."""
    obj: JSONObject = encode(event)
    return _ENCODER.encode(obj)
