"""The entry points: ``read_date_zh`` (the days and what the phrase says about them) and
``parse_date_zh`` (the days of a phrase that dates a fact)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from policyline._dates import DateLike, ImpreciseDate, imprecise
from policyline._zh_dates._calendar import Anchors, Rule, edtf_text
from policyline._zh_dates._meanings import Meaning, read_phrase
from policyline._zh_dates._normalizing import normalize
from policyline.errors import InvalidDate

_UNUSED = dt.date(2000, 1, 1)
"""Stands in for an anchor the phrase does not read."""


@attrs.frozen
class DateReading:
    """What a Chinese date phrase says: the days it names and how they relate to the fact.

    ``meaning`` is one of:

    - ``"on"``: the fact is dated by ``date`` (it happened, or a figure holds, on one of
      its days): ``2021年9月``, ``截至一季度末``, ``4月12日至14日``.
    - ``"from"``: a start (``自2021年1月1日起``): the thing began on one of ``date``'s days
      and holds from then on; a figure counted from then holds at publication.
    - ``"since"``: ``date`` runs from X's first day to ``relative_to`` (``今年以来``,
      ``去年到现在``, ``近三年``): a figure over it is an increment that holds at publication.
    - ``"by"``: a deadline or target (``年底前``, ``2025年前``, ``到2025年`` not yet over at
      publication): due by ``date``'s last day; it is not when anything happened.
    """

    text: str
    date: ImpreciseDate
    meaning: Meaning


def _anchor(name: str, value: DateLike | None, text: str) -> ImpreciseDate | None:
    if value is None:
        return None
    try:
        return imprecise(value)
    except InvalidDate as error:
        raise InvalidDate(text, f"{name} {value!r} is not a date: {error.reason}") from None


_SCANNED_DAYS = 4000
"""An anchor of up to this many days is tried day by day when its bound does not resolve."""


def _tries(anchor: ImpreciseDate | None, end: int) -> Iterator[dt.date]:
    """The anchor's bound, then inwards: day by day for a short anchor (自2001年2月以来
    against 2001 first resolves on 1 February), else year by year (2月29日 exists only in
    some of the anchor's years)."""
    if anchor is None:
        yield _UNUSED
        return
    first, last = anchor.earliest, anchor.latest
    if last - first <= _SCANNED_DAYS:
        days = range(first, last + 1) if end == 0 else range(last, first - 1, -1)
        yield from (dt.date.fromordinal(day) for day in days)
        return
    start, stop = dt.date.fromordinal(first), dt.date.fromordinal(last)
    if end == 0:
        yield start
        yield from (dt.date(y, 1, 1) for y in range(start.year + 1, stop.year + 1))
    else:
        yield stop
        yield from (dt.date(y, 12, 31) for y in range(stop.year - 1, start.year - 1, -1))


def _bound(
    rule: Rule, published: ImpreciseDate | None, antecedent: ImpreciseDate | None, end: int
) -> dt.date:
    """The earliest (``end=0``) or latest (``end=1``) day the phrase can mean for any days
    of its anchors. Every rule is monotone in its anchors, so their bounds suffice."""
    error: InvalidDate | None = None
    for published_day in _tries(published, end):  # at most one of the two loops is long
        for antecedent_day in _tries(antecedent, end):
            try:
                return rule.resolve(Anchors(published_day, antecedent_day))[end]
            except InvalidDate as failure:
                error = failure
    assert error is not None
    raise error


def read_date_zh(
    text: str, *, relative_to: DateLike | None = None, antecedent: DateLike | None = None
) -> DateReading:
    """The days a Chinese date phrase names and what it says about them (see DateReading).

    ``relative_to`` (the publication date) is needed by relative phrases (今年, 上月, 近三年);
    ``antecedent`` (the date the text named before) by words that refer back to it (同年,
    次年, 当天, 当月, 上年同期). Either may be imprecise: the answer covers every one of its
    days. Raises :class:`InvalidDate` saying what could not be read, or why it is refused.
    """
    if not isinstance(text, str):
        raise InvalidDate(text, f"expected a string, got {type(text).__name__}")
    rule, meaning = read_phrase(normalize(text), text)
    published = _anchor("relative_to", relative_to, text)
    referred = _anchor("antecedent", antecedent, text)
    if "relative_to" in rule.needs and published is None:
        raise InvalidDate(text, "a relative phrase needs relative_to (e.g. the publication date)")
    if "antecedent" in rule.needs and referred is None:
        raise InvalidDate(
            text,
            "it refers back to a date named earlier in the text (同年, 次年, 当天, 当月, "
            "同期): pass that date as antecedent=",
        )
    try:
        first = _bound(rule, published if "relative_to" in rule.needs else None, referred, 0)
        last = _bound(rule, published if "relative_to" in rule.needs else None, referred, 1)
        if last < first:
            raise InvalidDate(
                text, f"the phrase would end before it starts relative to {published}"
            )
        date = ImpreciseDate.parse(edtf_text(first, last))
    except (OverflowError, ValueError) as error:
        if isinstance(error, InvalidDate):
            raise
        raise InvalidDate(text, f"out of range: {error}") from None
    if meaning == "until":
        over = published is not None and date.latest <= published.earliest
        return DateReading(text, date, "on" if over else "by")
    return DateReading(text, date, meaning)


def parse_date_zh(
    text: str, *, relative_to: DateLike | None = None, antecedent: DateLike | None = None
) -> ImpreciseDate:
    """The imprecise date a Chinese date phrase dates a fact by (``read_date_zh(...).date``).

    A deadline or target (年底前, 到2025年) dates nothing that happened and is refused
    with InvalidDate; ``read_date_zh`` returns it with meaning ``"by"``.
    """
    reading = read_date_zh(text, relative_to=relative_to, antecedent=antecedent)
    if reading.meaning == "by":
        raise InvalidDate(
            text,
            f"a deadline or target (due by {reading.date.latest_date}), not the date "
            "something happened: read_date_zh returns it with meaning 'by'",
        )
    return reading.date
