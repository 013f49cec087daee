"""What a phrase says about the days it names: they date the fact (on), a start (自…起),
a period up to publication (以来, 至今), a deadline or target (年底前, 到2025年), or an
approximation (左右). Spans (4月12日至14日) are read here too, from their two ends."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from policyline._zh_dates._calendar import Anchor, Anchors, Rule, Window, widen
from policyline._zh_dates._normalizing import refuse_unsupported
from policyline._zh_dates._phrases import read_days
from policyline._zh_dates._relative import NOW_WORDS, RECENT_WORDS, rolling_windows
from policyline.errors import InvalidDate

Meaning = Literal["on", "from", "since", "by"]
PhraseMeaning = Meaning | Literal["until"]
"""``until`` (到X): an as-of date if X is over by publication, else a target; decided once
the days are known."""

_AS_OF_PREFIXES = ("截至到", "截止到", "截至", "截止", "于", "在")
_START_PREFIXES = ("自从", "自", "从")
_START_SUFFIX = re.compile(r"(?:起|开始)(?:施行|实施|执行|生效|运行)?$")
_UNTIL_NOW_SUFFIXES = ("以来", "至今", "迄今", "到现在", "至现在", "到目前", "至目前", "到今天")
_DEADLINE_SUFFIXES = ("之前", "以前", "前")
_UNTIL_PREFIXES = ("直到", "到", "至")
_APPROXIMATE_SUFFIXES = ("左右", "前后")
_SPAN_SEPARATORS = re.compile(r"-|至|到")
_PUBLISHED: frozenset[Anchor] = frozenset({"relative_to"})


class Phrase(NamedTuple):
    rule: Rule
    meaning: PhraseMeaning


def _strip_prefix(phrase: str, prefixes: tuple[str, ...]) -> tuple[str, bool]:
    for prefix in prefixes:
        if phrase.startswith(prefix) and len(phrase) > len(prefix):
            return phrase[len(prefix) :], True
    return phrase, False


def _strip_suffix(phrase: str, suffixes: tuple[str, ...]) -> tuple[str, bool]:
    for suffix in suffixes:
        if phrase.endswith(suffix) and len(phrase) > len(suffix):
            return phrase[: -len(suffix)], True
    return phrase, False


def _completions(left: str, right: str) -> list[str]:
    """The right end of a span as written in full: 4月12日至14日 ends on 4月14日, and
    2020年3月至5月 on 2020年5月."""
    candidates = []
    if "月" in left and "月" not in right and "年" not in right:
        candidates.append(left[: left.rindex("月") + 1] + right)
    if "年" in left and "年" not in right:
        candidates.append(left[: left.rindex("年") + 1] + right)
    return [*candidates, right]


def _span(phrase: str, whole: str, *, looking_back: bool) -> Rule | None:
    """From the first day of the left end to the last day of the right end."""
    for separator in _SPAN_SEPARATORS.finditer(phrase):
        left, right = phrase[: separator.start()], phrase[separator.end() :]
        if not left or not right:
            continue
        try:
            start = read_days(left, whole, looking_back=looking_back)
        except InvalidDate:
            continue
        for candidate in _completions(left, right):
            try:
                end = read_days(candidate, whole, looking_back=looking_back)
            except InvalidDate:
                continue
            return _joined(start, end, whole)
    return None


def _joined(start: Rule, end: Rule, whole: str) -> Rule:
    def resolve(anchors: Anchors) -> Window:
        first, last = start.resolve(anchors)[0], end.resolve(anchors)[1]
        if last < first:
            raise InvalidDate(whole, f"the span would end ({last}) before it starts ({first})")
        return first, last

    return Rule(resolve, start.needs | end.needs)


def _days_or_span(phrase: str, whole: str, *, looking_back: bool = True) -> Rule:
    """The rule for ``phrase`` read whole, or else as a span of two ends."""
    try:
        return read_days(phrase, whole, looking_back=looking_back)
    except InvalidDate:
        span = _span(phrase, whole, looking_back=looking_back)
        if span is None:
            raise
        return span


def _up_to_publication(rule: Rule, whole: str) -> Rule:
    """X以来, X至今: from X's first day up to and including ``relative_to``."""

    def resolve(anchors: Anchors) -> Window:
        first = rule.resolve(anchors)[0]
        if first > anchors.published:
            raise InvalidDate(whole, f"it would begin ({first}) after relative_to")
        return first, anchors.published

    return Rule(resolve, rule.needs | _PUBLISHED)


def _approximate(rule: Rule) -> Rule:
    return Rule(lambda anchors: widen(rule.resolve(anchors)), rule.needs)


def read_phrase(phrase: str, whole: str) -> Phrase:
    """The rule and the meaning of a normalized phrase."""
    refuse_unsupported(phrase, whole)
    phrase, _ = _strip_prefix(phrase, _AS_OF_PREFIXES)
    if phrase in NOW_WORDS or phrase in RECENT_WORDS:
        return Phrase(read_days(phrase, whole), "on")
    window = rolling_windows(phrase)
    if window is not None:
        return Phrase(window, "since")
    inner, approximate = _strip_suffix(phrase, _APPROXIMATE_SUFFIXES)
    if approximate:
        read = read_phrase(inner, whole)
        if read.meaning != "on":
            raise InvalidDate(whole, f"左右/前后 widens a date, not a {read.meaning!r} phrase")
        return Phrase(_approximate(read.rule), "on")
    inner, up_to_now = _strip_suffix(phrase, _UNTIL_NOW_SUFFIXES)
    if up_to_now:
        inner, _ = _strip_prefix(inner, _START_PREFIXES)
        return Phrase(_up_to_publication(_days_or_span(inner, whole), whole), "since")
    inner, has_start_prefix = _strip_prefix(phrase, _START_PREFIXES)
    suffix = _START_SUFFIX.search(inner)
    if suffix is not None and suffix.start() > 0:
        inner = inner[: suffix.start()]
    if has_start_prefix or (suffix is not None and suffix.start() > 0):
        # 自A至B names the span itself; 自X alone, a start.
        is_span = _SPAN_SEPARATORS.search(inner) is not None
        return Phrase(_days_or_span(inner, whole), "on" if is_span else "from")
    inner, deadline = _strip_suffix(phrase, _DEADLINE_SUFFIXES)
    if deadline:
        return Phrase(_days_or_span(inner, whole, looking_back=False), "by")
    inner, until = _strip_prefix(phrase, _UNTIL_PREFIXES)
    if until:
        return Phrase(_days_or_span(inner, whole, looking_back=False), "until")
    return Phrase(_days_or_span(phrase, whole), "on")
