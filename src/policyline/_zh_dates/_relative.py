"""Phrases read against the publication day (今天, 上月, 近三年) or against the day the text
named before (当天, 同年, 次年)."""

from __future__ import annotations

import datetime as dt
import re

from policyline._zh_dates._calendar import (
    Anchor,
    Anchors,
    Resolver,
    Rule,
    Window,
    add_years,
    month_shift,
    quarter_of,
)
from policyline._zh_dates._numbers import NUMBER, cn_int
from policyline._zh_dates._within_year import YearPart, in_month, in_quarter, in_year
from policyline.errors import InvalidDate

RECENT_DAYS = 30
"""近日, 日前 and 最近 stand for the 30 days up to and including ``relative_to``."""

RECENT_YEARS = 10
"""近年来 (and 近些年, 近几年) reaches back to 1 January nine years before ``relative_to``'s
year: "the last few years" is the writer's to size, so the window is generous."""

NOW_WORDS = frozenset({"目前", "至今", "当前", "现在", "如今", "迄今", "今", "截至目前"})
RECENT_WORDS = frozenset({"近日", "日前", "最近"})
_RECENT_YEARS_WORDS = frozenset(
    {"近年", "近年来", "近年以来", "近些年", "近些年来", "近几年", "近几年来", "这些年", "这些年来"}
)

_PUBLISHED: frozenset[Anchor] = frozenset({"relative_to"})
_ANTECEDENT: frozenset[Anchor] = frozenset({"antecedent"})

# word -> (which day it counts from, offset)
_DAY_WORDS: dict[str, tuple[Anchor, int]] = {
    "今天": ("relative_to", 0),
    "今日": ("relative_to", 0),
    "昨天": ("relative_to", -1),
    "昨日": ("relative_to", -1),
    "前天": ("relative_to", -2),
    "前日": ("relative_to", -2),
    "明天": ("relative_to", 1),
    "明日": ("relative_to", 1),
    "当天": ("antecedent", 0),
    "当日": ("antecedent", 0),
    "同日": ("antecedent", 0),
    "同一天": ("antecedent", 0),
    "次日": ("antecedent", 1),
    "翌日": ("antecedent", 1),
    "第二天": ("antecedent", 1),
}
_MONTH_WORDS: dict[str, tuple[Anchor, int]] = {
    "本月": ("relative_to", 0),
    "这个月": ("relative_to", 0),
    "上月": ("relative_to", -1),
    "上个月": ("relative_to", -1),
    "上一个月": ("relative_to", -1),
    "下月": ("relative_to", 1),
    "下个月": ("relative_to", 1),
    "当月": ("antecedent", 0),
    "同月": ("antecedent", 0),
    "次月": ("antecedent", 1),
}
_QUARTER_WORDS: dict[str, int] = {
    "本季度": 0,
    "本季": 0,
    "这个季度": 0,
    "上季度": -1,
    "上一季度": -1,
    "上个季度": -1,
    "上季": -1,
    "下季度": 1,
    "下一季度": 1,
    "下个季度": 1,
}
YEAR_WORDS: dict[str, tuple[Anchor, int]] = {
    "今年": ("relative_to", 0),
    "本年度": ("relative_to", 0),
    "本年": ("relative_to", 0),
    "去年": ("relative_to", -1),
    "上一年度": ("relative_to", -1),
    "上年度": ("relative_to", -1),
    "上一年": ("relative_to", -1),
    "上年": ("relative_to", -1),
    "前年": ("relative_to", -2),
    "明年": ("relative_to", 1),
    "同年": ("antecedent", 0),
    "当年": ("antecedent", 0),
    "次年": ("antecedent", 1),
    "翌年": ("antecedent", 1),
    "第二年": ("antecedent", 1),
}


def _longest_prefix(phrase: str, words: dict[str, tuple[Anchor, int]]) -> str | None:
    found = [word for word in words if phrase.startswith(word)]
    return max(found, key=len) if found else None


def _anchor_day(anchors: Anchors, anchor: Anchor) -> dt.date:
    return anchors.published if anchor == "relative_to" else anchors.antecedent


def _needs(anchor: Anchor) -> frozenset[Anchor]:
    return _PUBLISHED if anchor == "relative_to" else _ANTECEDENT


def day_words(phrase: str) -> Rule | None:
    """今天, 昨日, 前天, 明天; 当天 and 次日 count from the antecedent."""
    if phrase in NOW_WORDS:
        return Rule(lambda a: (a.published, a.published), _PUBLISHED)
    if phrase in RECENT_WORDS:
        span = dt.timedelta(days=RECENT_DAYS - 1)
        return Rule(lambda a: (a.published - span, a.published), _PUBLISHED)
    if phrase not in _DAY_WORDS:
        return None
    anchor, offset = _DAY_WORDS[phrase]
    shift = dt.timedelta(days=offset)

    def resolve(anchors: Anchors) -> Window:
        day = _anchor_day(anchors, anchor) + shift
        return day, day

    return Rule(resolve, _needs(anchor))


def month_words(phrase: str, whole: str) -> Rule | None:
    """本月, 上月底, 下个月15日, 当月 (the antecedent's month) and their parts."""
    word = _longest_prefix(phrase, _MONTH_WORDS)
    if word is None:
        return None
    anchor, offset = _MONTH_WORDS[word]
    rest = phrase[len(word) :]
    part = in_month(rest[1:] if rest.startswith("份") else rest, whole)

    def resolve(anchors: Anchors) -> Window:
        day = _anchor_day(anchors, anchor)
        return part(*month_shift(day.year, day.month, offset))

    return Rule(resolve, _needs(anchor))


def quarter_words(phrase: str, whole: str) -> Rule | None:
    """本季度, 上季度末, 下季度初: quarters counted from the publication day's."""
    found = re.fullmatch(
        "(" + "|".join(sorted(_QUARTER_WORDS, key=len, reverse=True)) + ")(初|末|底)?", phrase
    )
    if found is None:
        return None
    offset, part = _QUARTER_WORDS[found.group(1)], found.group(2) or ""

    def resolve(anchors: Anchors) -> Window:
        day = anchors.published
        index = day.year * 4 + quarter_of(day) - 1 + offset
        return in_quarter(index % 4 + 1, part, whole)(index // 4)

    return Rule(resolve, _PUBLISHED)


_ROLLING = re.compile(r"(?:近|最近|过去)" + NUMBER + r"(年|个月|月|个季度|天|日)(?:来|以来|内|间)?")


def rolling_windows(phrase: str) -> Rule | None:
    """近年来, 近三年, 近三个月, 近30天: a window ending on ``relative_to`` that begins early
    enough for every reading (with or without the current year, month or day)."""
    if phrase in _RECENT_YEARS_WORDS:
        return Rule(
            lambda a: (dt.date(a.published.year - RECENT_YEARS + 1, 1, 1), a.published),
            _PUBLISHED,
        )
    found = _ROLLING.fullmatch(phrase)
    if found is None:
        return None
    count, unit = cn_int(found.group(1)), found.group(2)

    def resolve(anchors: Anchors) -> Window:
        day = anchors.published
        if unit == "年":
            return dt.date(day.year - count, 1, 1), day
        if unit in ("个月", "月"):
            return dt.date(*month_shift(day.year, day.month, -count), 1), day
        if unit == "个季度":
            first_month = 3 * quarter_of(day) - 2
            return dt.date(*month_shift(day.year, first_month, -3 * count), 1), day
        return day - dt.timedelta(days=count), day

    return Rule(resolve, _PUBLISHED)


def _this_year(part: YearPart, *, looking_back: bool) -> Resolver:
    """A part named without a year is in ``relative_to``'s year. Looking back (news reports
    what has happened), it may be last year's too: when this year's has not begun by
    ``relative_to`` (12月 written in January), or, for a running total from January
    (前11个月), has not ended."""

    def resolve(anchors: Anchors) -> Window:
        day = anchors.published
        this: Window | None = None
        error: InvalidDate | None = None
        try:
            this = part.within(day.year)
        except InvalidDate as failure:
            error = failure
        if this is not None and not (
            looking_back and (this[0] > day or (part.from_january and this[1] > day))
        ):
            return this
        try:
            last = part.within(day.year - 1)
        except InvalidDate:
            if this is None:
                assert error is not None
                raise error from None
            return this
        return last[0], (this or last)[1]

    return resolve


def year_words(phrase: str, whole: str, *, looking_back: bool) -> Rule:
    """今年, 去年9月, 上年底, 同年5月, 次年, 今明两年, 全年, 上年同期, and a bare part (9月)."""
    if phrase == "今明两年":
        return Rule(
            lambda a: (dt.date(a.published.year, 1, 1), dt.date(a.published.year + 1, 12, 31)),
            _PUBLISHED,
        )
    if phrase == "全年":
        # A year's results are reported into the next one: 全年 alone may be last year.
        return Rule(
            lambda a: (dt.date(a.published.year - 1, 1, 1), dt.date(a.published.year, 12, 31)),
            _PUBLISHED,
        )
    if phrase in ("去年同期", "上年同期", "上一年同期"):
        return Rule(
            lambda a: (add_years(a.antecedent, -1), add_years(a.antecedent, -1)), _ANTECEDENT
        )
    word = _longest_prefix(phrase, YEAR_WORDS)
    if word is None:
        return Rule(_this_year(in_year(phrase, whole), looking_back=looking_back), _PUBLISHED)
    anchor, offset = YEAR_WORDS[word]
    within = in_year(phrase[len(word) :], whole).within
    return Rule(lambda a: within(_anchor_day(a, anchor).year + offset), _needs(anchor))
