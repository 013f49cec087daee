"""The JSON Schema of one event line, generated from the event type declarations.

Each field's piece comes from its converter's kind (:data:`policyline._fields.KINDS`),
the envelope's required keys from the codec, the types from the registry: the schema
restates no rule. It says what a line must look like; the converters still decide (a
correction's replacement has its target's id, an agreement includes its own region, a
count is not negative: rules across fields that a schema does not express), and the
integrity check decides what a batch may hold.
"""

from __future__ import annotations

from typing import Any

from policyline._codec import REQUIRED_ENVELOPE
from policyline._declaring import LAYOUTS, Field, Layout
from policyline._events import AMENDMENTS, SCHEMA_VERSION
from policyline._fields import VISIBLE, nullable
from policyline._regions import region_codes

_POINT = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
DATE_PATTERN = f"^{_POINT}(/{_POINT})?$"
"""A day, a month or a year (EDTF), or an interval between two of them (the reader also
refuses a day a month lacks, 2021-02-30, and an interval that ends before it starts)."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def event_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of an event as one line of a ``.jsonl`` file holds it,
    at the current schema version, for every registered event type."""
    shared: dict[str, Any] = {
        "text": {
            "type": "string",
            "pattern": VISIBLE,
            "not": {"pattern": "\\u0000"},
            "description": "text with a visible character, without NUL",
        },
        "date": {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "an EDTF day, month or year, or an interval of two (2006/2020)",
        },
        "region": {"enum": list(region_codes()), "description": "a GB/T 2260 region code"},
        "source": {
            "type": "object",
            "properties": {
                "document": {"$ref": "#/$defs/text"},
                "quote": {"$ref": "#/$defs/text"},
                "url": nullable({"$ref": "#/$defs/text"}),
            },
            "required": ["document", "quote"],
            "additionalProperties": False,
        },
        "fact": {
            "description": "an event stating a fact (not a correction, retraction, settlement)",
            "oneOf": [
                {"$ref": f"#/$defs/{name}"}
                for name, layout in LAYOUTS.items()
                if not issubclass(layout.cls, AMENDMENTS)
            ],
        },
    }
    types = {name: _type_schema(layout) for name, layout in LAYOUTS.items()}
    return {
        "$schema": DIALECT,
        "title": "policyline event",
        "description": (
            f"One event: one line of a policyline .jsonl file (schema version {SCHEMA_VERSION})."
        ),
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in LAYOUTS],
        "$defs": {**shared, **types},
    }


def _type_schema(layout: Layout) -> dict[str, Any]:
    envelope = {field.key: _field_schema(field) for field in layout.envelope}
    for field in layout.envelope:
        if field.key not in REQUIRED_ENVELOPE:  # null stands for the default
            envelope[field.key] = nullable(envelope[field.key])
    envelope["schema_version"] = {"const": SCHEMA_VERSION}
    payload = {field.key: _field_schema(field) for field in layout.payload}
    return {
        "type": "object",
        "description": (layout.cls.__doc__ or layout.name).strip().splitlines()[0],
        "properties": {
            "type": {"const": layout.name},
            **envelope,
            "payload": {
                "type": "object",
                "properties": payload,
                "required": sorted(layout.required),
                "additionalProperties": False,
            },
        },
        "required": [*REQUIRED_ENVELOPE, *(["payload"] if layout.required else [])],
        "additionalProperties": False,
    }


def _field_schema(field: Field) -> dict[str, Any]:
    schema = dict(field.kind.schema or {})
    doc = (field.convert.__doc__ or "").strip() if field.convert else ""
    if doc and "$ref" not in schema:
        schema["description"] = doc.splitlines()[0]
    return schema
