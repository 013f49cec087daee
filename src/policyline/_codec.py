"""JSON in and out: a registry of stable type names, schema versions and upcasters.

Stored data never names a Python import path: each event type is stored under its
``type_name`` (``"PolicyIssued"``), and an object written with an older
``schema_version`` is upcast, one version at a time, before it is decoded.

Decoding a file collects every problem, each as ``file:line: $.payload.field: message``,
and raises one :class:`DecodeError` listing them all: a file is taken whole or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from sys import intern
from typing import Any, get_type_hints

import attrs

from policyline._dates import ImpreciseDate
from policyline._events import EVENT_TYPES, SCHEMA_VERSION, AgreementSigned, Event, Source
from policyline._regions import all_regions
from policyline._wire import date_text, fast_decode, json_number
from policyline.errors import DecodeError, InvalidEvent, Problem

JSONObject = dict[str, Any]
Upcaster = Callable[[JSONObject], JSONObject]

TYPES: Mapping[str, type[Event]] = {cls.type_name: cls for cls in EVENT_TYPES}

_ENVELOPE = (
    "id",
    "region",
    "effective",
    "recorded",
    "source",
    "schema_version",
    "note",
    "inferred",
)
_REQUIRED_ENVELOPE = ("id", "type", "region", "effective", "recorded", "source")
_STORED_NAMES: Mapping[tuple[type[Event], str], str] = {
    (AgreementSigned, "party_regions"): "regions",
}


def _upcast_v1(obj: JSONObject) -> JSONObject:
    """Version 1 had no ``inferred`` flag, and statistics said ``at_least: true``
    where version 2 says ``bound: "at_least"`` (and can say more_than, about ...)."""
    upgraded = dict(obj)
    upgraded.setdefault("inferred", False)
    if upgraded.get("type") == "StatisticReported" and isinstance(upgraded.get("payload"), dict):
        payload = dict(upgraded["payload"])
        at_least = payload.pop("at_least", False)
        payload.setdefault("bound", "at_least" if at_least is True else "exact")
        payload.setdefault("covers", [])
        upgraded["payload"] = payload
    upgraded["schema_version"] = 2
    return upgraded


UPCASTERS: Mapping[int, Upcaster] = {1: _upcast_v1}
"""Upcaster from version N to N+1, keyed by N."""


def upcast(obj: JSONObject) -> JSONObject:
    """Bring a stored object up to the current schema version."""
    version = obj.get("schema_version", SCHEMA_VERSION)
    while isinstance(version, int) and not isinstance(version, bool) and version < SCHEMA_VERSION:
        upcaster = UPCASTERS.get(version)
        if upcaster is None:
            break
        obj = upcaster(obj)
        version = obj["schema_version"]
    return obj


def _replacement_json(value: Event) -> JSONObject:
    return encode(value)


_TO_JSON: Mapping[object, Callable[[Any], object]] = {
    ImpreciseDate | None: date_text,
    tuple[str, ...]: list,
    float: json_number,
    Event: _replacement_json,
}
"""How a payload value of each type is written, where it is not written as it is."""


@attrs.frozen
class _Layout:
    cls: type[Event]
    payload: tuple[tuple[str, str, bool], ...]  # (stored key, attribute name, required)
    values: Callable[[Event], tuple[Any, ...]]  # the payload's values, in that order
    to_json: tuple[tuple[str, Callable[[Any], object]], ...]  # (stored key, how to write)


def _layout(cls: type[Event]) -> _Layout:
    types = get_type_hints(cls)
    fields = [field for field in attrs.fields(cls) if field.name not in _ENVELOPE]
    payload = tuple(
        (
            _STORED_NAMES.get((cls, field.name), field.name),
            field.name,
            field.default is attrs.NOTHING,
        )
        for field in fields
    )
    getter = attrgetter(*(name for _, name, _ in payload))
    values = getter if len(payload) > 1 else lambda event: (getter(event),)
    to_json = tuple(
        (key, _TO_JSON[types[name]]) for key, name, _ in payload if types[name] in _TO_JSON
    )
    return _Layout(cls, payload, values, to_json)


_LAYOUTS: Mapping[str, _Layout] = {name: _layout(cls) for name, cls in TYPES.items()}
_PAYLOAD_KEYS: Mapping[str, tuple[str, ...]] = {
    name: tuple(key for key, _, _ in layout.payload) for name, layout in _LAYOUTS.items()
}


def encode(event: Event) -> JSONObject:
    """The JSON object for an event, at the current schema version."""
    type_name = event.type_name
    layout = _LAYOUTS[type_name]
    payload = dict(zip(_PAYLOAD_KEYS[type_name], layout.values(event), strict=True))
    for key, to_json in layout.to_json:
        payload[key] = to_json(payload[key])
    source = event.source
    return {
        "id": event.id,
        "type": type_name,
        "schema_version": SCHEMA_VERSION,
        "region": event.region,
        "effective": event.effective.text,
        "recorded": event.recorded.text,
        "inferred": event.inferred,
        "source": {"document": source.document, "quote": source.quote, "url": source.url},
        "note": event.note,
        "payload": payload,
    }


def encode_line(event: Event) -> str:
    """One JSON Lines line (no newline) for an event."""
    return json.dumps(encode(event), ensure_ascii=False, separators=(",", ":"))


class _FieldError(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


_SOURCE_KEYS = frozenset({"document", "quote", "url"})
_TOP_KEYS = frozenset({*_ENVELOPE, "type", "payload"})
_REQUIRED_SET = frozenset(_REQUIRED_ENVELOPE)
_SHARED = frozenset(
    {"metric", "unit", "kind", "bound", "award", "issuer", "designation", "granted_by", "operator"}
)
"""Payload fields whose few distinct values are shared between events, not copied."""


@attrs.frozen
class _Shape:
    """What decoding checks of one type's payload, precomputed."""

    keys: frozenset[str]
    required: frozenset[str]
    renamed: bool
    shared: tuple[str, ...]

    @classmethod
    def of(cls, layout: _Layout) -> _Shape:
        return cls(
            frozenset(key for key, _, _ in layout.payload),
            frozenset(key for key, _, required in layout.payload if required),
            any(key != name for key, name, _ in layout.payload),
            tuple(name for _, name, _ in layout.payload if name in _SHARED),
        )


_SHAPES: Mapping[str, _Shape] = {name: _Shape.of(layout) for name, layout in _LAYOUTS.items()}
_CODES: dict[str, str] = {r.code: r.code for r in all_regions()}


def _source(obj: object) -> Source:
    if not isinstance(obj, dict):
        raise _FieldError("$.source", f"expected an object with document and quote, got {obj!r}")
    if not _SOURCE_KEYS.issuperset(obj):
        raise _FieldError(f"$.source.{sorted(set(obj) - _SOURCE_KEYS)[0]}", "unexpected field")
    for key in ("document", "quote"):
        if key not in obj:
            raise _FieldError(f"$.source.{key}", "missing (a non-empty string)")
    document = obj["document"]
    try:
        return Source(
            intern(document) if type(document) is str else document, obj["quote"], obj.get("url")
        )
    except InvalidEvent as error:
        raise _FieldError(f"$.source.{error.field}", str(error).partition(": ")[2]) from None


def decode(obj: object) -> Event:
    """The event for a JSON object (upcast first); raises :class:`DecodeError` if bad."""
    try:
        return _decode(obj)
    except _FieldError as error:
        raise DecodeError([Problem("<object>", 0, error.path, error.message)]) from None


def _decode(obj: object) -> Event:
    if not isinstance(obj, dict):
        raise _FieldError("$", f"expected a JSON object, got {type(obj).__name__}")
    if obj.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        obj = upcast(obj)
    if not obj.keys() >= _REQUIRED_SET:
        key = next(k for k in _REQUIRED_ENVELOPE if k not in obj)
        raise _FieldError(f"$.{key}", "missing")
    type_name = obj["type"]
    layout = _LAYOUTS.get(type_name) if isinstance(type_name, str) else None
    if layout is None:
        raise _FieldError("$.type", f"expected one of {', '.join(TYPES)}, got {type_name!r}")
    if not _TOP_KEYS.issuperset(obj):
        raise _FieldError(f"$.{sorted(set(obj) - _TOP_KEYS)[0]}", "unexpected field")
    payload = obj.get("payload", {})
    if not isinstance(payload, dict):
        raise _FieldError("$.payload", f"expected an object, got {payload!r}")
    shape = _SHAPES[type_name]
    if not shape.keys.issuperset(payload):
        raise _FieldError(f"$.payload.{sorted(set(payload) - shape.keys)[0]}", "unexpected field")
    # The envelope's fields that are present and not null, then the payload's.
    kwargs: dict[str, Any] = {k: v for k, v in obj.items() if v is not None}
    if not kwargs.keys() >= _REQUIRED_SET:
        key = next(k for k in _REQUIRED_ENVELOPE if k not in kwargs)
        raise _FieldError(f"$.{key}", "expected a value, got null")
    del kwargs["type"]
    kwargs.pop("payload", None)
    region = kwargs.get("region")
    if type(region) is str:
        kwargs["region"] = _CODES.get(region, region)
    kwargs["source"] = _source(obj["source"])
    if not payload.keys() >= shape.required:
        key = next(k for k, _, required in layout.payload if required and k not in payload)
        raise _FieldError(f"$.payload.{key}", "missing")
    if shape.renamed:
        for key, name, _ in layout.payload:
            if key in payload:
                kwargs[name] = payload[key]
    else:
        kwargs.update(payload)
    for name in shape.shared:
        value = kwargs.get(name)
        if type(value) is str:
            kwargs[name] = intern(value)
    if "replacement" in kwargs:
        try:
            kwargs["replacement"] = _decode(kwargs["replacement"])
        except _FieldError as error:
            raise _FieldError("$.payload.replacement" + error.path[1:], error.message) from None
    try:
        return layout.cls(**kwargs)
    except InvalidEvent as error:
        field = error.field.partition(".")[0]
        if field in _ENVELOPE:
            path = f"$.{error.field}"
        else:
            key = next((k for k, n, _ in layout.payload if n == field), field)
            path = f"$.payload.{key}{error.field[len(field) :]}"
        raise _FieldError(path, f"expected {error.expected}, got {error.value!r}") from None


def decode_text(text: str, *, file: str, line: int) -> Event | Problem:
    """The event on one line of JSON Lines text, or the problem with it (never raises)."""
    event = fast_decode(text)
    if event is not None:
        return event
    return _decode_slowly(text, file=file, line=line)


def _decode_slowly(text: str, *, file: str, line: int) -> Event | Problem:
    """Decode with the stdlib parser and the validators: every message comes from here."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(file, line, "$", f"malformed JSON: {error.msg} at column {error.colno}")
    try:
        return _decode(obj)
    except _FieldError as error:
        return Problem(file, line, error.path, error.message)


def decode_bytes(raw: bytes, *, file: str, line: int) -> Event | Problem | None:
    """The event on one line of a JSON Lines file read as bytes, the problem with it, or
    ``None`` for a blank line. A valid line is parsed straight from the bytes by
    :func:`policyline._wire.fast_decode`; any other line takes the slow path."""
    event = fast_decode(raw)
    if event is not None:
        return event
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(file, line, "$", f"not UTF-8 (byte {error.start + 1} of the line)")
    if not text or text.isspace():
        return None
    return _decode_slowly(text, file=file, line=line)


def decode_lines(
    lines: Iterable[str], *, file: str = "<lines>", first_line: int = 1
) -> list[Event]:
    """Decode JSON Lines, skipping blank lines; every problem is collected and raised at once."""
    events: list[Event] = []
    problems: list[Problem] = []
    for number, text in enumerate(lines, start=first_line):
        if not text or text.isspace():
            continue
        decoded = decode_text(text, file=file, line=number)
        if type(decoded) is Problem:
            problems.append(decoded)
        else:
            events.append(decoded)  # type: ignore[arg-type]
    if problems:
        raise DecodeError(problems)
    return events
