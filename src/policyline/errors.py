"""Every error policyline raises, under one root.

::

    PolicylineError
    ├── InvalidDate(ValueError)             an imprecise date that cannot be read
    ├── InvalidEvent(ValueError)            an event field with a bad value
    ├── InvalidArgument(ValueError, TypeError)
    │                                       a bad argument to a call (kind="totl", a reversed
    │                                       range, something that is not an Event)
    ├── DecodeError(ValueError)             input refused whole: every problem, and where
    │                                       (bad lines, conflicting ids, dangling references,
    │                                       malformed amendments), from every door
    ├── UnknownRegion(LookupError)          a region name or code not in the gazetteer
    │   ├── RegionNotOnDay                  a region the gazetteer knows, not on the day asked
    │   └── NotADivision                    a statistics-only unit (a development zone …)
    ├── AmbiguousStatistic(LookupError)     a statistic asked for without a kind it needs
    ├── UnknownStatistic(LookupError)       a statistic a region never reported
    ├── IncompatibleFigures(ValueError)     numbers that cannot be added (rates, units, periods)
    ├── MissingFont(LookupError)            no CJK font for pictures with Chinese labels
    ├── ConcurrencyError(RuntimeError)      a stale writer: the store moved on since it read
    ├── NoEventFiles(FileNotFoundError)     a path to load that holds no event files
    └── StoreError(OSError)                 a store that cannot be opened, read or written

Each class also subclasses the builtin exception callers already catch, and keeps its
data as attributes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs


class PolicylineError(Exception):
    """The root of every error raised by policyline."""


class InvalidDate(PolicylineError, ValueError):
    """An imprecise date string or value that cannot be read."""

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"invalid date {text!r}: {reason}")


class InvalidEvent(PolicylineError, ValueError):
    """An event field whose value is not what the field expects."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: expected {expected}, got {value!r}")


class InvalidArgument(PolicylineError, ValueError, TypeError):
    """An argument a call cannot take; says what was expected and what was given.

    It is a ``TypeError`` as well as a ``ValueError``: callers catch whichever fits."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        super().__init__(f"{name}: expected {expected}, got {value!r}")


class MissingExtra(PolicylineError, ImportError):
    """An optional library a call needs is not installed; names the extra that brings it."""

    def __init__(self, module: str, extra: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(f"this needs {module}: pip install 'policyline[{extra}]'")


class NoEventFiles(PolicylineError, FileNotFoundError):
    """A path, directory or glob to load from that holds no ``.jsonl`` event files."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"no .jsonl event files at {path!r}")

    def __str__(self) -> str:
        return str(self.args[0])


@attrs.frozen
class Problem:
    """One problem found while decoding: where it is and what is wrong."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"


class DecodeError(PolicylineError, ValueError):
    """Input refused whole (lines or events, from any door); lists every problem found,
    not only the first, each with where it is."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        listing = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        plural = "s" if count != 1 else ""
        super().__init__(f"{count} problem{plural}; nothing was taken:\n{listing}")


class UnknownRegion(PolicylineError, LookupError):
    """A region name or code that the gazetteer does not know."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown region {name!r}{hint}")

    def __str__(self) -> str:  # LookupError would repr() the message otherwise
        return str(self.args[0])


class RegionNotOnDay(UnknownRegion):
    """A region code or name the gazetteer knows, but not in the division list of the day
    asked: it was listed only before, or only after (``spans`` says when; ``became`` what
    it became, as ``"code name"`` strings)."""

    def __init__(
        self, name: str, day: dt.date, spans: Sequence[str], became: Sequence[str] = ()
    ) -> None:
        super().__init__(name, ())
        self.day = day
        self.spans = tuple(spans)
        self.became = tuple(became)
        message = f"region {name!r} is not a division on {day.isoformat()}: " + "; ".join(spans)
        if self.became:
            message += f"; it became {', '.join(self.became)}"
        self.args = (message,)


class NotADivision(UnknownRegion):
    """A code or name of the statistics bureau's lists that is no administrative division
    (a development zone, a new area): refused, never filed under its city unasked."""

    def __init__(self, name: str, code: str, unit: str, parent: str, lists: str) -> None:
        super().__init__(name, ())
        self.code = code
        self.unit = unit
        self.parent = parent
        self.args = (
            f"{code} {unit} is a statistics-only unit ({lists}) within {parent}, not an "
            f"administrative division; its ground lies in the districts and counties, so a "
            f"fact of it is filed under {parent} or the district or county it is in",
        )


class AmbiguousStatistic(PolicylineError, LookupError):
    """A statistic reported with several kinds, asked for without saying which."""

    def __init__(self, metric: str, kinds: Sequence[str]) -> None:
        self.metric = metric
        self.kinds = tuple(kinds)
        super().__init__(
            f"statistic {metric!r} is reported as {' and '.join(self.kinds)}; pass kind= to choose"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownStatistic(PolicylineError, LookupError):
    """A statistic that a region never reported; lists the ones it did report."""

    def __init__(
        self,
        metric: str,
        region_name: str,
        reported: Sequence[str],
        suggestions: Sequence[str] = (),
    ) -> None:
        self.metric = metric
        self.region_name = region_name
        self.reported = tuple(reported)
        listing = ", ".join(self.reported) or "none"
        meant = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"no reports of {metric!r} in {region_name}{meant}; its statistics: {listing}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownMetric(PolicylineError, LookupError):
    """A name that is no statistic of the timeline: says what it could have meant."""

    def __init__(self, metric: str, suggestions: Sequence[str], *, several: bool) -> None:
        self.metric = metric
        self.suggestions = tuple(suggestions)
        if several:
            listed = ", ".join(suggestions)
            message = f"{metric!r} is part of several statistics: {listed}; name one"
        elif suggestions:
            message = f"no statistic {metric!r}; did you mean {' or '.join(suggestions)}?"
        else:
            message = f"no statistic {metric!r} is reported in this timeline"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class ConcurrencyError(PolicylineError, RuntimeError):
    """An append whose expected version is not the store's current version."""

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"store is at version {actual}, the writer expected {expected}; nothing was written"
        )


class StoreError(PolicylineError, OSError):
    """A store that cannot be opened, read or written."""


class IncompatibleFigures(PolicylineError, ValueError):
    """Numbers that cannot be added up: rates, different units, different periods.

    ``refusal`` is the explained refusal every route shows (a ``Refusal``), if any."""

    def __init__(self, metric: str, reason: str, refusal: object = None) -> None:
        self.metric = metric
        self.reason = reason
        self.refusal = refusal
        super().__init__(f"cannot roll up {metric!r}: {reason}")


class MissingFont(PolicylineError, LookupError):
    """No CJK font is installed, so Chinese labels would be drawn as empty boxes."""

    def __init__(self, families: Sequence[str]) -> None:
        self.families = tuple(families)
        super().__init__(
            f"no CJK font found (tried {', '.join(self.families)}); "
            "install one, e.g. `apt-get install fonts-noto-cjk`"
        )

    def __str__(self) -> str:
        return str(self.args[0])
