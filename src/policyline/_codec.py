"""JSON in and out, derived from the event declarations; schema versions and upcasters.

Stored data never names a Python import path: each event type is stored under its
registered name (``"PolicyIssued"``), and an object written with an older
``schema_version`` is upcast, one version at a time, before it is decoded. An object
written by a newer policyline is refused, never guessed at.

The shape of every type comes from its declaration (:mod:`policyline._declaring`): the
envelope at the top level, the other fields under ``payload`` (by their JSON key), each
written by its kind. :func:`decode` checks an object against that shape and then builds
the record with the fields' own converters, so every message names the path of the
field (``$.payload.kind``) and says what it expected and what it got.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from policyline._declaring import LAYOUTS, TYPES, Layout
from policyline._events import SCHEMA_VERSION, Event, Source
from policyline.errors import DecodeError, InvalidEvent, Problem

JSONObject = dict[str, Any]
Upcaster = Callable[[JSONObject], JSONObject]

REQUIRED_ENVELOPE = ("id", "type", "region", "effective", "recorded", "source")
_TOP_KEYS = frozenset(
    {"id", "type", "schema_version", "region", "effective", "recorded", "inferred"}
    | {"source", "note", "payload", "same_as"}
)
_REQUIRED_SET = frozenset(REQUIRED_ENVELOPE)
_SOURCE_KEYS = frozenset({"document", "quote", "url"})


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


def _upcast_v2(obj: JSONObject) -> JSONObject:
    """Version 2 named a nominee in free text (``"王水福(西子联合控股有限公司董事长)"``);
    version 3 has a party. Old data does not say whether the text names a person or an
    organisation, so the party's kind is left unknown (null) and the text is its name."""
    upgraded = dict(obj)
    payload = upgraded.get("payload")
    if upgraded.get("type") == "AwardNominated" and isinstance(payload, dict):
        nominee = payload.get("nominee")
        if isinstance(nominee, str):
            upgraded["payload"] = payload | {"nominee": {"kind": None, "name": nominee}}
    upgraded["schema_version"] = 3
    return upgraded


UPCASTERS: Mapping[int, Upcaster] = {1: _upcast_v1, 2: _upcast_v2}
"""Upcaster from version N to N+1, keyed by N."""


class FieldError(Exception):
    """What is wrong with a decoded object, and at which path (``$.payload.kind``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def upcast(obj: JSONObject) -> JSONObject:
    """Bring a stored object up to the current schema version; refuse a newer one."""
    version = obj.get("schema_version", SCHEMA_VERSION)
    if version is None:
        return obj
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FieldError("$.schema_version", f"expected a positive integer, got {version!r}")
    if version > SCHEMA_VERSION:
        raise FieldError(
            "$.schema_version",
            f"written by a newer policyline (schema {version}); "
            f"this one reads up to {SCHEMA_VERSION}",
        )
    while version < SCHEMA_VERSION:
        obj = UPCASTERS[version](obj)
        version = obj["schema_version"]
    return obj


def encode(event: Event) -> JSONObject:
    """The JSON object for an event, at the current schema version."""
    layout = LAYOUTS[event.type_name]
    payload: JSONObject = {}
    for field in layout.payload:
        value = getattr(event, field.name)
        to_json = field.kind.to_json
        payload[field.key] = value if value is None or to_json is None else to_json(value)
    source = event.source
    obj: JSONObject = {
        "id": event.id,
        "type": layout.name,
        "schema_version": SCHEMA_VERSION,
        "region": event.region,
        "effective": event.effective.text,
        "recorded": event.recorded.text,
        "inferred": event.inferred,
        "source": {"document": source.document, "quote": source.quote, "url": source.url},
        "note": event.note,
        "payload": payload,
    }
    if event.same_as is not None:  # absent means none: the lines of other facts are as before
        obj["same_as"] = event.same_as
    return obj


def decode(obj: object) -> Event:
    """The event for a JSON object (upcast first); raises :class:`DecodeError` if bad."""
    try:
        return decode_object(obj)
    except FieldError as error:
        raise DecodeError([Problem("<object>", 0, error.path, error.message)]) from None


def decode_object(obj: object) -> Event:
    """The event for a JSON object; raises :class:`FieldError` naming what is wrong."""
    if not isinstance(obj, dict):
        raise FieldError("$", f"expected a JSON object, got {type(obj).__name__}")
    if obj.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        obj = upcast(obj)
    if not obj.keys() >= _REQUIRED_SET:
        key = next(k for k in REQUIRED_ENVELOPE if k not in obj)
        raise FieldError(f"$.{key}", "missing")
    layout = layout_of(obj["type"])
    if not _TOP_KEYS.issuperset(obj):
        raise FieldError(f"$.{sorted(set(obj) - _TOP_KEYS)[0]}", "unexpected field")
    payload = obj.get("payload", {})
    if not isinstance(payload, dict):
        raise FieldError("$.payload", f"expected an object, got {payload!r}")
    # The envelope's fields that are present and not null (null means "the default").
    envelope = {k: v for k, v in obj.items() if v is not None}
    if not envelope.keys() >= _REQUIRED_SET:
        key = next(k for k in REQUIRED_ENVELOPE if k not in envelope)
        raise FieldError(f"$.{key}", "expected a value, got null")
    del envelope["type"]
    envelope.pop("payload", None)
    envelope["source"] = _source(obj["source"])
    return build(layout, envelope, payload)


def layout_of(type_name: object) -> Layout:
    """The layout of a stored type name; an unknown one is a :class:`FieldError`."""
    layout = LAYOUTS.get(type_name) if isinstance(type_name, str) else None
    if layout is None:
        raise FieldError("$.type", f"expected one of {', '.join(TYPES)}, got {type_name!r}")
    return layout


def _source(obj: object) -> Source:
    if not isinstance(obj, dict):
        raise FieldError("$.source", f"expected an object with document and quote, got {obj!r}")
    if not _SOURCE_KEYS.issuperset(obj):
        raise FieldError(f"$.source.{sorted(set(obj) - _SOURCE_KEYS)[0]}", "unexpected field")
    for key in ("document", "quote"):
        if key not in obj:
            raise FieldError(f"$.source.{key}", "missing (a non-empty string)")
    try:
        return Source(obj["document"], obj["quote"], obj.get("url"))
    except InvalidEvent as error:
        raise FieldError(f"$.source.{error.field}", _said(error)) from None


def build(layout: Layout, envelope: dict[str, Any], payload: Mapping[str, Any]) -> Event:
    """The record of ``layout``'s type from the envelope's fields (by name) and the
    payload (by JSON key), checked by the declared converters and validators."""
    if not layout.keys.issuperset(payload):
        raise FieldError(f"$.payload.{sorted(set(payload) - layout.keys)[0]}", "unexpected field")
    if not payload.keys() >= layout.required:
        key = next(f.key for f in layout.payload if f.required and f.key not in payload)
        raise FieldError(f"$.payload.{key}", "missing")
    for field in layout.payload:
        if field.key not in payload:
            continue
        value = payload[field.key]
        if field.kind.nested:
            try:
                value = decode_object(value)
            except FieldError as error:
                path = f"$.payload.{field.key}{error.path[1:]}"
                raise FieldError(path, error.message) from None
        envelope[field.name] = value
    try:
        return layout.cls(**envelope)
    except InvalidEvent as error:
        raise FieldError(_path(layout, error.field), _said(error)) from None


def _path(layout: Layout, field: str) -> str:
    """The JSON path of a field named in an error (``replacement.id`` included)."""
    name, dot, rest = field.partition(".")
    if any(f.name == name for f in layout.envelope):
        return f"$.{field}"
    key = next((f.key for f in layout.payload if f.name == name), name)
    return f"$.payload.{key}{dot}{rest}"


def _said(error: InvalidEvent) -> str:
    return f"expected {error.expected}, got {error.value!r}"
