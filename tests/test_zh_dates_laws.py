"""The laws of Chinese date phrases, checked by hypothesis.

1. Containment: for a true day and a publication day, every phrase a careful reader would
   accept as describing that day (the oracle below, written from each family's stated
   reading, not from the parser) parses to a span containing the day.
2. Script: traditional and simplified spellings give the same answer.
3. Base date: a relative phrase moves with ``relative_to`` (four years later, four years
   later) and is monotone in it (a later base never gives an earlier start or end).
4. Imprecise bases: the answer for an imprecise ``relative_to`` is the hull of the answers
   for each of its days, so never narrower than any exact-day reading.
5. Parsing never depends on the machine's timezone.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline import ImpreciseDate
from policyline._zh_dates import read_date_zh

_CN = "〇一二三四五六七八九"
_TO_TRADITIONAL = opencc.OpenCC("s2t")
FIRST, LAST = dt.date(2001, 1, 1), dt.date(2096, 12, 31)


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


def _months_back(day: dt.date, count: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - count
    return index // 12, index % 12 + 1


def _next_month(day: dt.date) -> tuple[int, int]:
    return _months_back(day, -1)


def _month_end(year: int, month: int) -> dt.date:
    following = _months_back(dt.date(year, month, 1), -1)
    return dt.date(*following, 1) - dt.timedelta(days=1)


def _quarter(day: dt.date) -> int:
    return (day.month + 2) // 3


Oracle = Callable[[dt.date, dt.date, str], Iterator[str]]
"""A family's careful readings: (true day, publication day, numeral style) -> phrases."""


def _written_out(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    y, m, d = _year(day.year, style), _numeral(day.month, style), _numeral(day.day, style)
    yield from (f"{y}年{m}月{d}日", f"{y}年{m}月", f"{y}年")
    yield f"{day.year}.{day.month}.{day.day}"
    yield f"{day.year}/{day.month:02d}/{day.day:02d}"
    yield from (day.isoformat(), str(day.year), f"{day.year}.{day.month}")


def _relative_years(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    m, d = _numeral(day.month, style), _numeral(day.day, style)
    offset = day.year - anchor.year
    words = {0: ["今年", "本年"], -1: ["去年", "上年", "上一年"], -2: ["前年"], 1: ["明年"]}
    for word in words.get(offset, []):
        yield from (word, f"{word}{m}月", f"{word}{m}月{d}日")
        yield f"{word}{'上' if day.month <= 6 else '下'}半年"
        yield f"{word}第{_CN[_quarter(day)]}季度"
        if day.month <= 6:
            yield f"{word}初"
        else:
            yield f"{word}底"
    if offset in (0, 1):
        yield "今明两年"
    if offset in (0, -1):
        yield "全年"  # the year of the report, or the year it reports on


def _without_a_year(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    """A part named without a year: in the publication year; or, for a past fact, last
    year's when this year's has not begun (12月 in January)."""
    m, d = _numeral(day.month, style), _numeral(day.day, style)
    this_years = dt.date(anchor.year, day.month, 1)
    if day.year == anchor.year or (day.year == anchor.year - 1 and this_years > anchor):
        yield from (f"{m}月", f"{m}月份")
        if day.year == anchor.year or dt.date(anchor.year, day.month, 1) > anchor:
            yield f"{m}月{d}日"
        yield f"{m}月{('上旬', '中旬', '下旬')[min(day.day - 1, 29) // 10 if day.day <= 30 else 2]}"
        if day.day >= 11:
            yield f"{m}月中下旬"
        if day.day <= 20:
            yield f"{m}月中上旬"


def _first_months(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    """前N个月, 前N季度, 一至N季度: this year's if over by publication, else last year's."""
    for last in range(day.month, 13):
        over = _month_end(anchor.year, last) <= anchor
        if day.year != (anchor.year if over else anchor.year - 1):
            continue
        yield f"前{_numeral(last, style)}个月"
        if last % 3 == 0:
            yield f"前{_CN[last // 3]}个季度"
            yield f"一至{_CN[last // 3]}季度"
            if last == 3:
                yield "首季度"


def _quarter_ends(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    q = _quarter(day)
    if day.year == anchor.year:
        if day.month == 3 * q:
            yield from (f"{_CN[q]}季度末", f"截至{_CN[q]}季度末")
        if day.month == 3 * q - 2:
            yield f"{_CN[q]}季度初"
    now = anchor.year * 4 + _quarter(anchor) - 1
    then = day.year * 4 + q - 1
    if then == now:
        yield "本季度"
    if then == now - 1:
        yield "上季度"


def _relative_days(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    back = (anchor - day).days
    yield from {0: ["今天", "今日", "目前", "截至目前"], 1: ["昨日", "昨天"], 2: ["前天"]}.get(
        back, []
    )
    if (day.year, day.month) == (anchor.year, anchor.month):
        yield "本月"
        if day.day <= 10:
            yield "本月初"
    if (day.year, day.month) == _months_back(anchor, 1):
        yield "上月"
        if day.day >= 21:
            yield "上月底"
    if (day.year, day.month) == _next_month(anchor):
        yield "下个月"


def _rolling(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    """近N年: the N calendar years before, or the N years up to publication; 近N个月 and
    近N天 likewise; 近年来: a few (up to five) years; 近日: the last 30 days."""
    if day > anchor:
        return
    back = (anchor - day).days
    for count in (1, 2, 3, 5):
        full_years = anchor.year - count <= day.year < anchor.year
        if full_years or day >= anchor.replace(year=anchor.year - count, day=min(anchor.day, 28)):
            yield f"近{_numeral(count, style)}年"
        month_start = dt.date(*_months_back(anchor, count), 1)
        if day >= month_start:
            yield f"近{_numeral(count, style)}个月"
    for count in (7, 30, 90):
        if back <= count:
            yield f"近{count}天"
    if day.year >= anchor.year - 5:
        yield "近年来"
    if back < 30:
        yield from ("近日", "日前", "最近")


def _since(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    if day > anchor:
        return
    if day.year == anchor.year:
        yield "今年以来"
    if day.year >= anchor.year - 1:
        yield from ("去年以来", "去年到现在", "去年至今")
    yield f"{_year(day.year, style)}年以来"
    yield f"自{day.year}年{day.month}月以来"
    if day.year >= 1990 and anchor.year > 2000:
        yield "上世纪90年代以来"


def _spans(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    m = _numeral(day.month, style)
    first, last = max(1, day.day - 2), min(day.day + 2, _month_end(day.year, day.month).day)
    yield f"{day.year}年{m}月{first}日至{last}日"
    later = _months_back(day, -3)
    yield f"{day.year}年{m}月至{later[0]}年{_numeral(later[1], style)}月"
    yield f"{day.year - 1}年——{day.year + 1}年"
    if day.month >= 2:
        yield f"{day.year}年{day.month - 1}——{day.month}月"


def _starts(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    y, m, d = _year(day.year, style), _numeral(day.month, style), _numeral(day.day, style)
    yield from (f"自{y}年{m}月{d}日起施行", f"从{y}年{m}月起", f"自{y}年")
    if day.year == anchor.year - 1:
        yield f"从去年{m}月起"


def _short_years(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    if anchor.year - 80 <= day.year <= anchor.year + 5:
        yield f"{day.year % 100:02d}年{day.month}月"
        yield f"{day.year % 100:02d}年{'底' if day.month >= 7 else '初'}"


def _approximate(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    """左右 and 前后 around a year take the year either side, around a month the month
    either side, around a day the week either side."""
    for year in (day.year - 1, day.year, day.year + 1):
        yield f"{year}年左右"
    for year, month in (_months_back(day, 1), (day.year, day.month), _next_month(day)):
        yield f"{year}年{month}月前后"
    near = day + dt.timedelta(days=5)
    yield f"{near.year}年{near.month}月{near.day}日左右"


def _decades(day: dt.date, anchor: dt.date, style: str) -> Iterator[str]:
    if anchor.year > 2000 and 1900 <= day.year < 2000:
        decade = day.year % 100 // 10 * 10
        yield f"上世纪{decade}年代"
        yield f"20世纪{_CN[decade // 10]}十年代" if decade else "20世纪00年代"
        part = "初" if day.year % 10 <= 3 else "末" if day.year % 10 >= 7 else ""
        yield f"上世纪{decade}年代{part}"


def _antecedent_words(day: dt.date, antecedent: dt.date) -> Iterator[str]:
    if day.year == antecedent.year:
        yield from ("同年", "当年", f"同年{day.month}月")
    if day.year == antecedent.year + 1:
        yield from ("次年", "翌年")
    if day == antecedent:
        yield from ("当天", "当日")
    if (day.year, day.month) == (antecedent.year, antecedent.month):
        yield "当月"


ORACLES: dict[str, Oracle] = {
    "written out": _written_out,
    "relative years": _relative_years,
    "without a year": _without_a_year,
    "first months": _first_months,
    "quarter ends": _quarter_ends,
    "relative days": _relative_days,
    "rolling": _rolling,
    "since": _since,
    "spans": _spans,
    "starts": _starts,
    "short years": _short_years,
    "approximate": _approximate,
    "decades": _decades,
}


def _around(day: dt.date, precision: str) -> str:
    """An imprecise date of ``precision`` that contains ``day``."""
    texts = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": str(day.year),
        "interval": f"{day.isoformat()[:7]}/{day.year + 1}",
    }
    return texts[precision]


@st.composite
def described_days(draw: st.DrawFn) -> tuple[str, dt.date, str, str]:
    """A family, a true day, a publication day around which relative_to is drawn, a phrase."""
    anchor = draw(st.dates(FIRST, LAST))
    family = draw(st.sampled_from(sorted(ORACLES)))
    near = st.dates(max(FIRST, anchor - dt.timedelta(days=800)), anchor + dt.timedelta(days=60))
    day = draw(near | st.dates(dt.date(1950, 1, 1), LAST))
    style = draw(st.sampled_from(["arabic", "fullwidth", "chinese"]))
    phrases = list(ORACLES[family](day, anchor, style))
    if not phrases:
        phrases = [f"{day.year}年{day.month}月{day.day}日"]
    phrase = draw(st.sampled_from(phrases))
    relative_to = _around(anchor, draw(st.sampled_from(["day", "month", "year", "interval"])))
    return family, day, relative_to, phrase


@settings(max_examples=1500)
@given(described_days())
def test_the_span_contains_every_careful_reading(case: tuple[str, dt.date, str, str]) -> None:
    """Whatever the phrase and however imprecise relative_to, the true day is inside."""
    family, day, relative_to, phrase = case
    parsed = read_date_zh(phrase, relative_to=relative_to).date
    assert parsed.contains(day.toordinal()), (family, phrase, day, relative_to, parsed)


@given(st.dates(dt.date(1950, 1, 1), LAST), st.dates(FIRST, LAST), st.data())
def test_words_that_refer_back_contain_the_day(
    day: dt.date, antecedent: dt.date, data: st.DataObject
) -> None:
    """同年, 次年, 当天, 当月 read against the antecedent contain every day they describe."""
    phrases = list(_antecedent_words(day, antecedent))
    if not phrases:
        return
    phrase = data.draw(st.sampled_from(phrases))
    around = _around(antecedent, data.draw(st.sampled_from(["day", "month", "year"])))
    parsed = read_date_zh(phrase, antecedent=around).date
    assert parsed.contains(day.toordinal()), (phrase, day, around, parsed)


@given(described_days())
def test_traditional_script_reads_the_same(case: tuple[str, dt.date, str, str]) -> None:
    """A phrase in traditional characters means what it means in simplified ones."""
    _, _, relative_to, phrase = case
    traditional = _TO_TRADITIONAL.convert(phrase)
    assert read_date_zh(traditional, relative_to=relative_to).date == (
        read_date_zh(phrase, relative_to=relative_to).date
    )


RELATIVE = [
    "今年", "去年9月", "9月15日", "12月20日", "今年以来", "年底", "今年初", "上半年", "前三季度",
    "前11个月", "1-9月", "近日", "目前", "今天", "昨日", "前天", "本月", "上月", "本月初",
    "上月底", "一季度末", "四季度初", "上季度", "本季度", "近年来", "近三年", "近30天",
    "近三个月", "去年到现在", "上年", "全年", "今明两年", "9月中下旬", "年底前", "到年底",
    "4月12日至14日", "从去年9月起", "9月15日左右",
]  # fmt: skip
CENTURY_BOUND = ["98年4月", "19年底", "上世纪90年代以来", "90年代", "2月29日"]


def _shifted(value: ImpreciseDate, years: int) -> tuple[dt.date, dt.date]:
    first, last = value.earliest_date, value.latest_date
    return (
        dt.date(first.year + years, first.month, first.day),
        dt.date(last.year + years, last.month, last.day),
    )


@given(st.sampled_from(RELATIVE), st.dates(FIRST, dt.date(2080, 12, 31)), st.integers(1, 4))
def test_relative_phrases_move_with_relative_to(phrase: str, day: dt.date, fours: int) -> None:
    """Four (or eight ...) years later, the same phrase means the days four years later
    (the leap years line up every four years in 2001..2099)."""
    later = dt.date(day.year + 4 * fours, day.month, day.day)
    before = read_date_zh(phrase, relative_to=day).date
    after = read_date_zh(phrase, relative_to=later).date
    assert (after.earliest_date, after.latest_date) == _shifted(before, 4 * fours)


@given(
    st.sampled_from(RELATIVE + CENTURY_BOUND),
    st.dates(FIRST, LAST),
    st.dates(FIRST, LAST),
)
def test_a_later_base_never_gives_an_earlier_span(phrase: str, one: dt.date, two: dt.date) -> None:
    """Monotone in relative_to: a later base moves neither end earlier."""
    early, late = sorted([one, two])
    try:
        first, second = (read_date_zh(phrase, relative_to=d).date for d in (early, late))
    except pl.errors.InvalidDate:
        return  # 2月29日 exists only in some years
    assert first.earliest <= second.earliest
    assert first.latest <= second.latest


@settings(max_examples=200)
@given(
    st.sampled_from(RELATIVE + CENTURY_BOUND),
    st.dates(FIRST, LAST),
    st.sampled_from(["month", "interval", "year"]),
)
def test_an_imprecise_base_gives_the_hull_of_its_days(
    phrase: str, day: dt.date, precision: str
) -> None:
    """For an imprecise relative_to, the span is exactly the hull of the spans read
    against each of its days: never narrower than an exact-day reading."""
    base = pl.parse_date(_around(day, precision))
    spans = []
    for number in range(base.earliest, base.latest + 1):
        try:
            spans.append(read_date_zh(phrase, relative_to=dt.date.fromordinal(number)).date)
        except pl.errors.InvalidDate:
            continue
    if not spans:
        return
    whole = read_date_zh(phrase, relative_to=base).date
    assert whole.earliest == min(s.earliest for s in spans)
    assert whole.latest == max(s.latest for s in spans)


@pytest.mark.parametrize(
    "zone", ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"]
)
def test_parsing_never_depends_on_the_timezone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's timezone is never read: every phrase gives the same answer in any zone."""
    expected = {p: read_date_zh(p, relative_to="2021-09-15") for p in RELATIVE}
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert {p: read_date_zh(p, relative_to="2021-09-15") for p in RELATIVE} == expected
    finally:
        monkeypatch.undo()
        time.tzset()
    assert os.environ.get("TZ") != zone
