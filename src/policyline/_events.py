"""Event records: one immutable, dated, sourced fact each.

Every event carries the envelope (id, region, effective, recorded, source, schema
version, note, inferred) and a typed payload. Events validate themselves on construction:
a bad field raises :class:`InvalidEvent` naming the field, what it expects and the value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal, TypeVar, get_args

import attrs

from policyline._dates import ImpreciseDate, imprecise
from policyline._regions import is_known_code
from policyline.errors import InvalidDate, InvalidEvent

SCHEMA_VERSION = 2

StatisticKind = Literal["total", "increment", "rate"]
Bound = Literal["exact", "at_least", "more_than", "at_most", "about"]
STATISTIC_KINDS: tuple[str, ...] = get_args(StatisticKind)
BOUNDS: tuple[str, ...] = get_args(Bound)

_T = TypeVar("_T")


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidEvent(attribute.name, value, "a non-empty string")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _region_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not is_known_code(value):
        raise InvalidEvent(attribute.name, value, "a GB/T 2260 region code in the gazetteer")


def _one_of(choices: tuple[str, ...]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            raise InvalidEvent(attribute.name, value, f"one of {', '.join(choices)}")

    return check


_DATES: dict[str, ImpreciseDate] = {}
"""Parsed date texts: events share one immutable ImpreciseDate per distinct text."""
_DATES_LIMIT = 200_000


def date_cache() -> dict[str, ImpreciseDate]:
    """The shared dates by text (read-only to callers; emptied if it grows past a limit)."""
    return _DATES


def convert_date(field: str, value: object) -> ImpreciseDate:
    """``value`` as the imprecise date of ``field``; each distinct text is parsed once and
    its date shared. Raises :class:`InvalidEvent` naming the field."""
    if type(value) is str:
        known = _DATES.get(value)
        if known is not None:
            return known
        parsed = _parse(field, value)
        if len(_DATES) >= _DATES_LIMIT:
            _DATES.clear()
        _DATES[value] = parsed
        return parsed
    return _parse(field, value)


def _date(field: str) -> Callable[[object], ImpreciseDate]:
    def convert(value: object) -> ImpreciseDate:
        return convert_date(field, value)

    return convert


def _parse(field: str, value: object) -> ImpreciseDate:
    if not isinstance(value, str | dt.date | ImpreciseDate):
        raise InvalidEvent(field, value, "an EDTF date such as 2021-09-15, 2020-09, 2006")
    try:
        return imprecise(value)
    except InvalidDate as error:
        raise InvalidEvent(field, value, f"an EDTF date ({error.reason})") from None


_to_effective = _date("effective")
_to_recorded = _date("recorded")
_to_validity = _date("validity")
_to_period = _date("period")


def _effective(value: object) -> ImpreciseDate:
    return _to_effective(value)


def _recorded(value: object) -> ImpreciseDate:
    return _to_recorded(value)


def _validity(value: object) -> ImpreciseDate | None:
    return None if value is None else _to_validity(value)


def _period(value: object) -> ImpreciseDate | None:
    return None if value is None else _to_period(value)


def _strings(field: str, *, codes: bool = False) -> Callable[[object], tuple[str, ...]]:
    def convert(value: object) -> tuple[str, ...]:
        if type(value) is list and not value:
            return ()
        if isinstance(value, str) or not isinstance(value, list | tuple | Iterable):
            raise InvalidEvent(field, value, "a list of strings")
        items = tuple(value)
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise InvalidEvent(field, value, "a list of non-empty strings")
            if codes and not is_known_code(item):
                raise InvalidEvent(field, item, "a GB/T 2260 region code in the gazetteer")
        return items

    return convert


_to_parties = _strings("parties")
_to_party_regions = _strings("regions", codes=True)
_to_covers = _strings("covers")


def _parties(value: object) -> tuple[str, ...]:
    return _to_parties(value)


def _party_regions(value: object) -> tuple[str, ...]:
    return _to_party_regions(value)


def _covers(value: object) -> tuple[str, ...]:
    return _to_covers(value)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidEvent("value", value, "a number")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidEvent("value", value, "a finite number")
    return number


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidEvent("inferred", value, "true or false")
    return value


def _version(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidEvent("schema_version", value, "a positive integer")
    return value


@attrs.frozen(weakref_slot=False)
class Source:
    """Where a fact comes from: a document, a short verbatim quote, optionally a URL."""

    document: str = attrs.field(validator=_text)
    quote: str = attrs.field(validator=_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)


def _source(value: object) -> Source:
    if not isinstance(value, Source):
        raise InvalidEvent("source", value, "a Source(document, quote, url)")
    return value


@attrs.frozen(kw_only=True, weakref_slot=False)
class Event:
    """The envelope every event shares. Use one of the concrete event types."""

    type_name: ClassVar[str] = "Event"

    id: str = attrs.field(validator=_text)
    region: str = attrs.field(validator=_region_code)
    effective: ImpreciseDate = attrs.field(converter=_effective)
    recorded: ImpreciseDate = attrs.field(converter=_recorded)
    source: Source = attrs.field(converter=_source)
    schema_version: int = attrs.field(default=SCHEMA_VERSION, converter=_version)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: bool = attrs.field(default=False, converter=_boolean)

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region this event belongs to (more than one only for agreements)."""
        return (self.region,)


@attrs.frozen(kw_only=True, weakref_slot=False)
class PolicyIssued(Event):
    """A policy document issued; in force until repealed or until its validity ends."""

    type_name: ClassVar[str] = "PolicyIssued"

    title: str = attrs.field(validator=_text)
    issuer: str = attrs.field(validator=_text)
    validity: ImpreciseDate | None = attrs.field(default=None, converter=_validity)


@attrs.frozen(kw_only=True, weakref_slot=False)
class PolicyRepealed(Event):
    """A policy taken out of force; ``policy`` is the id of its PolicyIssued event."""

    type_name: ClassVar[str] = "PolicyRepealed"

    policy: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True, weakref_slot=False)
class AwardGranted(Event):
    """An award given to a recipient."""

    type_name: ClassVar[str] = "AwardGranted"

    award: str = attrs.field(validator=_text)
    recipient: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True, weakref_slot=False)
class AwardNominated(Event):
    """A nomination for an award (not an award)."""

    type_name: ClassVar[str] = "AwardNominated"

    award: str = attrs.field(validator=_text)
    nominee: str = attrs.field(validator=_text)


def _person_or_organization(instance: CQOAppointed, attribute: object, value: object) -> None:
    if instance.person is None and instance.organization is None:
        raise InvalidEvent("person", None, "a person or an organization (both are missing)")


@attrs.frozen(kw_only=True, weakref_slot=False)
class CQOAppointed(Event):
    """A chief quality officer (首席质量官) in office at an organization."""

    type_name: ClassVar[str] = "CQOAppointed"

    person: str | None = attrs.field(default=None, validator=_optional_text)
    organization: str | None = attrs.field(
        default=None, validator=[_optional_text, _person_or_organization]
    )


@attrs.frozen(kw_only=True, weakref_slot=False)
class PlatformLaunched(Event):
    """A platform (exchange, service, digital) put into operation."""

    type_name: ClassVar[str] = "PlatformLaunched"

    name: str = attrs.field(validator=_text)
    operator: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True, weakref_slot=False)
class DesignationGranted(Event):
    """A designation: pilot city, demonstration zone or city, demonstration project."""

    type_name: ClassVar[str] = "DesignationGranted"

    designation: str = attrs.field(validator=_text)
    designee: str | None = attrs.field(default=None, validator=_optional_text)
    granted_by: str | None = attrs.field(default=None, validator=_optional_text)


def _includes_own_region(instance: AgreementSigned, attribute: object, value: object) -> None:
    if instance.region not in instance.party_regions:
        raise InvalidEvent(
            "regions", list(instance.party_regions), f"a list including {instance.region}"
        )


@attrs.frozen(kw_only=True, weakref_slot=False)
class AgreementSigned(Event):
    """An agreement or memorandum; ``party_regions`` names every region party to it."""

    type_name: ClassVar[str] = "AgreementSigned"

    title: str = attrs.field(validator=_text)
    parties: tuple[str, ...] = attrs.field(converter=_parties)
    party_regions: tuple[str, ...] = attrs.field(
        converter=_party_regions, validator=_includes_own_region
    )

    @property
    def regions(self) -> tuple[str, ...]:
        return self.party_regions


@attrs.frozen(kw_only=True, weakref_slot=False)
class ProgramLaunched(Event):
    """A programme, campaign or action started."""

    type_name: ClassVar[str] = "ProgramLaunched"

    name: str = attrs.field(validator=_text)
    description: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True, weakref_slot=False)
class StatisticReported(Event):
    """A reported number: a total as of a date, an increment over a period, or a rate.

    ``covers`` lists ids of events this number already counts, so that a rollup never
    counts them twice.
    """

    type_name: ClassVar[str] = "StatisticReported"

    metric: str = attrs.field(validator=_text)
    value: float = attrs.field(converter=_number)
    unit: str = attrs.field(validator=_text)
    kind: StatisticKind = attrs.field(validator=_one_of(STATISTIC_KINDS))
    bound: Bound = attrs.field(default="exact", validator=_one_of(BOUNDS))
    period: ImpreciseDate | None = attrs.field(default=None, converter=_period)
    covers: tuple[str, ...] = attrs.field(default=(), converter=_covers)


def _fact(value: object) -> Event:
    if not isinstance(value, Event) or isinstance(value, Corrected | Retracted):
        raise InvalidEvent("replacement", value, "a fact event (not a correction or retraction)")
    return value


def _same_id_as_target(instance: Corrected, attribute: object, value: Event) -> None:
    if value.id != instance.target:
        raise InvalidEvent("replacement.id", value.id, f"the target id {instance.target!r}")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Corrected(Event):
    """A correction: from its recorded date on, ``replacement`` stands for ``target``."""

    type_name: ClassVar[str] = "Corrected"

    target: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_text)
    replacement: Event = attrs.field(converter=_fact, validator=_same_id_as_target)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Retracted(Event):
    """A retraction: from its recorded date on, ``target`` is as if it never was."""

    type_name: ClassVar[str] = "Retracted"

    target: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_text)


EVENT_TYPES: tuple[type[Event], ...] = (
    PolicyIssued,
    PolicyRepealed,
    AwardGranted,
    AwardNominated,
    CQOAppointed,
    PlatformLaunched,
    DesignationGranted,
    AgreementSigned,
    ProgramLaunched,
    StatisticReported,
    Corrected,
    Retracted,
)

Amendment = Corrected | Retracted


REFERRING: tuple[type[Event], ...] = (Corrected, Retracted, PolicyRepealed, StatisticReported)
"""The event types that can point at other events: only these need :func:`references`."""


def references(event: Event) -> tuple[tuple[str, str], ...]:
    """The (field, event id) pairs an event points at."""
    if isinstance(event, Corrected | Retracted):
        return (("target", event.target),)
    if isinstance(event, PolicyRepealed):
        return (("policy", event.policy),)
    if isinstance(event, StatisticReported):
        return tuple(("covers", target) for target in event.covers)
    return ()


_BOUND_SIGNS = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "about": "≈"}


def format_value(value: float, bound: str) -> str:
    """A value as people write it, with its bound: ``≥85``, ``>1000``, ``3160``."""
    shown = int(value) if value.is_integer() else value
    return f"{_BOUND_SIGNS[bound]}{shown}"


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
        case PlatformLaunched():
            return event.name
        case DesignationGranted():
            return event.designation + (f": {event.designee}" if event.designee else "")
        case AgreementSigned():
            return f"{event.title} ({', '.join(event.parties)})"
        case ProgramLaunched():
            return event.name
        case StatisticReported():
            shown = format_value(event.value, event.bound)
            return f"{event.metric} = {shown} {event.unit} ({event.kind})"
        case Corrected():
            return f"correction of {event.target}: {event.reason}"
        case Retracted():
            return f"retraction of {event.target}: {event.reason}"
    return event.id
