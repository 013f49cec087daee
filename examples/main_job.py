"""The main job: import the corpus into SQLite, replay it and answer as-of questions.

Copies every event in ``events/`` into a SQLite file (``policyline.db`` in the repository
root unless ``--db PATH`` says otherwise; copying again is a no-op), replays the stored
events into a timeline and answers, in plain sentences:

1. What did Hangzhou have as of 2021-09-15?
2. Which of Wenzhou's policies were in force in 2008?
3. What was known on 2011-01-01 about Wenzhou in 2010 (and what on 2010-11-17)?
4. What was possible but not certain: Hangzhou's offline CQO platform on 2020-09-15?
5. How many 浙江省政府质量奖 does Zhejiang hold, rolled up, and from which sources?

    .venv/bin/python examples/main_job.py [--db PATH]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import policyline as pl

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
DEFAULT_DB = ROOT / "policyline.db"
AWARD = "浙江省政府质量奖"
MEMBER_UNITS = "首席质量官平台成员单位"
OFFLINE_PLATFORM = "线下企业首席质量官交流平台"


def sqlite_url(db: Path) -> str:
    """The store URL of a SQLite file (an absolute path adds its own slash)."""
    return f"sqlite:///{db.resolve()}"


def import_corpus(db: Path) -> tuple[int, pl.Timeline]:
    """Copy ``events/`` into the SQLite file ``db``; return its version and its timeline."""
    url = sqlite_url(db)
    version = pl.copy(EVENTS, url)
    return version, pl.load(url)


def listing(items: list[str]) -> str:
    """Items joined the way a sentence lists them."""
    return "、".join(items) if items else "none"


def hangzhou_on_2021_09_15(timeline: pl.Timeline) -> str:
    """Question 1: platforms, CQOs, designations, policies and the CQO platform's members."""
    state = timeline.as_of("2021-09-15").region("杭州")
    members = state.statistic(MEMBER_UNITS)
    return (
        f"As of 2021-09-15 Hangzhou had {len(state.platforms)} CQO platforms"
        f" ({listing([p.name for p in state.platforms])}),"
        f" {len(state.cqos)} named chief quality officer"
        f" ({listing([f'{c.person}, {c.organization}' for c in state.cqos])}),"
        f" the designations {listing(sorted({d.designation for d in state.designations}))},"
        f" {len(state.policies)} policies in force ({listing([p.title for p in state.policies])}),"
        f" and its CQO platform had {shown(members)} member units."
    )


def wenzhou_policies_in_2008(timeline: pl.Timeline) -> str:
    """Question 2: Wenzhou's policies in force at the end of 2008."""
    policies = timeline.as_of("2008").region("温州").policies
    titles = [f"{p.title} (issued {p.effective})" for p in policies]
    return (
        f"In 2008 (as of 2008-12-31) Wenzhou had {len(policies)} policies in force:"
        f" {listing(titles)}."
    )


def known_about_2010(timeline: pl.Timeline, known: str) -> list[pl.Event]:
    """Facts that certainly happened in Wenzhou (or its counties) in 2010, known by ``known``."""
    return list(timeline.between("2010-01-01", "2010-12-31", region="温州", known=known))


def wenzhou_2010_as_known(timeline: pl.Timeline) -> str:
    """Question 3: bitemporal; the 2010 article appeared between 2010-11-18 and 2010-12-31."""
    before = known_about_2010(timeline, "2010-11-17")
    after = known_about_2010(timeline, "2011-01-01")
    kinds: dict[str, int] = {}
    for event in after:
        kinds[event.type_name] = kinds.get(event.type_name, 0) + 1
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return (
        f"On 2011-01-01 the records showed {len(after)} facts that certainly happened in"
        f" Wenzhou in 2010 ({counts}); on 2010-11-17, before the article appeared, they"
        f" showed {len(before)}."
    )


def offline_platform_on_2020_09_15(timeline: pl.Timeline) -> str:
    """Question 4: a month-precision fact seen in the middle of its month."""
    state = timeline.as_of("2020-09-15").region("杭州")
    certain = any(p.name == OFFLINE_PLATFORM for p in state.platforms)
    possible = [e for e in state.possible if isinstance(e, pl.PlatformLaunched)]
    if certain:
        verdict = "had certainly been launched"
    elif any(e.name == OFFLINE_PLATFORM for e in possible):
        verdict = "had possibly, but not certainly, been launched (it is dated only to 2020-09)"
    else:
        verdict = "had not been launched"
    return f"On 2020-09-15 Hangzhou's {OFFLINE_PLATFORM} {verdict}."


def zhejiang_award_tally(timeline: pl.Timeline, date: str = "2021-09-15") -> tuple[str, pl.Tally]:
    """Question 5: the rolled-up tally of the provincial government quality award."""
    tally = timeline.as_of(date).region("浙江", rollup=True).tally(AWARD)
    sources = [
        f"{s.id} “{s.source.quote}” ({s.source.document}"
        + (f"; already counts {', '.join(s.covers)}" if s.covers else "")
        + ")"
        for s in tally.statistics
    ]
    sources += [f"{e.id} “{e.source.quote}”" for e in tally.events]
    covered = "" if tally.coverage is None else f" (reported: {tally.coverage})"
    sentence = (
        f"As of {date} Zhejiang, rolled up, holds {tally.shown} {AWARD}{covered}, counted once"
        f" each from: {'; '.join(sources)}."
    )
    return sentence, tally


def shown(figure: pl.Figure | None) -> str:
    """A figure as people write it, or "not reported yet"."""
    if figure is None:
        return "not reported yet"
    return figure.shown.removesuffix(f" {figure.unit}")


def answers(timeline: pl.Timeline) -> list[str]:
    """Every answer, one sentence each."""
    return [
        hangzhou_on_2021_09_15(timeline),
        wenzhou_policies_in_2008(timeline),
        wenzhou_2010_as_known(timeline),
        offline_platform_on_2020_09_15(timeline),
        zhejiang_award_tally(timeline)[0],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Import events/ into SQLite and ask as-of questions."
    )
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help=f"the SQLite file (default: {DEFAULT_DB.name})"
    )
    db: Path = parser.parse_args().db
    try:
        version, timeline = import_corpus(db)
    except pl.DecodeError as error:
        raise SystemExit(
            f"{db} cannot take events/ ({error}); if it holds an older version of the"
            " corpus, remove the file to import afresh"
        ) from None
    print(f"Imported {EVENTS.name}/ into {sqlite_url(db)}: {version} events stored.")
    print(f"Replayed {len(timeline)} events.\n")
    for number, sentence in enumerate(answers(timeline), start=1):
        print(f"{number}. {sentence}\n")


if __name__ == "__main__":
    main()
