"""Chinese date phrases, as policy news writes them, read into imprecise dates.

``parse_date_zh(text, relative_to=...)`` understands, in simplified or traditional script,
with or without quotation marks, Arabic, full-width or Chinese numerals:

==========================  ==========================================================
phrase                      the days it stands for
==========================  ==========================================================
``2021年9月15日``            that day (``号`` for ``日`` too)
``2020年9月``, ``2006年``     that month, that year
``2006-2020年``              the years 2006 to 2020
``今年`` ``去年`` ``前年``      the year of ``relative_to``, the one before, two before
``明年``                     the year after
``去年9月``, ``9月15日``       a month or day; without a year, ``relative_to``'s year
``9月上旬/中旬/下旬``         days 1–10, 11–20, 21 to the month's end
``今年初``, ``年初``          the half of the year they name: January–June (vague:
``年底``, ``年末``            read widely, never narrowly), July–December
``上半年``, ``下半年``         January–June, July–December
``第三季度``, ``三季度``        that quarter; ``前三季度``: January to the quarter's end
``1-9月``, ``1至9月``         January 1 to September 30
``“十四五”期间``             the five-year plan's years: 十四五 2021/2025, 十三五
                             2016/2020, 十二五 2011/2015, 十一五 2006/2010 (any plan
                             from the third, 三五 1966/1970, on); ``时期`` too
``X以来``                     from X's first day up to ``relative_to``
                             (``今年以来``, ``2006年以来``, ``“十三五”以来``)
``近日``, ``日前``, ``最近``     a window: the 30 days up to and including ``relative_to``
``目前``, ``截至目前``, ``至今`` ``relative_to`` itself
``截至X``, ``自X``            the same as X
==========================  ==========================================================

``relative_to`` (the source's publication date, usually) is a string, a date or an
:class:`ImpreciseDate`; it is needed only by relative phrases. When it is itself
imprecise, a relative phrase is resolved against its earliest and its latest day and the
answer covers both: ``今年`` relative to ``2020-12/2021-01`` is ``2020/2021``.

Anything else raises :class:`~policyline.errors.InvalidDate` saying what could not be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from policyline._dates import ImpreciseDate, imprecise
from policyline._hanzi import fold
from policyline.errors import InvalidDate

DateLike = str | dt.date | ImpreciseDate
Window = tuple[dt.date, dt.date]
Resolver = Callable[[dt.date], Window]

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_QUOTES = "“”\"'‘’「」『』《》 \t\u3000"
_PREFIX = re.compile(r"^(?:截至到|截止到|截至|截止|自从|自|从|于|在)")
_TRAILING = re.compile(r"[，。、：:,.;；]+$")
_NUM = r"(\d{1,2}|[〇零一二两三四五六七八九十]{1,3})"
_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})年"

RECENT_DAYS = 30
"""近日, 日前 and 最近 stand for the 30 days up to and including ``relative_to``."""

_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1}


def cn_int(text: str) -> int:
    """A number in Arabic digits or Chinese numerals: ``9``, ``九``, ``十二``, ``二〇〇六``."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if not text or any(c not in _DIGITS for c in text):
            raise ValueError(text)
        return int("".join(str(_DIGITS[c]) for c in text))
    tens_text, _, units_text = text.partition("十")
    tens = _DIGITS[tens_text] if tens_text else 1
    units = _DIGITS[units_text] if units_text else 0
    return tens * 10 + units


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_window(year: int) -> Window:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _months(year: int, first: int, last: int) -> Window:
    return dt.date(year, first, 1), _month_end(year, last)


def _plan_years(number: int) -> tuple[int, int]:
    """The n-th five-year plan's first and last year (the 3rd began in 1966)."""
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def _normalize(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text)
    cleaned = "".join(c for c in cleaned if c not in _QUOTES)
    cleaned = fold(cleaned).replace("—", "-").replace("–", "-").replace("~", "-")
    cleaned = _TRAILING.sub("", cleaned)
    return _PREFIX.sub("", cleaned)


def _in_year(rest: str, whole: str) -> Callable[[int], Window]:
    """What a phrase means within one year: ``9月``, ``上半年``, ``第三季度``, ``年底`` ..."""
    if rest == "":
        return _year_window
    # How far into the year 年初 (or back from its end 年底) reaches is the writer's; a
    # narrower reading would make a fact certain on days the text does not exclude.
    if rest in ("初", "年初"):
        return lambda y: _months(y, 1, 6)
    if rest in ("底", "末", "年底", "年末"):
        return lambda y: _months(y, 7, 12)
    if rest == "上半年":
        return lambda y: _months(y, 1, 6)
    if rest == "下半年":
        return lambda y: _months(y, 7, 12)
    quarter = re.fullmatch(r"(前|第)?([一二三四1-4])季度", rest)
    if quarter is not None:
        number = cn_int(quarter.group(2))
        first = 1 if quarter.group(1) == "前" else 3 * number - 2
        return lambda y: _months(y, first, 3 * number)
    span = re.fullmatch(_NUM + r"月?(?:-|至|到)" + _NUM + r"月(?:份)?", rest)
    if span is not None:
        first, last = cn_int(span.group(1)), cn_int(span.group(2))
        if not 1 <= first <= last <= 12:
            raise InvalidDate(
                whole, f"months {first} to {last} are not a span of January..December"
            )
        return lambda y: _months(y, first, last)
    return _month_day(rest, whole)


def _month_day(rest: str, whole: str) -> Callable[[int], Window]:
    found = re.fullmatch(
        _NUM + r"月(?:份)?(?:" + _NUM + r"[日号]|(上旬|中旬|下旬|初|底|末))?", rest
    )
    if found is None:
        raise InvalidDate(whole, f"cannot read {rest!r} as a month, day, quarter or half year")
    month = cn_int(found.group(1))
    if not 1 <= month <= 12:
        raise InvalidDate(whole, f"month {month} is not between 1 and 12")
    day_text, part = found.group(2), found.group(3)
    if day_text is not None:
        day = cn_int(day_text)

        def exact(year: int) -> Window:
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise InvalidDate(whole, f"day {day} does not exist in {year}-{month:02d}")
            return dt.date(year, month, day), dt.date(year, month, day)

        return exact
    if part is None:
        return lambda y: _months(y, month, month)
    first_day, last_day = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20)}.get(part, (21, 31))
    return lambda y: (
        dt.date(y, month, first_day),
        min(dt.date(y, month, 1) + dt.timedelta(days=last_day - 1), _month_end(y, month)),
    )


def _since(base: Resolver) -> Resolver:
    def resolve(day: dt.date) -> Window:
        first, _ = base(day)
        return first, day

    return resolve


def _read(phrase: str, whole: str) -> tuple[Resolver, bool]:
    """A function from the relative-to day to a window, and whether it uses that day."""
    if phrase in ("目前", "至今", "当前", "现在", "如今"):
        return (lambda day: (day, day)), True
    if phrase in ("近日", "日前", "最近"):
        return (lambda day: (day - dt.timedelta(days=RECENT_DAYS - 1), day)), True
    if phrase.endswith("以来") and len(phrase) > 2:
        base, _ = _read(phrase[: -len("以来")], whole)
        return _since(base), True
    plan = re.fullmatch(
        r"第?([一二三四五六七八九十]{1,3})个?五(?:年计划|计划|规划)?(期间|时期)?", phrase
    )
    if plan is not None:
        number = cn_int(plan.group(1))
        if not 3 <= number <= 20:
            raise InvalidDate(whole, f"no {number}th five-year plan is known")
        first, last = _plan_years(number)
        return (lambda day: (dt.date(first, 1, 1), dt.date(last, 12, 31))), False
    years = re.fullmatch(r"(\d{4})(?:年)?(?:-|至|到)(\d{4})年(?:间|期间)?", phrase)
    if years is not None:
        first, last = int(years.group(1)), int(years.group(2))
        if not 0 < first <= last:
            raise InvalidDate(whole, f"the years {first} to {last} are not a span")
        return (lambda day: (dt.date(first, 1, 1), dt.date(last, 12, 31))), False
    absolute = re.fullmatch(_YEAR + r"(.*)", phrase)
    if absolute is not None:
        year = cn_int(absolute.group(1))
        if year < 1:
            raise InvalidDate(whole, "year 0 does not exist")
        window = _in_year(absolute.group(2), whole)
        return (lambda day: window(year)), False
    word = next((w for w in _RELATIVE_YEARS if phrase.startswith(w)), None)
    if word is not None:
        offset = _RELATIVE_YEARS[word]
        within = _in_year(phrase[len(word) :], whole)
        return (lambda day: within(day.year + offset)), True
    if phrase:
        # A phrase without a year (年底, 上半年, 9月15日) is in relative_to's year.
        within = _in_year(phrase, whole)
        return (lambda day: within(day.year)), True
    raise InvalidDate(whole, "empty date phrase")


def _text(first: dt.date, last: dt.date) -> str:
    """The shortest EDTF text for the days ``first`` .. ``last``."""
    whole_years = first.month == 1 and first.day == 1 and (last.month, last.day) == (12, 31)
    whole_months = first.day == 1 and last == _month_end(last.year, last.month)
    if whole_years:
        start, end = f"{first.year:04d}", f"{last.year:04d}"
    elif whole_months:
        start, end = first.isoformat()[:7], last.isoformat()[:7]
    else:
        start, end = first.isoformat(), last.isoformat()
    return start if start == end else f"{start}/{end}"


def _resolve_bound(resolver: Resolver, anchor: ImpreciseDate, end: int) -> dt.date:
    """The earliest (``end=0``) or latest (``end=1``) day a phrase can mean for any
    day of ``anchor``: tried at the anchor's bound, then year by year inwards, since a
    phrase such as 2月29日 exists only in some of the anchor's years."""
    first, last = dt.date.fromordinal(anchor.earliest), dt.date.fromordinal(anchor.latest)
    tries = [first, *(dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1))]
    if end == 1:
        tries = [last, *(dt.date(y, 12, 31) for y in range(last.year - 1, first.year - 1, -1))]
    error: InvalidDate | None = None
    for day in tries:
        try:
            return resolver(day)[end]
        except InvalidDate as failure:
            error = failure
    assert error is not None
    raise error


def parse_date_zh(text: str, *, relative_to: DateLike | None = None) -> ImpreciseDate:
    """The imprecise date a Chinese date phrase stands for (see the module docs for the list).

    ``relative_to`` is needed only for relative phrases (``今年``, ``去年9月``, ``近日`` ...);
    an imprecise one is resolved against both its bounds. Raises :class:`InvalidDate`.
    """
    if not isinstance(text, str):
        raise InvalidDate(text, f"expected a string, got {type(text).__name__}")
    resolver, relative = _read(_normalize(text), text)
    if relative and relative_to is None:
        raise InvalidDate(text, "a relative phrase needs relative_to (e.g. the publication date)")
    anchor = imprecise(relative_to) if relative_to is not None else None
    try:
        if anchor is None:
            first, last = resolver(dt.date(2000, 1, 1))  # not used by absolute phrases
        else:
            first = _resolve_bound(resolver, anchor, 0)
            last = _resolve_bound(resolver, anchor, 1)
        if last < first:
            raise InvalidDate(text, f"the phrase would end before it starts relative to {anchor}")
        return ImpreciseDate.parse(_text(first, last))
    except (OverflowError, ValueError) as error:
        if isinstance(error, InvalidDate):
            raise
        raise InvalidDate(text, f"out of range: {error}") from None
