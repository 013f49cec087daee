"""One spelling for every way of writing a phrase, and refusals of forms with no safe reading."""

from __future__ import annotations

import re
import unicodedata

from policyline._hanzi import fold
from policyline.errors import InvalidDate

_QUOTES = "“”\"'‘’「」『』《》 \t\u3000"
_DASHES = re.compile(r"[-‐‑‒–—―〜~]+")
"""Every dash and tilde, single or doubled (2008年——2018年), is one range dash."""
_TRAILING = re.compile(r"[，。、：:,.;；]+$")

_UNSUPPORTED = (
    (
        re.compile(r"农历|阴历|正月|腊月|冬月|闰[一二三四五六七八九十]*月"),
        "lunar dates are not supported (the lunar calendar's days are not converted)",
    ),
    (
        re.compile(
            r"春节|元旦|元宵|清明|端午|中秋|国庆|除夕|劳动节|[节假]前|[节假]后|假期|黄金周"
            r"|(?<![〇零一二三四五六七八九十])五一(?![〇零一二三四五六七八九十])"
        ),
        "holidays are not supported (name the date instead)",
    ),
    (
        re.compile(r"周(?!年|岁)|星期|礼拜"),
        "weeks are not supported (which days a week covers is not said)",
    ),
    (
        re.compile(r"[春夏秋冬]"),
        "seasons are not supported (where a season begins and ends is not fixed)",
    ),
)


def normalize(text: str) -> str:
    """Full-width forms, quotes, traditional script and dash variants reduced to one form."""
    cleaned = unicodedata.normalize("NFKC", text)
    cleaned = "".join(c for c in cleaned if c not in _QUOTES)
    cleaned = _DASHES.sub("-", fold(cleaned))
    return _TRAILING.sub("", cleaned)


def refuse_unsupported(phrase: str, whole: str) -> None:
    """Raise InvalidDate naming the form when ``phrase`` is lunar, a holiday, a week or a season."""
    for pattern, reason in _UNSUPPORTED:
        if pattern.search(phrase):
            raise InvalidDate(whole, reason)
