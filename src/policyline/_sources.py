"""Who says a fact: the source an event cites, and the party a nomination names.

Both are records inside an event (their own JSON objects); their field kinds are
registered here so that the codec, the fast path and the JSON Schema know them.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from policyline._declaring import named_fields
from policyline._fields import KINDS, Kind, nullable, optional_text, text, word
from policyline.errors import InvalidEvent


@named_fields
@attrs.frozen(weakref_slot=False)
class Source:
    """Where a fact comes from: a document, a short verbatim quote, optionally a URL."""

    document: str = attrs.field(converter=word)
    quote: str = attrs.field(converter=text)
    url: str | None = attrs.field(default=None, converter=optional_text)


def source(value: object, field: str = "") -> Source:
    """A :class:`Source`."""
    if isinstance(value, Source):
        return value
    raise InvalidEvent(field, value, "a Source(document, quote, url)")


def _source_json(value: Source) -> dict[str, str | None]:
    return {"document": value.document, "quote": value.quote, "url": value.url}


KINDS[source] = Kind(to_json=_source_json, schema={"$ref": "#/$defs/source"})

PartyKind = Literal["person", "organization"]
PARTY_KINDS: tuple[str, ...] = get_args(PartyKind)
_PARTY_KEYS = frozenset({"kind", "name", "affiliation", "role"})


def party_kind(value: object, field: str = "") -> PartyKind | None:
    """person, organization, or None (the source does not say which)."""
    if value is None or value in PARTY_KINDS:
        return value  # type: ignore[return-value]
    raise InvalidEvent(field, value, f"one of {', '.join(PARTY_KINDS)} or null")


@named_fields
@attrs.frozen(weakref_slot=False)
class Party:
    """Who a nomination names: a person or an organisation, with the person's affiliation
    and role where the source gives them. ``kind`` is None where the source (or data
    written before parties were typed) does not say which."""

    kind: PartyKind | None = attrs.field(converter=party_kind)
    name: str = attrs.field(converter=text)
    affiliation: str | None = attrs.field(default=None, converter=optional_text)
    role: str | None = attrs.field(default=None, converter=optional_text)

    @classmethod
    def person(cls, name: str, *, affiliation: str | None = None, role: str | None = None) -> Party:
        """A person, with where they work and their role there if known."""
        return cls("person", name, affiliation, role)

    @classmethod
    def organization(cls, name: str) -> Party:
        """An organisation (a firm, an institute, a government body)."""
        return cls("organization", name)

    def __str__(self) -> str:
        about = " ".join(x for x in (self.affiliation, self.role) if x)
        return f"{self.name} ({about})" if about else self.name


def party(value: object, field: str = "") -> Party:
    """A :class:`Party`, or its JSON object (``kind``, ``name``, ``affiliation``, ``role``)."""
    if isinstance(value, Party):
        return value
    if not isinstance(value, dict):
        raise InvalidEvent(field, value, "a Party(kind, name, affiliation, role)")
    unexpected = sorted(set(value) - _PARTY_KEYS)
    if unexpected:
        raise InvalidEvent(f"{field}.{unexpected[0]}", value[unexpected[0]], "no such field")
    for key in ("kind", "name"):
        if key not in value:
            raise InvalidEvent(f"{field}.{key}", None, "a value (the field is missing)")
    try:
        return Party(**value)
    except InvalidEvent as error:
        raise InvalidEvent(f"{field}.{error.field}", error.value, error.expected) from None


def _party_json(value: Party) -> dict[str, str | None]:
    return {
        "kind": value.kind,
        "name": value.name,
        "affiliation": value.affiliation,
        "role": value.role,
    }


KINDS[party] = Kind(
    to_json=_party_json,
    schema={
        "type": "object",
        "properties": {
            "kind": {"enum": [*PARTY_KINDS, None]},
            "name": {"$ref": "#/$defs/text"},
            "affiliation": nullable({"$ref": "#/$defs/text"}),
            "role": nullable({"$ref": "#/$defs/text"}),
        },
        "required": ["kind", "name"],
        "additionalProperties": False,
    },
)
