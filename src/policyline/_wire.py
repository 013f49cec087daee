"""The fast paths of JSON: every event type's shape, checked and written in C by msgspec.

:mod:`policyline._codec` first hands each line to :func:`fast_decode`. msgspec parses it
straight into the typed shapes below, checking types, non-blank strings, the allowed
words and that no field is unknown, without building a dict. A line that passes is valid
by construction, so its record is assembled slot by slot without running the attrs
validators again. Checks msgspec cannot express (a region in the gazetteer, a date that
parses, a CQO with a person or an organization, an agreement that includes its own
region, a correction that keeps its target's id) are made while assembling.

The shapes are at least as strict as the validators, never looser: anything they refuse
(a wrong type, an old schema version, a null where the slow path drops the field, an
unparsable date ...) makes :func:`fast_decode` return ``None``, and the codec decodes the
line the slow way, which either accepts it or says exactly what is wrong, and where.
``tests/test_wire.py`` checks that both paths agree on every event and every mistake.

:func:`fast_encode` goes the other way for the stores: the same shapes, filled from a
record and written by msgspec (the text :func:`policyline._codec.encode_line` writes
decodes to the same event; only the order of keys and the spacing may differ).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import attrgetter
from sys import intern
from typing import Annotated, Any, Literal, TypeAlias, get_type_hints

import msgspec

from policyline._dates import ImpreciseDate
from policyline._events import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    Corrected,
    CQOAppointed,
    DesignationGranted,
    Event,
    PlatformLaunched,
    PolicyIssued,
    PolicyRepealed,
    ProgramLaunched,
    Retracted,
    Source,
    StatisticReported,
    convert_date,
    date_cache,
)
from policyline._regions import region_codes
from policyline.errors import InvalidEvent

Text: TypeAlias = Annotated[str, msgspec.Meta(min_length=1)]
"""A non-empty string. That it is not all whitespace is checked while assembling: a
``pattern`` here would call Python's ``re`` for every string and double the decoding time."""
Kind: TypeAlias = Literal["total", "increment", "rate"]
BoundWord: TypeAlias = Literal["exact", "at_least", "more_than", "at_most", "about"]


class _Shape(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """Strict, untracked by the cyclic collector (they live for one line only)."""


class _Source(_Shape):
    document: Text
    quote: Text
    url: Text | None = None


class _Envelope(_Shape, tag_field="type", kw_only=True):
    id: Text
    region: Text
    effective: Text
    recorded: Text
    source: _Source
    schema_version: Literal[2] = 2
    inferred: bool = False
    note: Text | None = None


class _PolicyIssuedPayload(_Shape):
    title: Text
    issuer: Text
    validity: Text | None = None


class _PolicyIssued(_Envelope, tag="PolicyIssued", kw_only=True):
    payload: _PolicyIssuedPayload


class _PolicyRepealedPayload(_Shape):
    policy: Text


class _PolicyRepealed(_Envelope, tag="PolicyRepealed", kw_only=True):
    payload: _PolicyRepealedPayload


class _AwardGrantedPayload(_Shape):
    award: Text
    recipient: Text


class _AwardGranted(_Envelope, tag="AwardGranted", kw_only=True):
    payload: _AwardGrantedPayload


class _AwardNominatedPayload(_Shape):
    award: Text
    nominee: Text


class _AwardNominated(_Envelope, tag="AwardNominated", kw_only=True):
    payload: _AwardNominatedPayload


class _CQOAppointedPayload(_Shape):
    person: Text | None = None
    organization: Text | None = None


class _CQOAppointed(_Envelope, tag="CQOAppointed", kw_only=True):
    payload: _CQOAppointedPayload


class _PlatformLaunchedPayload(_Shape):
    name: Text
    operator: Text | None = None


class _PlatformLaunched(_Envelope, tag="PlatformLaunched", kw_only=True):
    payload: _PlatformLaunchedPayload


class _DesignationGrantedPayload(_Shape):
    designation: Text
    designee: Text | None = None
    granted_by: Text | None = None


class _DesignationGranted(_Envelope, tag="DesignationGranted", kw_only=True):
    payload: _DesignationGrantedPayload


class _AgreementSignedPayload(_Shape):
    title: Text
    parties: list[Text]
    regions: list[Text]


class _AgreementSigned(_Envelope, tag="AgreementSigned", kw_only=True):
    payload: _AgreementSignedPayload


class _ProgramLaunchedPayload(_Shape):
    name: Text
    description: Text | None = None


class _ProgramLaunched(_Envelope, tag="ProgramLaunched", kw_only=True):
    payload: _ProgramLaunchedPayload


class _StatisticReportedPayload(_Shape):
    metric: Text
    value: float
    unit: Text
    kind: Kind
    bound: BoundWord = "exact"
    period: Text | None = None
    covers: list[Text] = []


class _StatisticReported(_Envelope, tag="StatisticReported", kw_only=True):
    payload: _StatisticReportedPayload


_Fact: TypeAlias = (
    _PolicyIssued
    | _PolicyRepealed
    | _AwardGranted
    | _AwardNominated
    | _CQOAppointed
    | _PlatformLaunched
    | _DesignationGranted
    | _AgreementSigned
    | _ProgramLaunched
    | _StatisticReported
)


class _CorrectedPayload(_Shape):
    target: Text
    reason: Text
    replacement: _Fact


class _Corrected(_Envelope, tag="Corrected", kw_only=True):
    payload: _CorrectedPayload


class _RetractedPayload(_Shape):
    target: Text
    reason: Text


class _Retracted(_Envelope, tag="Retracted", kw_only=True):
    payload: _RetractedPayload


class _Reject(Exception):
    """A line the fast path leaves to the slow one."""


def _slot(cls: type, name: str) -> Callable[[object, object], None]:
    """A setter of one slot of a frozen attrs record (its ``__setattr__`` refuses)."""
    setter: Callable[[object, object], None] = getattr(cls, name).__set__
    return setter


_new = object.__new__
_DATES = date_cache()
_CODES = {code: code for code in region_codes()}
_document = _slot(Source, "document")
_quote = _slot(Source, "quote")
_url = _slot(Source, "url")
_id = _slot(Event, "id")
_region = _slot(Event, "region")
_effective = _slot(Event, "effective")
_recorded = _slot(Event, "recorded")
_source = _slot(Event, "source")
_schema_version = _slot(Event, "schema_version")
_note = _slot(Event, "note")
_inferred = _slot(Event, "inferred")


def _blank(value: str | None) -> bool:
    """True for a string of whitespace only (msgspec already refused the empty string)."""
    return value is not None and value.isspace()


def _date(field: str, text: str | None) -> ImpreciseDate | None:
    """The shared date of a text (parsed on first sight); an unparsable one is rejected."""
    if text is None:
        return None
    known = _DATES.get(text)
    if known is not None:
        return known
    try:
        return convert_date(field, text)
    except InvalidEvent:  # the slow path says what is wrong with it
        raise _Reject from None


def _code(text: str) -> str:
    code = _CODES.get(text)
    if code is None:
        raise _Reject
    return code


def _record(cls: type[Event], wire: _Envelope) -> Any:
    """A new record of ``cls`` with the envelope's slots filled; the caller fills the rest.

    The hot path of loading: checks are inlined rather than calls, which cost here.
    """
    source = wire.source
    url, note = source.url, wire.note
    if (
        wire.id.isspace()
        or source.document.isspace()
        or source.quote.isspace()
        or (url is not None and url.isspace())
        or (note is not None and note.isspace())
    ):
        raise _Reject
    made = _new(Source)
    _document(made, intern(source.document))
    _quote(made, source.quote)
    _url(made, url)
    event = _new(cls)
    _id(event, wire.id)
    _region(event, _CODES.get(wire.region) or _code(wire.region))
    _effective(event, _DATES.get(wire.effective) or _date("effective", wire.effective))
    _recorded(event, _DATES.get(wire.recorded) or _date("recorded", wire.recorded))
    _source(event, made)
    _schema_version(event, SCHEMA_VERSION)
    _note(event, note)
    _inferred(event, wire.inferred)
    return event


def _texts(values: list[str]) -> tuple[str, ...]:
    if any(value.isspace() for value in values):
        raise _Reject
    return tuple(values)


def _shared(value: str | None) -> str | None:
    """A word with few distinct values (metric, unit, award ...): one string object each."""
    if value is None:
        return None
    if value.isspace():
        raise _Reject
    return intern(value)


_title = _slot(PolicyIssued, "title")
_issuer = _slot(PolicyIssued, "issuer")
_validity = _slot(PolicyIssued, "validity")


def _policy_issued(wire: _PolicyIssued) -> PolicyIssued:
    payload = wire.payload
    if _blank(payload.title):
        raise _Reject
    event = _record(PolicyIssued, wire)
    _title(event, payload.title)
    _issuer(event, _shared(payload.issuer))
    _validity(event, _date("validity", payload.validity))
    return event  # type: ignore[no-any-return]


_policy = _slot(PolicyRepealed, "policy")


def _policy_repealed(wire: _PolicyRepealed) -> PolicyRepealed:
    if _blank(wire.payload.policy):
        raise _Reject
    event = _record(PolicyRepealed, wire)
    _policy(event, wire.payload.policy)
    return event  # type: ignore[no-any-return]


_granted_award = _slot(AwardGranted, "award")
_recipient = _slot(AwardGranted, "recipient")


def _award_granted(wire: _AwardGranted) -> AwardGranted:
    payload = wire.payload
    if _blank(payload.recipient):
        raise _Reject
    event = _record(AwardGranted, wire)
    _granted_award(event, _shared(payload.award))
    _recipient(event, payload.recipient)
    return event  # type: ignore[no-any-return]


_nominated_award = _slot(AwardNominated, "award")
_nominee = _slot(AwardNominated, "nominee")


def _award_nominated(wire: _AwardNominated) -> AwardNominated:
    payload = wire.payload
    if _blank(payload.nominee):
        raise _Reject
    event = _record(AwardNominated, wire)
    _nominated_award(event, _shared(payload.award))
    _nominee(event, payload.nominee)
    return event  # type: ignore[no-any-return]


_person = _slot(CQOAppointed, "person")
_organization = _slot(CQOAppointed, "organization")


def _cqo_appointed(wire: _CQOAppointed) -> CQOAppointed:
    payload = wire.payload
    if payload.person is None and payload.organization is None:
        raise _Reject
    if _blank(payload.person) or _blank(payload.organization):
        raise _Reject
    event = _record(CQOAppointed, wire)
    _person(event, payload.person)
    _organization(event, payload.organization)
    return event  # type: ignore[no-any-return]


_platform_name = _slot(PlatformLaunched, "name")
_operator = _slot(PlatformLaunched, "operator")


def _platform_launched(wire: _PlatformLaunched) -> PlatformLaunched:
    payload = wire.payload
    if _blank(payload.name):
        raise _Reject
    event = _record(PlatformLaunched, wire)
    _platform_name(event, payload.name)
    _operator(event, _shared(payload.operator))
    return event  # type: ignore[no-any-return]


_designation = _slot(DesignationGranted, "designation")
_designee = _slot(DesignationGranted, "designee")
_granted_by = _slot(DesignationGranted, "granted_by")


def _designation_granted(wire: _DesignationGranted) -> DesignationGranted:
    payload = wire.payload
    if _blank(payload.designee):
        raise _Reject
    event = _record(DesignationGranted, wire)
    _designation(event, _shared(payload.designation))
    _designee(event, payload.designee)
    _granted_by(event, _shared(payload.granted_by))
    return event  # type: ignore[no-any-return]


_agreement_title = _slot(AgreementSigned, "title")
_parties = _slot(AgreementSigned, "parties")
_party_regions = _slot(AgreementSigned, "party_regions")


def _agreement_signed(wire: _AgreementSigned) -> AgreementSigned:
    payload = wire.payload
    if _blank(payload.title):
        raise _Reject
    event = _record(AgreementSigned, wire)
    codes = tuple(map(_code, payload.regions))
    if event.region not in codes:
        raise _Reject
    _agreement_title(event, payload.title)
    _parties(event, _texts(payload.parties))
    _party_regions(event, codes)
    return event  # type: ignore[no-any-return]


_program_name = _slot(ProgramLaunched, "name")
_description = _slot(ProgramLaunched, "description")


def _program_launched(wire: _ProgramLaunched) -> ProgramLaunched:
    payload = wire.payload
    if _blank(payload.name) or _blank(payload.description):
        raise _Reject
    event = _record(ProgramLaunched, wire)
    _program_name(event, payload.name)
    _description(event, payload.description)
    return event  # type: ignore[no-any-return]


_metric = _slot(StatisticReported, "metric")
_value = _slot(StatisticReported, "value")
_unit = _slot(StatisticReported, "unit")
_kind = _slot(StatisticReported, "kind")
_bound = _slot(StatisticReported, "bound")
_period = _slot(StatisticReported, "period")
_covers = _slot(StatisticReported, "covers")


def _statistic_reported(wire: _StatisticReported) -> StatisticReported:
    payload = wire.payload
    event = _record(StatisticReported, wire)
    _metric(event, _shared(payload.metric))
    _value(event, payload.value)
    _unit(event, _shared(payload.unit))
    _kind(event, payload.kind)
    _bound(event, payload.bound)
    _period(event, _date("period", payload.period))
    _covers(event, _texts(payload.covers) if payload.covers else ())
    return event  # type: ignore[no-any-return]


_corrected_target = _slot(Corrected, "target")
_corrected_reason = _slot(Corrected, "reason")
_replacement = _slot(Corrected, "replacement")


def _corrected(wire: _Corrected) -> Corrected:
    payload = wire.payload
    if _blank(payload.target) or _blank(payload.reason):
        raise _Reject
    replacement = _ASSEMBLERS[type(payload.replacement)](payload.replacement)
    if replacement.id != payload.target:
        raise _Reject
    event = _record(Corrected, wire)
    _corrected_target(event, payload.target)
    _corrected_reason(event, payload.reason)
    _replacement(event, replacement)
    return event  # type: ignore[no-any-return]


_retracted_target = _slot(Retracted, "target")
_retracted_reason = _slot(Retracted, "reason")


def _retracted(wire: _Retracted) -> Retracted:
    payload = wire.payload
    if _blank(payload.target) or _blank(payload.reason):
        raise _Reject
    event = _record(Retracted, wire)
    _retracted_target(event, payload.target)
    _retracted_reason(event, payload.reason)
    return event  # type: ignore[no-any-return]


_ASSEMBLERS: Mapping[type[_Envelope], Callable[[Any], Event]] = {
    _PolicyIssued: _policy_issued,
    _PolicyRepealed: _policy_repealed,
    _AwardGranted: _award_granted,
    _AwardNominated: _award_nominated,
    _CQOAppointed: _cqo_appointed,
    _PlatformLaunched: _platform_launched,
    _DesignationGranted: _designation_granted,
    _AgreementSigned: _agreement_signed,
    _ProgramLaunched: _program_launched,
    _StatisticReported: _statistic_reported,
    _Corrected: _corrected,
    _Retracted: _retracted,
}
"""One function per event type, as the folds are: what each checks is in plain sight."""
_DECODER = msgspec.json.Decoder(_Fact | _Corrected | _Retracted)


def fast_decode(line: bytes | str) -> Event | None:
    """The event on one JSON line, or ``None`` if the slow path must decide."""
    try:
        wire = _DECODER.decode(line)
        return _ASSEMBLERS[type(wire)](wire)
    except (msgspec.DecodeError, _Reject):
        return None


def json_number(value: float) -> float | int:
    """A number as JSON writes it: whole numbers as integers (``415``, not ``415.0``)."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def date_text(value: ImpreciseDate | None) -> str | None:
    """A date as JSON writes it: its text."""
    return None if value is None else value.text


_Encoding: TypeAlias = tuple[
    type[Any],  # the event's shape
    type[_Shape],  # its payload's shape
    Callable[[Event], tuple[Any, ...]],  # the record's payload values, in the shape's order
    tuple[tuple[int, Callable[[Any], object]], ...],  # (position, how to write) where needed
]


def _encoding(cls: type[Event], shape: type[_Envelope]) -> _Encoding:
    payload: type[_Shape] = get_type_hints(shape)["payload"]
    names = [_SLOT_NAMES.get(name, name) for name in payload.__struct_fields__]
    getter = attrgetter(*names)
    values: Callable[[Event], tuple[Any, ...]] = (
        getter if len(names) > 1 else lambda event: (getter(event),)
    )
    types = get_type_hints(cls)
    written: dict[object, Callable[[Any], object]] = {
        ImpreciseDate | None: date_text,
        float: json_number,
        Event: _shape_of,
    }
    fixes = tuple(
        (position, written[types[name]])
        for position, name in enumerate(names)
        if types[name] in written
    )
    return shape, payload, values, fixes


_SLOT_NAMES: Mapping[str, str] = {"regions": "party_regions"}
"""Payload keys stored under another name than the record's attribute."""


def _shape_of(event: Event) -> _Envelope:
    shape, payload, values, fixes = _ENCODING[type(event)]
    fields = values(event)
    if fixes:
        fields = list(fields)  # type: ignore[assignment]
        for position, written in fixes:
            fields[position] = written(fields[position])  # type: ignore[index]
    source = event.source
    made: _Envelope = shape(
        id=event.id,
        region=event.region,
        effective=event.effective.text,
        recorded=event.recorded.text,
        source=_Source(source.document, source.quote, source.url),
        inferred=event.inferred,
        note=event.note,
        payload=payload(*fields),
    )
    return made


_BY_NAME: Mapping[object, type[Event]] = {cls.type_name: cls for cls in EVENT_TYPES}
_ENCODING: Mapping[type[Event], _Encoding] = {
    _BY_NAME[shape.__struct_config__.tag]: _encoding(_BY_NAME[shape.__struct_config__.tag], shape)
    for shape in _ASSEMBLERS  # each shape's tag is its event type's name
}
_ENCODER = msgspec.json.Encoder()


def fast_encode(event: Event) -> bytes:
    """The event as one line of JSON (UTF-8, no newline), written in C.

    Raises ``msgspec.EncodeError`` or ``UnicodeError`` for what msgspec cannot write
    (a lone surrogate ...): :func:`policyline._codec.encode_line` writes anything."""
    return _ENCODER.encode(_shape_of(event))
