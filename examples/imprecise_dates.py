"""What is certain, and what only possible, when a fact's date is a year or an interval?

A fact dated "2006" has certainly happened by 2006-12-31 but only possibly by 2006-06-30;
the library never silently picks a day. This walks through:

- Wenzhou's 2006 policies as of 2006-06-30 (possible) and 2006-12-31 (certain);
- Hangzhou's offline CQO platform, launched "去年9月" = 2020-09, around September 2020;
- article 004 (Jiaxing), which is itself dated only to 2023-03-30/2024-12-31: its facts are
  possible from 2023-03-30 (some, dated to its 去年 or 去年以來, earlier) and certain only from
  2024-12-31;
- known time (``known=``): what could be known on a day, given when each article appeared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import policyline as pl
from policyline.text import align_columns

EVENTS = Path(__file__).resolve().parents[1] / "events"

QUESTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("温州", "2006-06-30", None),
    ("温州", "2006-12-31", None),
    ("杭州", "2020-08-31", None),
    ("杭州", "2020-09-15", None),
    ("杭州", "2020-09-30", None),
    ("嘉兴", "2021-12-31", None),
    ("嘉兴", "2024-06-30", None),
    ("嘉兴", "2024-12-31", None),
    ("温州", "2010-12-31", "2010-11-17"),
    ("温州", "2010-12-31", "2010-12-31"),
    ("嘉兴", "2024-12-31", "2024-12-30"),
    ("嘉兴", "2024-12-31", "2024-12-31"),
)
"""(region, as-of day, known-time or None for everything recorded)."""


@dataclass(frozen=True)
class Answer:
    """What a region had as of a day: facts certain by then, and facts only possible."""

    region: str
    date: str
    known: str | None
    certain: tuple[str, ...]
    """Ids of facts certainly effective by the day (and recorded by ``known``)."""
    possible: tuple[str, ...]
    """Ids of facts that may or may not have happened by the day."""


def load() -> pl.Timeline:
    """The whole corpus."""
    return pl.load(EVENTS)


def answer(timeline: pl.Timeline, region: str, date: str, known: str | None = None) -> Answer:
    """``region`` with its districts as of ``date``, counting facts recorded by ``known``."""
    state = timeline.as_of(date, known=known).region(region, rollup=True)
    return Answer(
        state.region.name,
        date,
        known,
        tuple(e.id for e in state.events),
        tuple(e.id for e in state.possible),
    )


def answers(timeline: pl.Timeline) -> list[Answer]:
    """Every question of :data:`QUESTIONS`."""
    return [answer(timeline, *question) for question in QUESTIONS]


def certain_policies(timeline: pl.Timeline, region: str, date: str) -> tuple[str, ...]:
    """Titles of the policies in force as of ``date`` (certain only)."""
    return tuple(p.title for p in timeline.as_of(date).region(region).policies)


def possible_policies(timeline: pl.Timeline, region: str, date: str) -> tuple[str, ...]:
    """Titles of policies possibly, not certainly, issued by ``date``."""
    return tuple(
        e.title
        for e in timeline.as_of(date).region(region).possible
        if isinstance(e, pl.PolicyIssued)
    )


def describe(event: pl.Event) -> str:
    """A fact in a few words: its date and its title, name or number."""
    match event:
        case pl.PolicyIssued() | pl.AgreementSigned():
            what = event.title
        case pl.ProgramLaunched() | pl.PlatformLaunched():
            what = event.name
        case pl.AwardGranted():
            what = f"{event.recipient}获{event.award}"
        case pl.StatisticReported():
            what = f"{event.metric} {event.value:g}{event.unit}"
        case pl.DesignationGranted():
            what = f"{event.designee or ''}{event.designation}"
        case _:
            what = event.type_name
    return f"[{event.effective}] {what}"


def main() -> None:
    timeline = load()
    found = answers(timeline)
    print("Certain vs possible facts (each region with its districts)\n")
    rows = [("region", "as of", "known by", "certain", "possible")]
    rows += [
        (a.region, a.date, a.known or "(all)", str(len(a.certain)), str(len(a.possible)))
        for a in found
    ]
    for line in align_columns(rows):
        print("  " + line)

    for date in ("2006-06-30", "2006-12-31"):
        print(f"\nWenzhou's policies as of {date}:")
        for title in certain_policies(timeline, "温州", date):
            print(f"  in force:          {title}")
        for title in possible_policies(timeline, "温州", date):
            print(f"  possibly issued:   {title}")

    print("\nHangzhou's offline CQO platform (去年9月 in a 2021-09-15 article = 2020-09):")
    for date in ("2020-08-31", "2020-09-15", "2020-09-30"):
        state = timeline.as_of(date).region("杭州")
        names = {p.name for p in state.platforms}
        maybe = {e.name for e in state.possible if isinstance(e, pl.PlatformLaunched)}
        name = "线下企业首席质量官交流平台"
        verdict = (
            "launched" if name in names else "possibly launched" if name in maybe else "not yet"
        )
        print(f"  as of {date}: {verdict}")

    print("\nJiaxing as of 2024-06-30 (article 004 is dated 2023-03-30/2024-12-31): possible facts")
    middle = timeline.as_of("2024-06-30").region("嘉兴", rollup=True)
    for event in middle.possible[:8]:
        print(f"  {describe(event)}")
    print(f"  ... {len(middle.possible)} in all; certain: {len(middle.events)}")

    print("\nKnown time: what the records showed on a given day")
    for region, date, known in (
        ("温州", "2010-12-31", "2010-11-17"),
        ("嘉兴", "2024-12-31", "2024-12-30"),
    ):
        a = answer(timeline, region, date, known)
        full = answer(timeline, region, date)
        print(
            f"  {a.region} as of {date}, known by {known}: {len(a.certain)} facts"
            f" (known by now: {len(full.certain)})"
        )


if __name__ == "__main__":
    main()
