"""Field kinds: what one field of an event accepts, and how it is written as JSON.

An event type declares each field with one of these converters
(``title: str = attrs.field(converter=text)``). The converter is the field's only rule:
it turns what it is given (a Python value, or the value read from JSON) into the field's
value, or raises :class:`InvalidEvent` saying what it expected and what it got. Python
construction, both decoding paths and the stores all run these same functions.

:data:`KINDS` says, per converter, what the codec and the integrity check need beyond the
rule: how the value is written as JSON and whether it points at other events. A field
whose converter is not listed (a user's own) is written as it is.

Each converter takes the field's name as a second argument for its message; attrs calls
it with the value only, and :func:`policyline._declaring.event_type` names the field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal, get_args

import attrs

from policyline._caching import Cache
from policyline._dates import ImpreciseDate, imprecise
from policyline._regions import region_codes
from policyline.errors import InvalidDate, InvalidEvent

StatisticKind = Literal["total", "increment", "rate"]
Bound = Literal["exact", "at_least", "more_than", "at_most", "about"]
STATISTIC_KINDS: tuple[str, ...] = get_args(StatisticKind)
BOUNDS: tuple[str, ...] = get_args(Bound)

DATES: Cache[str, ImpreciseDate] = Cache(200_000)
"""Parsed date texts: events share one immutable ImpreciseDate per distinct text."""
WORDS: Cache[str, str] = Cache(100_000)
"""Checked words (metrics, units, awards ...): events share one string per distinct word."""
CODES: dict[str, str] = {}
"""Each region code once, so that every event of a region shares one string."""


def refresh_codes() -> None:
    """Learn the gazetteer's codes again (after :func:`policyline._regions.install`)."""
    CODES.clear()  # in place: the region field's kind holds it
    CODES.update((code, code) for code in region_codes())


refresh_codes()


_INVISIBLE = (
    "\\s\\x00-\\x1f\\x7f-\\x9f\\xad\\u034f\\u115f\\u1160\\u180e\\u200b-\\u200f\\u202a-\\u202e"
    "\\u2060-\\u2064\\u2066-\\u206f\\u2800\\u3164\\ufeff\\uffa0"
)
VISIBLE = f"[^{_INVISIBLE}]"
"""A character that shows, as a regular expression (Python's and JSON Schema's alike)."""
visible = re.compile(VISIBLE).search
"""The first character of a string that shows: not a space, a control character, a
zero-width or filler character or a direction mark."""
_lone_surrogate = re.compile("[\\ud800-\\udfff]").search


def text(value: object, field: str = "") -> str:
    """A string with a visible character in it (not only spaces, control, zero-width or
    filler characters and direction marks), without NUL (no PostgreSQL text holds it)
    and without a lone surrogate (which UTF-8 cannot store)."""
    if isinstance(value, str) and value and not value.isspace():
        if "\x00" in value:
            raise InvalidEvent(field, value, "text without NUL characters")
        if not value.isascii() and _lone_surrogate(value):
            raise InvalidEvent(field, value, "text without lone surrogates (U+D800 to U+DFFF)")
        if visible(value):
            return value
        raise InvalidEvent(field, value, "a string with a visible character")
    raise InvalidEvent(field, value, "a non-empty string")


def optional_text(value: object, field: str = "") -> str | None:
    """A non-empty string, or None."""
    return None if value is None else text(value, field)


def word(value: object, field: str = "") -> str:
    """A non-empty string with few distinct values (a metric, a unit, an award): each
    distinct value is kept once in memory."""
    checked = text(value, field)
    if type(checked) is not str:
        return checked
    return WORDS.get(checked) or WORDS.put(checked, checked)


def optional_word(value: object, field: str = "") -> str | None:
    """A :func:`word`, or None."""
    return None if value is None else word(value, field)


def event_id(value: object, field: str = "") -> str:
    """The id of another event (a reference the integrity check resolves)."""
    return text(value, field)


def optional_event_id(value: object, field: str = "") -> str | None:
    """An :func:`event_id`, or None."""
    return None if value is None else event_id(value, field)


def _strings(value: object, field: str, expected: str) -> tuple[str, ...]:
    if type(value) is tuple or type(value) is list:
        items = tuple(value)
        for item in items:
            try:
                text(item, field)
            except InvalidEvent:
                raise InvalidEvent(field, value, expected) from None
        return items
    raise InvalidEvent(field, value, expected)


def texts(value: object, field: str = "") -> tuple[str, ...]:
    """A list of non-empty strings, kept as a tuple."""
    return _strings(value, field, "a list of non-empty strings")


def event_ids(value: object, field: str = "") -> tuple[str, ...]:
    """A list of ids of other events (references the integrity check resolves)."""
    return _strings(value, field, "a list of event ids")


def region_code(value: object, field: str = "") -> str:
    """A GB/T 2260 code of a region in the gazetteer."""
    if type(value) is str:
        code = CODES.get(value)
        if code is not None:
            return code
    raise InvalidEvent(field, value, "a GB/T 2260 region code in the gazetteer")


def region_code_list(value: object, field: str = "") -> tuple[str, ...]:
    """A list of region codes, kept as a tuple."""
    codes = _strings(value, field, "a list of GB/T 2260 region codes")
    return tuple(region_code(code, field) for code in codes)


def date(value: object, field: str = "") -> ImpreciseDate:
    """An imprecise date: its EDTF text (``2021-09-15``, ``2020-09``, ``2006``,
    ``2006/2020``), a ``datetime.date`` or an :class:`ImpreciseDate`."""
    if type(value) is str:
        known = DATES.get(value)
        if known is not None:
            return known
        return DATES.put(value, _parse_date(value, field))
    return _parse_date(value, field)


def _parse_date(value: object, field: str) -> ImpreciseDate:
    if not isinstance(value, str | dt.date | ImpreciseDate):
        raise InvalidEvent(field, value, "an EDTF date such as 2021-09-15, 2020-09, 2006")
    try:
        return imprecise(value)
    except InvalidDate as error:
        raise InvalidEvent(field, value, f"an EDTF date ({error.reason})") from None


def optional_date(value: object, field: str = "") -> ImpreciseDate | None:
    """An imprecise date, or None."""
    return None if value is None else date(value, field)


def number(value: object, field: str = "") -> float:
    """A finite number (not a boolean), kept as a float."""
    if type(value) is float and math.isfinite(value):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            converted = float(value)
        except OverflowError:
            converted = math.inf
        if math.isfinite(converted):
            return converted
        raise InvalidEvent(field, value, "a finite number")
    raise InvalidEvent(field, value, "a number")


def flag(value: object, field: str = "") -> bool:
    """True or false."""
    if isinstance(value, bool):
        return value
    raise InvalidEvent(field, value, "true or false")


def version(value: object, field: str = "") -> int:
    """A schema version: a positive integer."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise InvalidEvent(field, value, "a positive integer")


def _one_of(value: object, field: str, choices: dict[str, str]) -> Any:
    if type(value) is str:
        chosen = choices.get(value)
        if chosen is not None:
            return chosen  # the one string object of that choice
    raise InvalidEvent(field, value, f"one of {', '.join(choices)}")


_KINDS = {choice: choice for choice in STATISTIC_KINDS}
_BOUNDS = {choice: choice for choice in BOUNDS}


def statistic_kind(value: object, field: str = "") -> StatisticKind:
    """What a statistic is: a total, an increment over a period, or a rate."""
    chosen: StatisticKind = _one_of(value, field, _KINDS)
    return chosen


def bound(value: object, field: str = "") -> Bound:
    """How exact a number is: exact, at least, more than, at most, about."""
    chosen: Bound = _one_of(value, field, _BOUNDS)
    return chosen


def date_text(value: ImpreciseDate | None) -> str | None:
    """A date as JSON writes it: its text."""
    return None if value is None else value.text


def json_number(value: float) -> float | int:
    """A number as JSON writes it: whole numbers as integers (``415``, not ``415.0``)."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


@attrs.frozen
class Kind:
    """What the codec and the integrity check know about a field, beyond its rule."""

    to_json: Callable[[Any], object] | None = None
    """How the value is written as JSON (None: as it is)."""
    references: Literal["one", "many"] | None = None
    """Whether the field holds the id of another event, or a list of them."""
    nested: bool = False
    """The field holds an event, written and read as a JSON object of its own."""
    known: Mapping[str, Any] | None = None
    """Values the converter has already accepted, by their JSON text, mapped to what it
    returned: a decoder may look a text up here before calling the converter."""
    accepts: str | None = None
    """A Python expression over ``{v}``, true only for values the converter would return
    unchanged (among the values msgspec decodes: never a lone surrogate; the names it
    may use are ``isfinite`` and ``visible``): a decoder may take such a value without
    the call. It is a shortcut, never
    a rule: the converter still decides every value it does not accept, and
    ``tests/test_fields.py`` checks the converter agrees with it on any value."""
    schema: Mapping[str, Any] | None = None
    """The JSON Schema of the value as JSON writes it (None: any value), for
    :mod:`policyline._schema`; ``#/$defs/…`` names the shared pieces it defines."""


# Values reach a shortcut from msgspec, which never decodes a lone surrogate.
_TEXT = "(type({v}) is str and visible({v}) is not None and '\\x00' not in {v})"
PLAIN = Kind()


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def nullable(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON Schema that also takes null."""
    return {"anyOf": [dict(schema), {"type": "null"}]}


KINDS: dict[Callable[..., Any], Kind] = {
    text: Kind(accepts=_TEXT, schema=_ref("text")),
    optional_text: Kind(accepts=f"({{v}} is None or {_TEXT})", schema=nullable(_ref("text"))),
    word: Kind(known=WORDS, schema=_ref("text")),
    optional_word: Kind(known=WORDS, accepts="({v} is None)", schema=nullable(_ref("text"))),
    event_id: Kind(references="one", accepts=_TEXT, schema=_ref("text")),
    optional_event_id: Kind(
        references="one", accepts=f"({{v}} is None or {_TEXT})", schema=nullable(_ref("text"))
    ),
    texts: Kind(to_json=list, schema={"type": "array", "items": _ref("text")}),
    event_ids: Kind(
        to_json=list, references="many", schema={"type": "array", "items": _ref("text")}
    ),
    region_code: Kind(known=CODES, schema=_ref("region")),
    region_code_list: Kind(to_json=list, schema={"type": "array", "items": _ref("region")}),
    date: Kind(to_json=date_text, known=DATES, schema=_ref("date")),
    optional_date: Kind(
        to_json=date_text, known=DATES, accepts="({v} is None)", schema=nullable(_ref("date"))
    ),
    number: Kind(
        to_json=json_number,
        accepts="(type({v}) is float and isfinite({v}))",
        schema={"type": "number"},
    ),
    flag: Kind(accepts="(type({v}) is bool)", schema={"type": "boolean"}),
    version: Kind(schema={"type": "integer", "minimum": 1}),
    statistic_kind: Kind(known=_KINDS, schema={"enum": list(STATISTIC_KINDS)}),
    bound: Kind(known=_BOUNDS, schema={"enum": list(BOUNDS)}),
}
"""The kind of each converter; :mod:`policyline._events` adds its source and fact kinds."""


def kind_of(converter: Callable[..., Any] | None) -> Kind:
    """The kind of a field by its converter (:data:`PLAIN` for one of a user's own)."""
    return PLAIN if converter is None else KINDS.get(converter, PLAIN)
