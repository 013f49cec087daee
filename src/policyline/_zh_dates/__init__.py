"""Chinese date phrases, as policy news writes them, read into imprecise dates.

``parse_date_zh(text, relative_to=..., antecedent=...)`` gives the days a phrase dates a
fact by; ``read_date_zh`` gives them with what the phrase says about them (a date, a start,
a period up to publication, a deadline). Every supported form, its rule and an example are
in ``docs/chinese-dates.md``. The governing rule: when a phrase is vague, its span is read
wider, never narrower — a wider span only moves a fact from certain to possible; a narrower
one would make a false fact certain. What has no safe reading (seasons, holidays, weeks,
lunar dates, 同年 with no antecedent) is refused with InvalidDate saying why.
"""

from __future__ import annotations

from policyline._dates import DateLike
from policyline._zh_dates._meanings import Meaning
from policyline._zh_dates._numbers import cn_int
from policyline._zh_dates._reading import DateReading, parse_date_zh, read_date_zh
from policyline._zh_dates._relative import RECENT_DAYS, RECENT_YEARS

__all__ = [
    "RECENT_DAYS",
    "RECENT_YEARS",
    "DateLike",
    "DateReading",
    "Meaning",
    "cn_int",
    "parse_date_zh",
    "read_date_zh",
]
