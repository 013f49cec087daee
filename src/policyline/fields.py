"""The field rules an event type is declared with (see docs/extending.md).

Each is a converter for ``attrs.field(converter=...)``: it accepts what the field may hold
(from Python or from JSON) and raises :class:`~policyline.errors.InvalidEvent` for anything
else; policyline derives the JSON shape and the reference checks from them. ``KEY`` and
``TARGETS`` are field metadata: the JSON key of a field stored under another name, and the
event types a reference may point at.
"""

from policyline._declaring import KEY, TARGETS
from policyline._events import fact
from policyline._fields import (
    bound,
    date,
    event_id,
    event_ids,
    flag,
    number,
    optional_date,
    optional_text,
    optional_word,
    region_code,
    region_code_list,
    statistic_kind,
    text,
    texts,
    word,
)
from policyline._sources import source

__all__ = [
    "KEY",
    "TARGETS",
    "bound",
    "date",
    "event_id",
    "event_ids",
    "fact",
    "flag",
    "number",
    "optional_date",
    "optional_text",
    "optional_word",
    "region_code",
    "region_code_list",
    "source",
    "statistic_kind",
    "text",
    "texts",
    "word",
]
