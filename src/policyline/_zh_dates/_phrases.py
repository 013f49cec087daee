"""The phrases that name days: numeric forms, years with their parts, relative words,
decades and five-year plans. (What a phrase says about those days — a start, a deadline —
is read around them, in ``_meanings``.)"""

from __future__ import annotations

import datetime as dt
import re

from policyline._dates import ImpreciseDate
from policyline._zh_dates._calendar import Anchor, Anchors, Rule, Window, fixed
from policyline._zh_dates._numbers import FULL_YEAR, SHORT_YEAR, cn_int, full_year, short_year
from policyline._zh_dates._relative import (
    day_words,
    month_words,
    quarter_words,
    rolling_windows,
    year_words,
)
from policyline._zh_dates._within_year import in_year
from policyline.errors import InvalidDate

_PUBLISHED: frozenset[Anchor] = frozenset({"relative_to"})

_NUMERIC_DAY = re.compile(r"(\d{4})(?:[./](\d{1,2})[./]|-(\d{1,2})-)(\d{1,2})")
_NUMERIC_MONTH = re.compile(r"(\d{4})\.(\d{1,2})")
_EDTF = re.compile(r"[\d/-]+")

_PLAN = re.compile(r"第?([一二三四五六七八九十]{1,3})个?五(?:年计划|计划|规划)?(?:期间|时期)?")
_YEARS = re.compile(r"(\d{4})年?(?:-|至|到)(\d{4})年(?:间|期间)?")

_CENTURY = r"(上个?世纪|本世纪|(?:\d{1,2}|[一二三四五六七八九十]{1,3})世纪)?"
_DECADE = re.compile(
    _CENTURY + r"(\d0|[一二三四五六七八九]十|00|〇〇|零零)年代(初期?|前期|中期?|末期?|后期)?"
)
_DECADE_PARTS = {"": (0, 9), "初": (0, 4), "初期": (0, 4), "前期": (0, 4)}
_DECADE_PARTS.update({"中": (2, 7), "中期": (2, 7), "末": (5, 9), "末期": (5, 9), "后期": (5, 9)})
"""Which years of a decade 初, 中 and 末 may mean, read widely (as 年初 and 年底 are)."""


def _plan_years(number: int) -> tuple[int, int]:
    """The n-th five-year plan's first and last year (the 3rd began in 1966)."""
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def _numeric(phrase: str, whole: str) -> Rule | None:
    """2019.9.6, 2019/04/19, 2021-9-15, 2019.9 and the EDTF forms (2021-09-15, 2018, 2006/2020)."""
    day = _NUMERIC_DAY.fullmatch(phrase)
    if day is not None:
        year, month = int(day.group(1)), int(day.group(2) or day.group(3))
        try:
            value = dt.date(year, month, int(day.group(4)))
        except ValueError as error:
            raise InvalidDate(whole, f"no such day: {error}") from None
        return fixed((value, value))
    year_month = _NUMERIC_MONTH.fullmatch(phrase)
    if year_month is not None:
        month_text = f"{int(year_month.group(2))}月"
        return fixed(in_year(month_text, whole).within(int(year_month.group(1))))
    if _EDTF.fullmatch(phrase):
        parsed = ImpreciseDate.parse(phrase)
        return fixed((parsed.earliest_date, parsed.latest_date))
    return None


def _decade(phrase: str, whole: str) -> Rule | None:
    """90年代, 上世纪90年代末, 20世纪80年代初."""
    found = _DECADE.fullmatch(phrase)
    if found is None:
        return None
    century, decade_text, part = found.group(1), found.group(2), found.group(3) or ""
    decade = 0 if decade_text in ("00", "〇〇", "零零") else cn_int(decade_text)
    first, last = _DECADE_PARTS[part]

    def window(start: int) -> Window:
        return dt.date(start + first, 1, 1), dt.date(start + last, 12, 31)

    if century is None:
        # The latest decade with those digits that began by relative_to's year.
        def latest(anchors: Anchors) -> Window:
            year = anchors.published.year
            return window(year - (year - decade) % 100)

        return Rule(latest, _PUBLISHED)
    if century.startswith("上") or century == "本世纪":
        back = 1 if century.startswith("上") else 0

        def relative(anchors: Anchors) -> Window:
            year = anchors.published.year
            if year % 100 == 0:
                raise InvalidDate(whole, f"written in {year}, {century} may mean either century")
            return window(((year - 1) // 100 - back) * 100 + decade)

        return Rule(relative, _PUBLISHED)
    number = cn_int(century[: -len("世纪")])
    if number < 1:
        raise InvalidDate(whole, f"century {number} does not exist")
    return fixed(window((number - 1) * 100 + decade))


def _plan(phrase: str, whole: str) -> Rule | None:
    found = _PLAN.fullmatch(phrase)
    if found is None:
        return None
    number = cn_int(found.group(1))
    if not 3 <= number <= 20:
        raise InvalidDate(whole, f"no {number}th five-year plan is known")
    first, last = _plan_years(number)
    return fixed((dt.date(first, 1, 1), dt.date(last, 12, 31)))


def _years(phrase: str, whole: str) -> Rule | None:
    found = _YEARS.fullmatch(phrase)
    if found is None:
        return None
    first, last = int(found.group(1)), int(found.group(2))
    if not 0 < first <= last:
        raise InvalidDate(whole, f"the years {first} to {last} are not a span")
    return fixed((dt.date(first, 1, 1), dt.date(last, 12, 31)))


def _full_year(phrase: str, whole: str) -> Rule | None:
    found = re.fullmatch(FULL_YEAR + r"年(.*)", phrase)
    if found is None:
        return None
    year = full_year(found.group(1))
    if year < 1:
        raise InvalidDate(whole, "year 0 does not exist")
    return fixed(in_year(found.group(2), whole).within(year))


def _short_year(phrase: str, whole: str) -> Rule | None:
    """98年4月, 19年底: the century is the one that puts the year near publication."""
    found = re.fullmatch(SHORT_YEAR + r"年(.*)", phrase)
    if found is None:
        return None
    if found.group(2) in ("", "来", "以来", "间", "内"):
        raise InvalidDate(
            whole,
            "a two-digit year needs a month or part after it (98年4月, 19年底): "
            f"{found.group(1)}年 alone may be a count of years",
        )
    digits = full_year(found.group(1))
    within = in_year(found.group(2), whole).within
    return Rule(lambda a: within(short_year(digits, a.published)), _PUBLISHED)


def read_days(phrase: str, whole: str, *, looking_back: bool = True) -> Rule:
    """The rule for a phrase that names days, or InvalidDate saying what could not be read.

    ``looking_back``: the phrase reports a fact (rather than a target), so a part named
    without a year may also be last year's (see ``_this_year``)."""
    if not phrase:
        raise InvalidDate(whole, "empty date phrase")
    for reader in (_numeric, month_words, quarter_words, _decade, _plan, _years, _full_year):
        rule = reader(phrase, whole)
        if rule is not None:
            return rule
    for simple in (day_words, rolling_windows):
        rule = simple(phrase)
        if rule is not None:
            return rule
    short = _short_year(phrase, whole)
    if short is not None:
        return short
    return year_words(phrase, whole, looking_back=looking_back)
