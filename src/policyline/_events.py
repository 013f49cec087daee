"""Event records: one immutable, dated, sourced fact each, every type declared once.

Every event carries the envelope (id, region, effective, recorded, source, schema
version, note, inferred) and a typed payload. Events validate themselves on construction:
a bad field raises :class:`InvalidEvent` naming the field, what it expects and the value.
Each field's rule is its converter (:mod:`policyline._fields`); each type is registered
under its stable name by :func:`~policyline._declaring.event_type`, and everything else
(JSON shape, stores, reference checks) is derived from these declarations.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from policyline._dates import ImpreciseDate
from policyline._declaring import KEY, LAYOUTS, TARGETS, event_type
from policyline._fields import (
    KINDS,
    Bound,
    Kind,
    StatisticKind,
    bound,
    date,
    event_id,
    event_ids,
    flag,
    number,
    optional_date,
    optional_event_id,
    optional_text,
    optional_word,
    region_code,
    region_code_list,
    statistic_kind,
    text,
    texts,
    version,
    word,
)
from policyline._sources import Party as Party
from policyline._sources import Source as Source
from policyline._sources import party, source
from policyline.errors import InvalidEvent

SCHEMA_VERSION = 3
"""The version of the stored JSON shape this policyline writes (and the newest it reads)."""


@attrs.frozen(kw_only=True, weakref_slot=False)
class Event:
    """The envelope every event shares. Use one of the concrete event types."""

    type_name: ClassVar[str] = "Event"

    id: str = attrs.field(converter=text)
    region: str = attrs.field(converter=region_code)
    effective: ImpreciseDate = attrs.field(converter=date)
    recorded: ImpreciseDate = attrs.field(converter=date)
    source: Source = attrs.field(converter=source)
    schema_version: int = attrs.field(default=SCHEMA_VERSION, converter=version)
    note: str | None = attrs.field(default=None, converter=optional_text)
    inferred: bool = attrs.field(default=False, converter=flag)
    same_as: str | None = attrs.field(default=None, converter=optional_event_id)
    """The id of another event that reports the same real-world fact (of the same type,
    filed in the same region): the fact then counts once and cites both
    (:mod:`policyline._identity`)."""

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region this event belongs to (more than one only for agreements)."""
        return (self.region,)


@event_type("PolicyIssued")
@attrs.frozen(kw_only=True, weakref_slot=False)
class PolicyIssued(Event):
    """A policy document issued; in force until repealed or until its validity ends."""

    title: str = attrs.field(converter=text)
    issuer: str = attrs.field(converter=word)
    validity: ImpreciseDate | None = attrs.field(default=None, converter=optional_date)


@event_type("PolicyRepealed")
@attrs.frozen(kw_only=True, weakref_slot=False)
class PolicyRepealed(Event):
    """A policy taken out of force; ``policy`` is the id of its PolicyIssued event."""

    policy: str = attrs.field(converter=event_id, metadata={TARGETS: ("PolicyIssued",)})


@event_type("AwardGranted")
@attrs.frozen(kw_only=True, weakref_slot=False)
class AwardGranted(Event):
    """An award given to a recipient."""

    award: str = attrs.field(converter=word)
    recipient: str = attrs.field(converter=text)


@event_type("AwardNominated")
@attrs.frozen(kw_only=True, weakref_slot=False)
class AwardNominated(Event):
    """A nomination for an award (not an award): who was nominated, a :class:`Party`."""

    award: str = attrs.field(converter=word)
    nominee: Party = attrs.field(converter=party)


def _person_or_organization(
    instance: CQOAppointed, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if instance.person is None and instance.organization is None:
        raise InvalidEvent("person", None, "a person or an organization (both are missing)")


@event_type("CQOAppointed")
@attrs.frozen(kw_only=True, weakref_slot=False)
class CQOAppointed(Event):
    """A chief quality officer (首席质量官) in office at an organization."""

    person: str | None = attrs.field(default=None, converter=optional_text)
    organization: str | None = attrs.field(
        default=None, converter=optional_text, validator=_person_or_organization
    )


@event_type("PlatformLaunched")
@attrs.frozen(kw_only=True, weakref_slot=False)
class PlatformLaunched(Event):
    """A platform (exchange, service, digital) put into operation."""

    name: str = attrs.field(converter=text)
    operator: str | None = attrs.field(default=None, converter=optional_word)


@event_type("DesignationGranted")
@attrs.frozen(kw_only=True, weakref_slot=False)
class DesignationGranted(Event):
    """A designation: pilot city, demonstration zone or city, demonstration project."""

    designation: str = attrs.field(converter=word)
    designee: str | None = attrs.field(default=None, converter=optional_text)
    granted_by: str | None = attrs.field(default=None, converter=optional_word)


def _includes_own_region(instance: AgreementSigned, attribute: object, value: object) -> None:
    if instance.region not in instance.party_regions:
        raise InvalidEvent(
            "regions", list(instance.party_regions), f"a list including {instance.region}"
        )


@event_type("AgreementSigned")
@attrs.frozen(kw_only=True, weakref_slot=False)
class AgreementSigned(Event):
    """An agreement or memorandum; ``party_regions`` names every region party to it."""

    title: str = attrs.field(converter=text)
    parties: tuple[str, ...] = attrs.field(converter=texts)
    party_regions: tuple[str, ...] = attrs.field(
        converter=region_code_list, validator=_includes_own_region, metadata={KEY: "regions"}
    )

    @property
    def regions(self) -> tuple[str, ...]:
        return self.party_regions


@event_type("ProgramLaunched")
@attrs.frozen(kw_only=True, weakref_slot=False)
class ProgramLaunched(Event):
    """A programme, campaign or action started."""

    name: str = attrs.field(converter=text)
    description: str | None = attrs.field(default=None, converter=optional_text)


_ARTICLE = {"total": "a total", "increment": "an increment"}


def _counted_not_negative(instance: StatisticReported, attribute: object, kind: str) -> None:
    # A total or an increment counts (firms, people, yuan): a roll-up of children that did
    # not all report is a lower bound only because none of them can be negative.
    if kind != "rate" and instance.value < 0:
        raise InvalidEvent(
            "value", instance.value, f"{_ARTICLE[kind]} of 0 or more (only a rate may be negative)"
        )


@event_type("StatisticReported")
@attrs.frozen(kw_only=True, weakref_slot=False)
class StatisticReported(Event):
    """A reported number: a total as of a date, an increment over a period, or a rate.

    ``covers`` lists ids of events this number already counts, so that a rollup never
    counts them twice.
    """

    metric: str = attrs.field(converter=word)
    value: float = attrs.field(converter=number)
    unit: str = attrs.field(converter=word)
    kind: StatisticKind = attrs.field(converter=statistic_kind, validator=_counted_not_negative)
    bound: Bound = attrs.field(default="exact", converter=bound)
    period: ImpreciseDate | None = attrs.field(default=None, converter=optional_date)
    covers: tuple[str, ...] = attrs.field(default=(), converter=event_ids)


def fact(value: object, field: str = "") -> Event:
    """An event that states a fact: not a correction, a retraction or a settlement."""
    if isinstance(value, Event) and not isinstance(value, AMENDMENTS):
        return value
    raise InvalidEvent(field, value, "a fact event (not a correction, retraction or settlement)")


def _same_id_as_target(instance: Corrected, attribute: object, value: Event) -> None:
    if value.id != instance.target:
        raise InvalidEvent("replacement.id", value.id, f"the target id {instance.target!r}")


def _fact_json(value: Event) -> dict[str, Any]:
    from policyline._codec import encode  # the codec is derived from these declarations

    return encode(value)


KINDS[fact] = Kind(to_json=_fact_json, nested=True, schema={"$ref": "#/$defs/fact"})


@event_type("Corrected")
@attrs.frozen(kw_only=True, weakref_slot=False)
class Corrected(Event):
    """A correction: from its recorded date on, ``replacement`` stands for ``target``."""

    target: str = attrs.field(converter=event_id)
    reason: str = attrs.field(converter=text)
    replacement: Event = attrs.field(converter=fact, validator=_same_id_as_target)


@event_type("Retracted")
@attrs.frozen(kw_only=True, weakref_slot=False)
class Retracted(Event):
    """A retraction: from its recorded date on, ``target`` is as if it never was."""

    target: str = attrs.field(converter=event_id, metadata={TARGETS: ("*",)})
    reason: str = attrs.field(converter=text)


@event_type("Settled")
@attrs.frozen(kw_only=True, weakref_slot=False)
class Settled(Event):
    """A settlement of sources that disagree about one fact: from its recorded date on,
    the claim ``target`` (one of the fact's events) stands for the fact; ``reason`` says
    why, and the envelope's source is the evidence."""

    target: str = attrs.field(converter=event_id)
    reason: str = attrs.field(converter=text)


Amendment = Corrected | Retracted | Settled
AMENDMENTS = (Corrected, Retracted, Settled)
"""The events that change which facts stand, rather than state one."""


def amended_id(event: Event) -> str | None:
    """The id ``event`` changes or joins: an amendment's target, the fact a corroborating
    report is the same as; None for a fact of its own."""
    if isinstance(event, AMENDMENTS):
        return event.target
    return event.same_as


def format_value(value: float, bound: str) -> str:
    """A value as people write it, with its bound: ``≥85``, ``>1000``, ``3160``."""
    shown = int(value) if value.is_integer() else value
    return f"{_BOUND_SIGNS[bound]}{shown}"


_BOUND_SIGNS = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "about": "≈"}


def label(event: Event) -> str:
    """A short human description of what an event says."""
    match event:
        case PolicyIssued():
            window = f" [{event.validity}]" if event.validity else ""
            return f"{event.title}{window} — {event.issuer}"
        case PolicyRepealed():
            return f"repeal of {event.policy}"
        case AwardGranted():
            return f"{event.award}: {event.recipient}"
        case AwardNominated():
            return f"{event.award} (nomination): {event.nominee}"
        case CQOAppointed():
            who = " — ".join(x for x in (event.person, event.organization) if x)
            return f"首席质量官 (CQO): {who}"
        case PlatformLaunched() | ProgramLaunched():
            return event.name
        case DesignationGranted():
            return event.designation + (f": {event.designee}" if event.designee else "")
        case AgreementSigned():
            return f"{event.title} ({', '.join(event.parties)})"
        case StatisticReported():
            shown = format_value(event.value, event.bound)
            return f"{event.metric} = {shown} {event.unit} ({event.kind})"
        case Corrected():
            return f"correction of {event.target}: {event.reason}"
        case Retracted():
            return f"retraction of {event.target}: {event.reason}"
        case Settled():
            return f"settlement of {event.target}: {event.reason}"
    return _generic_label(event)


def _generic_label(event: Event) -> str:
    """An event type declared elsewhere: its payload's text values."""
    layout = LAYOUTS.get(event.type_name)
    values: list[object] = [getattr(event, f.name) for f in layout.payload] if layout else []
    shown = [v for v in values if isinstance(v, str)]
    return " — ".join(shown) or event.id
