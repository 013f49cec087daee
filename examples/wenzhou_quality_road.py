"""How did Wenzhou build its quality city, year by year from 1993 to 2010?

For the end of each year: the policies in force, the programmes under way, what was new that
year, and the standard-adoption rate (采标率) as last reported, from 40% in 1993 to 85% and
more "now" (the 2010 article). Wenzhou is seen with its counties (瑞安, 乐清, 鹿城, 永嘉).
Everything comes from article 003 (溫州探索建設大質量工作機制…).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import policyline as pl
from policyline.text import align_columns

EVENTS = Path(__file__).resolve().parents[1] / "events"
FIRST_YEAR, LAST_YEAR = 1993, 2010
ADOPTION_RATE = "规模以上企业重点产品采标率"
"""The metric as written in simplified script; lookups find the article's traditional 采標率."""


@dataclass(frozen=True)
class YearEnd:
    """Wenzhou (with its counties) as of 31 December of one year."""

    year: int
    policies: tuple[str, ...]
    """Titles of the policies in force."""
    programs: tuple[str, ...]
    """Names of the programmes launched so far."""
    new: tuple[str, ...]
    """What certainly happened during the year (policies, programmes, awards...), not numbers."""
    possible: int
    """How many facts only possibly happened by then (their dates are imprecise)."""
    adoption_rate: pl.Figure | None
    """The latest 采标率 reported; None if not reported yet."""


def load() -> pl.Timeline:
    """The whole corpus."""
    return pl.load(EVENTS)


def describe(event: pl.Event) -> str:
    """A short description of a fact: a title, a name, a designation."""
    match event:
        case pl.PolicyIssued():
            return event.title
        case pl.ProgramLaunched():
            return event.name
        case pl.DesignationGranted():
            return f"{event.designee or ''}{event.designation}"
        case pl.AgreementSigned():
            return f"{event.title}({'、'.join(event.parties)})"
        case pl.AwardGranted():
            return f"{event.recipient}获{event.award}"
        case pl.StatisticReported():
            return f"{event.metric} {shown(pl.Figure.of(event))}"
        case _:
            return event.id


def year_end(timeline: pl.Timeline, year: int) -> YearEnd:
    """Wenzhou as of 31 December of ``year``."""
    state = timeline.as_of(f"{year}-12-31").region("温州", rollup=True)
    new = timeline.between(f"{year}-01-01", f"{year}-12-31", region="温州")
    return YearEnd(
        year=year,
        policies=tuple(p.title for p in state.policies),
        programs=tuple(p.name for p in state.programs),
        new=tuple(describe(e) for e in new if not isinstance(e, pl.StatisticReported)),
        possible=len(state.possible),
        adoption_rate=state.statistic(ADOPTION_RATE),
    )


def road(timeline: pl.Timeline) -> list[YearEnd]:
    """Every year end from 1993 to 2010."""
    return [year_end(timeline, year) for year in range(FIRST_YEAR, LAST_YEAR + 1)]


def adoption_rate_history(timeline: pl.Timeline) -> list[tuple[str, str, str]]:
    """Every report of the 采标率: (date, value, the article's words)."""
    return [
        (str(f.date), shown(f), f.sources[0].source.quote)
        for f in timeline.history("温州", ADOPTION_RATE)
    ]


def numbers(timeline: pl.Timeline, date: str) -> list[tuple[str, str, str]]:
    """Wenzhou's statistics (with its counties') as of ``date``: (metric, value, date)."""
    state = timeline.as_of(date).region("温州", rollup=True)
    return [(f.metric, shown(f), str(f.date)) for f in state.statistics]


def stretches(years: Sequence[YearEnd]) -> list[tuple[str, YearEnd]]:
    """Consecutive years with the same counts and rate merged: ("1993–2005", that year end)."""
    merged: list[tuple[int, int, YearEnd]] = []
    for y in years:
        if merged and not y.new and _key(y) == _key(merged[-1][2]):
            merged[-1] = (merged[-1][0], y.year, merged[-1][2])
        else:
            merged.append((y.year, y.year, y))
    return [(str(a) if a == b else f"{a}–{b}", y) for a, b, y in merged]


def _key(y: YearEnd) -> tuple[int, int, int, str]:
    return (len(y.policies), len(y.programs), y.possible, shown(y.adoption_rate))


def ended_by(timeline: pl.Timeline, date: str) -> tuple[str, ...]:
    """Titles of Wenzhou policies whose validity window had ended by ``date``."""
    return tuple(p.title for p in timeline.as_of(date).region("温州").ended_policies)


def shown(figure: pl.Figure | pl.Refusal | None) -> str:
    """A figure as people write it (``≥85 %``), its refusal, or "not reported yet"."""
    if figure is None:
        return "not reported yet"
    return figure.shown


def main() -> None:
    timeline = load()
    years = road(timeline)
    print("Wenzhou's quality-city road, as of each year end (Wenzhou with its counties)\n")
    rows = [("year", "policies in force", "programmes", "possible", "采标率")]
    rows += [
        (
            years_text,
            str(len(y.policies)),
            str(len(y.programs)),
            str(y.possible),
            shown(y.adoption_rate),
        )
        for years_text, y in stretches(years)
    ]
    for line in align_columns(rows):
        print("  " + line)
    print("\nWhat each year added:")
    for y in years:
        for item in y.new:
            print(f"  {y.year}  {item}")
    last = years[-1]
    print(f"\nPolicies in force at the end of {last.year}:")
    for title in last.policies:
        print(f"  - {title}")
    print(f"\nWenzhou's numbers as of {last.year}-12-31 (with its counties):")
    for line in align_columns(numbers(timeline, f"{last.year}-12-31")):
        print("  " + line)
    print("\nThe standard-adoption rate (采标率), every report:")
    for line in align_columns(adoption_rate_history(timeline)):
        print("  " + line)
    print("\nEnded by 2011-01-01 (validity window over):")
    for title in ended_by(timeline, "2011-01-01"):
        print(f"  - {title}")


if __name__ == "__main__":
    main()
