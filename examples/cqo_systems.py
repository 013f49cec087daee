"""What did Hangzhou's and Yuhang's chief-quality-officer (首席质量官, CQO) systems have, and when?

At several dates from 2020 to 2025: the CQO platforms launched, the CQOs on record, the CQO
programmes, and the numbers (86 platform member units, 669 certificate holders...). A
number that had not been reported yet by a date says so; a platform whose launch month
straddles the date is "possible", not yet certain. Hangzhou is seen with Yuhang (its
district) rolled up. Sources: articles 000 (Hangzhou, 2021-09-15) and 001 (余杭, 2025-05-16).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import policyline as pl
from policyline.text import align_columns

EVENTS = Path(__file__).resolve().parents[1] / "events"
DATES = ("2020-08-31", "2020-09-15", "2020-09-30", "2021-09-15", "2025-05-15", "2025-05-16")
REGIONS = ("杭州", "余杭")

METRICS = {
    "首席质量官平台成员单位": "platform member units",
    "通过考核获得企业首席质量官任职培训证书的企业质量管理人员": "CQO certificate holders",
    "获得区级E类人才认定的企业首席质量官": "CQOs recognised as E-class talent",
    "杭州市优秀首席质量官": "杭州市优秀首席质量官 titles",
    "全面推广建立企业首席质量官制度的规上工业企业": "enterprises with the CQO system",
}
"""The CQO numbers the articles report, with a short English label."""

NOT_YET = "not reported yet"


@dataclass(frozen=True)
class Snapshot:
    """One region's CQO system as of one day."""

    region: str
    date: str
    platforms: tuple[str, ...]
    """Platforms certainly launched by the day."""
    possible_platforms: tuple[str, ...]
    """Platforms whose launch date straddles the day: possibly launched, not certainly."""
    cqos: tuple[str, ...]
    """Named chief quality officers: ``person(organization)``."""
    programs: tuple[str, ...]
    """Programmes of the CQO system (names with 首席质量官 or 质量官)."""
    numbers: dict[str, str]
    """Each CQO metric's latest value, or "not reported yet"."""


def load() -> pl.Timeline:
    """The whole corpus."""
    return pl.load(EVENTS)


def snapshot(timeline: pl.Timeline, region: str, date: str) -> Snapshot:
    """``region`` (with its districts) as of ``date``."""
    state = timeline.as_of(date).region(region, rollup=True)
    return Snapshot(
        region=state.region.name,
        date=date,
        platforms=tuple(p.name for p in state.platforms),
        possible_platforms=tuple(
            e.name for e in state.possible if isinstance(e, pl.PlatformLaunched)
        ),
        cqos=tuple(f"{c.person or '?'}({c.organization or '?'})" for c in state.cqos),
        programs=tuple(p.name for p in state.programs if "质量官" in p.name),
        numbers={metric: shown(state.statistic(metric)) for metric in METRICS},
    )


def snapshots(timeline: pl.Timeline) -> list[Snapshot]:
    """Hangzhou and Yuhang at every date of :data:`DATES`."""
    return [snapshot(timeline, region, date) for region in REGIONS for date in DATES]


def shown(figure: pl.Figure | None) -> str:
    """A figure as people write it (``>660 家``), or "not reported yet"."""
    if figure is None:
        return NOT_YET
    return figure.shown


def main() -> None:
    timeline = load()
    for region in REGIONS:
        shots = [s for s in snapshots(timeline) if s.region.startswith(region)]
        print(f"== {shots[0].region} (with its districts)\n")
        header = ("", *(s.date for s in shots))
        rows: list[Sequence[str]] = [header]
        rows.append(("platforms", *(str(len(s.platforms)) for s in shots)))
        rows.append(("possible platforms", *(str(len(s.possible_platforms)) for s in shots)))
        rows.append(("named CQOs", *(str(len(s.cqos)) for s in shots)))
        rows.append(("CQO programmes", *(str(len(s.programs)) for s in shots)))
        rows += [(label, *(s.numbers[m] for s in shots)) for m, label in METRICS.items()]
        for line in align_columns(rows):
            print("  " + line)
        last = shots[-1]
        print(f"\n  As of {last.date}:")
        for heading, items in (
            ("platforms", last.platforms),
            ("CQOs", last.cqos),
            ("programmes", last.programs),
        ):
            for item in items:
                print(f"    {heading:<10}  {item}")
        print()
    mid = snapshot(timeline, "杭州", "2020-09-15")
    print(
        "On 2020-09-15 Hangzhou's offline CQO platform (launched 2020-09) had possibly, "
        f"not certainly, been launched: possible {list(mid.possible_platforms)}, "
        f"certain {list(mid.platforms)}."
    )


if __name__ == "__main__":
    main()
