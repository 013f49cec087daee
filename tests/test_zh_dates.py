"""Chinese date phrases: an example of every supported form, its meaning, and the refusals.

The laws (containment against an oracle, script, base date, imprecise bases, timezone) are
in ``test_zh_dates_laws.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

import policyline as pl
from policyline import parse_date_zh
from policyline._zh_dates import read_date_zh
from policyline.errors import InvalidDate

PUBLISHED = "2021-09-15"

# (phrase, relative_to, antecedent, the date, what the phrase says about it)
EXAMPLES: list[tuple[str, str | None, str | None, str, str]] = [
    # Days, months, years written out; numerals of every kind.
    ("2021年9月15日", None, None, "2021-09-15", "on"),
    ("2021年9月15号", None, None, "2021-09-15", "on"),
    ("二〇二一年九月十五日", None, None, "2021-09-15", "on"),
    ("２０２１年９月", None, None, "2021-09", "on"),
    ("2006年", None, None, "2006", "on"),
    ("2006-2020年", None, None, "2006/2020", "on"),
    # Numeric and ISO forms.
    ("2019.9.6", None, None, "2019-09-06", "on"),
    ("2019/04/19", None, None, "2019-04-19", "on"),
    ("2021-09-15", None, None, "2021-09-15", "on"),
    ("2021-9-5", None, None, "2021-09-05", "on"),
    ("2019.9", None, None, "2019-09", "on"),
    ("2018", None, None, "2018", "on"),
    ("2004-06/2004", None, None, "2004-06/2004-12", "on"),
    # Relative years and parts of years.
    ("今年", PUBLISHED, None, "2021", "on"),
    ("去年", PUBLISHED, None, "2020", "on"),
    ("前年", PUBLISHED, None, "2019", "on"),
    ("明年", PUBLISHED, None, "2022", "on"),
    ("去年9月", PUBLISHED, None, "2020-09", "on"),
    ("9月15日", "2021-10-20", None, "2021-09-15", "on"),
    ("11月18日", "2010-11-18/2010-12-31", None, "2010-11-18", "on"),
    ("12月20日", "2022-01-05", None, "2021-12-20/2022-12-20", "on"),  # last December, or a plan
    ("2月29日", "2004-01/2005", None, "2004-02-29", "on"),
    ("今年初", PUBLISHED, None, "2021-01/2021-06", "on"),
    ("年底", PUBLISHED, None, "2021-07/2021-12", "on"),
    ("年末", PUBLISHED, None, "2021-07/2021-12", "on"),
    ("上半年", PUBLISHED, None, "2021-01/2021-06", "on"),
    ("下半年", PUBLISHED, None, "2021-07/2021-12", "on"),
    ("9月下旬", "2021-10-20", None, "2021-09-21/2021-09-30", "on"),
    # Quarters, first N months and quarters.
    ("第三季度", PUBLISHED, None, "2021-07/2021-09", "on"),
    ("前三季度", "2021-10-20", None, "2021-01/2021-09", "on"),
    ("1-9月", "2021-10-20", None, "2021-01/2021-09", "on"),
    ("前11个月", "2021-12-20", None, "2021-01/2021-11", "on"),
    ("前11个月", "2022-01-10", None, "2021-01/2022-11", "on"),  # not over: may be last year's
    ("前两个季度", "2021-08-01", None, "2021-01/2021-06", "on"),
    ("一至三季度", "2021-10-20", None, "2021-01/2021-09", "on"),
    ("首季度", "2021-05-01", None, "2021-01/2021-03", "on"),
    ("一季度末", "2021-05-01", None, "2021-03", "on"),
    ("截至一季度末", "2021-05-01", None, "2021-03", "on"),
    ("四季度初", "2021-12-01", None, "2021-10", "on"),
    ("上季度", "2021-05-01", None, "2021-01/2021-03", "on"),
    ("上季度", "2021-02-01", None, "2020-10/2020-12", "on"),
    ("本季度", "2021-05-01", None, "2021-04/2021-06", "on"),
    # Relative days and months.
    ("今天", PUBLISHED, None, "2021-09-15", "on"),
    ("昨日", PUBLISHED, None, "2021-09-14", "on"),
    ("前天", PUBLISHED, None, "2021-09-13", "on"),
    ("当天", PUBLISHED, "2021-09-12", "2021-09-12", "on"),
    ("次日", None, "2021-09-12", "2021-09-13", "on"),
    ("本月", PUBLISHED, None, "2021-09", "on"),
    ("上月", "2021-01-15", None, "2020-12", "on"),
    ("当月", None, "2021-03-02", "2021-03", "on"),
    ("本月初", PUBLISHED, None, "2021-09-01/2021-09-10", "on"),
    ("上月底", "2021-03-15", None, "2021-02-21/2021-02-28", "on"),
    # Windows up to publication.
    ("近日", PUBLISHED, None, "2021-08-17/2021-09-15", "on"),
    ("最近", "2010-11-18/2010-12-31", None, "2010-10-20/2010-12-31", "on"),
    ("目前", PUBLISHED, None, "2021-09-15", "on"),
    ("截至目前", PUBLISHED, None, "2021-09-15", "on"),
    ("目前", "2021-09", None, "2021-09", "on"),
    ("近年来", PUBLISHED, None, "2012-01-01/2021-09-15", "since"),
    ("近三年", PUBLISHED, None, "2018-01-01/2021-09-15", "since"),
    ("近30天", PUBLISHED, None, "2021-08-16/2021-09-15", "since"),
    ("近三个月", PUBLISHED, None, "2021-06-01/2021-09-15", "since"),
    ("今年以来", PUBLISHED, None, "2021-01-01/2021-09-15", "since"),
    ("今年以來", PUBLISHED, None, "2021-01-01/2021-09-15", "since"),
    ("“十三五”以来", "2021-06-01", None, "2016-01-01/2021-06-01", "since"),
    ("上世纪90年代以来", PUBLISHED, None, "1990-01-01/2021-09-15", "since"),
    ("2019年至今", PUBLISHED, None, "2019-01-01/2021-09-15", "since"),
    ("去年到现在", PUBLISHED, None, "2020-01-01/2021-09-15", "since"),
    # Spans.
    ("4月12日至14日", PUBLISHED, None, "2021-04-12/2021-04-14", "on"),
    ("2017年五月至2018年四月", None, None, "2017-05/2018-04", "on"),
    ("2020年3月至5月", None, None, "2020-03/2020-05", "on"),
    ("2008年——2018年", None, None, "2008/2018", "on"),
    ("2018年2——4月", None, None, "2018-02/2018-04", "on"),
    ("2018年2~4月", None, None, "2018-02/2018-04", "on"),
    # Start phrases: the start is dated by X.
    ("自2021年1月1日起施行", None, None, "2021-01-01", "from"),
    ("从去年9月起", PUBLISHED, None, "2020-09", "from"),
    ("自2019年", None, None, "2019", "from"),
    ("自2019年至2021年", None, None, "2019/2021", "on"),
    # Other year words.
    ("上年", PUBLISHED, None, "2020", "on"),
    ("上一年", PUBLISHED, None, "2020", "on"),
    ("全年", PUBLISHED, None, "2020/2021", "on"),  # this year, or last year's results
    ("2020年全年", None, None, "2020", "on"),
    ("同年5月", None, "2018-03", "2018-05", "on"),
    ("次年", None, "2018", "2019", "on"),
    ("今明两年", PUBLISHED, None, "2021/2022", "on"),
    ("上年同期", None, "2021-01/2021-09", "2020-01/2020-09", "on"),
    # Two-digit years; half-month parts.
    ("98年4月", PUBLISHED, None, "1998-04", "on"),
    ("19年底", PUBLISHED, None, "2019-07/2019-12", "on"),
    ("9月中下旬", "2021-10-01", None, "2021-09-11/2021-09-30", "on"),
    ("9月中上旬", "2021-10-01", None, "2021-09-01/2021-09-20", "on"),
    # Deadlines and targets.
    ("年底前", "2021-03-01", None, "2021-07/2021-12", "by"),
    ("2025年前", "2021-03-01", None, "2025", "by"),
    ("到2025年", "2021-03-01", None, "2025", "by"),
    ("到2025年", None, None, "2025", "by"),
    ("到2020年底", "2021-03-01", None, "2020-07/2020-12", "on"),  # over: an as-of date
    # Approximations and decades.
    ("2018年左右", None, None, "2017/2019", "on"),
    ("2018年5月前后", None, None, "2018-04/2018-06", "on"),
    ("9月15日左右", "2021-10-01", None, "2021-09-08/2021-09-22", "on"),
    ("上世纪90年代", PUBLISHED, None, "1990/1999", "on"),
    ("90年代末", PUBLISHED, None, "1995/1999", "on"),
    ("二十世纪八十年代初", None, None, "1980/1984", "on"),
    # Five-year plans and as-of prefixes.
    ("“十四五”期间", None, None, "2021/2025", "on"),
    ("“十一五”期間", None, None, "2006/2010", "on"),
    ("十二五时期", None, None, "2011/2015", "on"),
    ("「十三五」", None, None, "2016/2020", "on"),
    ("截至2020年底", None, None, "2020-07/2020-12", "on"),
    ("今年", "2020-12/2021-01", None, "2020/2021", "on"),
]


@pytest.mark.parametrize(("text", "relative_to", "antecedent", "expected", "meaning"), EXAMPLES)
def test_every_form_reads_as_documented(
    text: str, relative_to: str | None, antecedent: str | None, expected: str, meaning: str
) -> None:
    """Each documented form reads as its documented days, with its documented meaning."""
    reading = read_date_zh(text, relative_to=relative_to, antecedent=antecedent)
    assert (reading.date, reading.meaning) == (pl.parse_date(expected), meaning)
    if meaning != "by":
        assert parse_date_zh(text, relative_to=relative_to, antecedent=antecedent) == reading.date


def test_relative_to_may_be_a_date_or_an_imprecise_date() -> None:
    """relative_to accepts a string, a datetime.date and an ImpreciseDate alike."""
    expected = pl.parse_date("2020")
    assert parse_date_zh("去年", relative_to=dt.date(2021, 3, 1)) == expected
    assert parse_date_zh("去年", relative_to=pl.parse_date("2021-03")) == expected


@pytest.mark.parametrize("text", ["年底前", "2025年前", "到2025年", "2030年以前"])
def test_a_deadline_is_not_the_date_anything_happened(text: str) -> None:
    """parse_date_zh refuses a deadline or target, pointing at read_date_zh."""
    with pytest.raises(InvalidDate, match=r"deadline or target .* read_date_zh"):
        parse_date_zh(text, relative_to="2021-03-01")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("今年春季", "seasons are not supported"),
        ("2021年秋", "seasons are not supported"),
        ("2021-21", "seasons are not supported"),
        ("春节前后", "holidays are not supported"),
        ("国庆期间", "holidays are not supported"),
        ("农历正月初一", "lunar dates are not supported"),
        ("腊月", "lunar dates are not supported"),
        ("本周", "weeks are not supported"),
        ("上星期三", "weeks are not supported"),
        ("同年", "antecedent="),
        ("次年3月", "antecedent="),
        ("当天", "antecedent="),
        ("上年同期", "antecedent="),
        ("30年来", "two-digit year needs a month"),
        ("98年", "two-digit year needs a month"),
        ("今年", "needs relative_to"),
    ],
)
def test_unsupported_forms_are_refused_by_name(text: str, reason: str) -> None:
    """What has no safe reading is refused, and the message names the form and why."""
    with pytest.raises(InvalidDate, match=reason):
        parse_date_zh(text, relative_to="2021-09-15" if "relative_to" not in reason else None)


@pytest.mark.parametrize(
    "text",
    ["", "大约那时", "2021年13月", "2021年2月30日", "十九大", "第五季度", "9-3月", "2019.13.1"],
)
def test_refuses_what_it_cannot_read(text: str) -> None:
    """Unreadable phrases raise InvalidDate (a ValueError) naming the text."""
    with pytest.raises(InvalidDate, match="invalid date"):
        parse_date_zh(text, relative_to="2021-09-15")


def test_a_span_that_ends_before_it_starts_is_refused() -> None:
    """2018年至2016年 is no span of days."""
    with pytest.raises(InvalidDate, match="before it starts"):
        parse_date_zh("2018年3月至2016年5月")


def test_the_century_word_is_refused_where_it_is_ambiguous() -> None:
    """Written in 2000, 上世纪 may mean either the 19th or the 20th century."""
    with pytest.raises(InvalidDate, match="either century"):
        parse_date_zh("上世纪90年代", relative_to="2000-06-01")


def test_the_first_quarter_is_the_first_months_of_a_year() -> None:
    """首季度 reads as 前一季度 does: this year's if over by publication, else last year's
    too (found by the law of careful readings: on 2037-01-01 it was read as 2037's only)."""
    assert str(parse_date_zh("首季度", relative_to="2037-01-01")) == "2036-01/2037-03"
    assert str(parse_date_zh("首季度", relative_to="2021-09-15")) == "2021-01/2021-03"
