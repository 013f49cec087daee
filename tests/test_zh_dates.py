"""Chinese date phrases: examples of each form, refusals, and a containment property."""

from __future__ import annotations

import datetime as dt

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline import ImpreciseDate, parse_date_zh
from policyline.errors import InvalidDate

_CN = "〇一二三四五六七八九"
_TO_TRADITIONAL = opencc.OpenCC("s2t")


@pytest.mark.parametrize(
    ("text", "relative_to", "expected"),
    [
        ("2021年9月15日", None, "2021-09-15"),
        ("2021年9月15号", None, "2021-09-15"),
        ("二〇二一年九月十五日", None, "2021-09-15"),
        ("２０２１年９月", None, "2021-09"),
        ("2006年", None, "2006"),
        ("2006-2020年", None, "2006/2020"),
        ("去年9月", "2021-09-15", "2020-09"),
        ("今年", "2021-09-15", "2021"),
        ("去年", "2021-09-15", "2020"),
        ("前年", "2021-09-15", "2019"),
        ("今年以来", "2021-09-15", "2021-01-01/2021-09-15"),
        ("今年以來", "2021-09-15", "2021-01-01/2021-09-15"),
        ("今年初", "2021-09-15", "2021-01/2021-06"),
        ("年底", "2021-09-15", "2021-07/2021-12"),
        ("年末", "2021-09-15", "2021-07/2021-12"),
        ("上半年", "2021-09-15", "2021-01/2021-06"),
        ("下半年", "2021-09-15", "2021-07/2021-12"),
        ("第三季度", "2021-09-15", "2021-07/2021-09"),
        ("前三季度", "2021-10-20", "2021-01/2021-09"),
        ("1-9月", "2021-10-20", "2021-01/2021-09"),
        ("9月下旬", "2021-10-20", "2021-09-21/2021-09-30"),
        ("11月18日", "2010-11-18/2010-12-31", "2010-11-18"),
        ("“十四五”期间", None, "2021/2025"),
        ("“十一五”期間", None, "2006/2010"),
        ("十二五时期", None, "2011/2015"),
        ("「十三五」", None, "2016/2020"),
        ("“十三五”以来", "2021-06-01", "2016-01-01/2021-06-01"),
        ("近日", "2021-09-15", "2021-08-17/2021-09-15"),
        ("最近", "2010-11-18/2010-12-31", "2010-10-20/2010-12-31"),
        ("目前", "2021-09-15", "2021-09-15"),
        ("截至目前", "2021-09-15", "2021-09-15"),
        ("截至2020年底", None, "2020-07/2020-12"),
        ("今年", "2020-12/2021-01", "2020/2021"),
        ("目前", "2021-09", "2021-09"),
        ("2月29日", "2004-01/2005", "2004-02-29"),  # exists only in one of the anchor's years
    ],
)
def test_examples(text: str, relative_to: str | None, expected: str) -> None:
    """Each documented form reads as the documented window."""
    assert parse_date_zh(text, relative_to=relative_to) == pl.parse_date(expected)


def test_relative_to_may_be_a_date_or_an_imprecise_date() -> None:
    """relative_to accepts a string, a datetime.date and an ImpreciseDate alike."""
    expected = pl.parse_date("2020")
    assert parse_date_zh("去年", relative_to=dt.date(2021, 3, 1)) == expected
    assert parse_date_zh("去年", relative_to=pl.parse_date("2021-03")) == expected


@pytest.mark.parametrize(
    "text",
    ["", "明天", "大约那时", "2021年13月", "2021年2月30日", "十九大", "第五季度", "9-3月"],
)
def test_refuses_what_it_cannot_read(text: str) -> None:
    """Unreadable phrases raise InvalidDate (a ValueError) naming the text."""
    with pytest.raises(InvalidDate, match="invalid date"):
        parse_date_zh(text, relative_to="2021-09-15")


def test_relative_phrase_without_relative_to_is_refused() -> None:
    """今年 means nothing without knowing when it was written."""
    with pytest.raises(InvalidDate, match="relative_to"):
        parse_date_zh("今年")


def _numeral(number: int, style: str) -> str:
    if style == "arabic":
        return str(number)
    if style == "fullwidth":
        return "".join(chr(0xFF10 + int(c)) for c in str(number))
    tens, units = divmod(number, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + (
        _CN[units] if units else ""
    )


def _year(year: int, style: str) -> str:
    if style == "chinese":
        return "".join(_CN[int(c)] for c in str(year))
    return _numeral(year, style)


PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021}


def _render(kind: str, day: dt.date, anchor: dt.date, style: str) -> str | None:
    """The phrase of ``kind`` that truly describes ``day`` written on ``anchor``, if any."""
    y, m, d = _year(day.year, style), _numeral(day.month, style), _numeral(day.day, style)
    same_year = day.year == anchor.year
    phrases: dict[str, str | None] = {
        "day": f"{y}年{m}月{d}日",
        "month": f"{y}年{m}月",
        "year": f"{y}年",
        "this year": "今年" if same_year else None,
        "last year": "去年" if day.year == anchor.year - 1 else None,
        "last year's month": f"去年{m}月" if day.year == anchor.year - 1 else None,
        "month and day": f"{m}月{d}日" if same_year else None,
        "since this year": "今年以来" if same_year and day <= anchor else None,
        "start of year": "今年初" if same_year and day.month <= 6 else None,
        "end of year": "年底" if same_year and day.month >= 7 else None,
        "half": ("上半年" if day.month <= 6 else "下半年") if same_year else None,
        "quarter": f"第{_CN[(day.month + 2) // 3]}季度" if same_year else None,
        "recent": "近日" if 0 <= (anchor - day).days < 30 else None,
        "now": "截至目前" if day == anchor else None,
    }
    for name, first in PLANS.items():
        if first <= day.year <= first + 4:
            phrases["plan"] = f"“{name}”期间"
    return phrases.get(kind)


KINDS = (
    "day",
    "month",
    "year",
    "this year",
    "last year",
    "last year's month",
    "month and day",
    "since this year",
    "start of year",
    "end of year",
    "half",
    "quarter",
    "recent",
    "now",
    "plan",
)


@st.composite
def described_days(draw: st.DrawFn) -> tuple[str, dt.date, ImpreciseDate]:
    """A phrase, the true day it describes, and an imprecise date containing the anchor."""
    anchor = draw(st.dates(dt.date(2001, 1, 1), dt.date(2030, 12, 31)))
    kind = draw(st.sampled_from(KINDS))
    near = st.dates(anchor - dt.timedelta(days=800), min(anchor, dt.date(2030, 12, 31)))
    day = draw(near | st.dates(dt.date(2001, 1, 1), dt.date(2030, 12, 31)))
    phrase = _render(kind, day, anchor, draw(st.sampled_from(["arabic", "fullwidth", "chinese"])))
    if phrase is None:  # that kind cannot describe this day: fall back to the exact day
        phrase = f"{day.year}年{day.month}月{day.day}日"
    if draw(st.booleans()):
        phrase = _TO_TRADITIONAL.convert(phrase)
    precision = draw(st.sampled_from(["day", "month", "year", "interval"]))
    texts = {
        "day": anchor.isoformat(),
        "month": anchor.isoformat()[:7],
        "year": str(anchor.year),
        "interval": f"{anchor.isoformat()[:7]}/{anchor.year + 1}",
    }
    return phrase, day, pl.parse_date(texts[precision])


@given(described_days())
def test_parsed_date_contains_the_true_day(case: tuple[str, dt.date, ImpreciseDate]) -> None:
    """Whatever the phrase and however imprecise relative_to, the true day is inside."""
    phrase, day, relative_to = case
    parsed = parse_date_zh(phrase, relative_to=relative_to)
    assert parsed.contains(day.toordinal()), (phrase, day, relative_to, parsed)
