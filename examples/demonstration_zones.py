"""Which demonstration zones and designations did Zhejiang and its cities hold, and when?

Zhejiang rolled up (the province with every city and county below it): its national
quality-improvement demonstration zones (article 002: 20 approved, four named), and the
designations of article 003 (瑞安 as pilot city, three 浙江区域名牌 industries) and 000
(杭州 as 全国质量强市示范城市, 品字标 brands). A reported count that already includes named
designations is shown with what it covers, so nothing is counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import policyline as pl
from policyline.text import align_columns

EVENTS = Path(__file__).resolve().parents[1] / "events"
DATES = ("2009-12-31", "2010-12-31", "2015-06-30", "2017-10-23", "2021-09-15")
ZONES_APPROVED = "获批国家级产品质量提升示范项目(区)"
REGIONAL_BRANDS = "浙江区域名牌"


@dataclass(frozen=True)
class Designation:
    """One designation held (or possibly held) in Zhejiang as of a day."""

    designation: str
    designee: str
    region: str
    effective: str
    certain: bool


@dataclass(frozen=True)
class Count:
    """A reported count of designations and the named designations it already includes."""

    metric: str
    value: int | None
    """None: not reported yet."""
    named: tuple[str, ...]
    """Designees of the covered DesignationGranted events."""
    unnamed: int | None
    """How many the count includes that the article does not name."""
    sources: tuple[str, ...]
    """The article's words behind the number."""


def load() -> pl.Timeline:
    """The whole corpus."""
    return pl.load(EVENTS)


def designations(timeline: pl.Timeline, date: str) -> list[Designation]:
    """Every designation in Zhejiang rolled up: certain ones first, then possible ones."""
    state = timeline.as_of(date).region("浙江", rollup=True)
    possible = [e for e in state.possible if isinstance(e, pl.DesignationGranted)]
    return [
        Designation(
            e.designation,
            e.designee or "",
            pl.region(e.region).name,
            str(e.effective),
            certain,
        )
        for certain, group in ((True, state.designations), (False, possible))
        for e in group
    ]


def count(timeline: pl.Timeline, date: str, metric: str) -> Count:
    """A rolled-up count of designations in Zhejiang as of ``date``, with what it covers."""
    figure = timeline.as_of(date).region("浙江", rollup=True).statistic(metric)
    if figure is None:
        return Count(metric, None, (), None, ())
    covered = [
        timeline[eid] for eid in sorted(figure.counted) if eid not in {s.id for s in figure.sources}
    ]
    named = tuple(e.designee or e.id for e in covered if isinstance(e, pl.DesignationGranted))
    value = int(figure.value)
    return Count(
        figure.metric,
        value,
        named,
        value - len(named),
        tuple(s.source.quote for s in figure.sources),
    )


def main() -> None:
    timeline = load()
    for date in DATES:
        found = designations(timeline, date)
        certain = sum(d.certain for d in found)
        print(
            f"== Zhejiang rolled up as of {date}:"
            f" {certain} certain, {len(found) - certain} possible"
        )
        if found:
            rows = [("designation", "designee", "region", "effective", "")]
            rows += [
                (d.designation, d.designee, d.region, d.effective, "" if d.certain else "possible")
                for d in found
            ]
            for line in align_columns(rows):
                print("  " + line)
        for metric in (ZONES_APPROVED, REGIONAL_BRANDS):
            c = count(timeline, date, metric)
            if c.value is None:
                print(f"  {metric}: not reported yet")
                continue
            print(
                f"  {c.metric}: {c.value}, of which named {len(c.named)}"
                f" ({'、'.join(c.named)}) and unnamed {c.unnamed}"
            )
            for quote in c.sources:
                print(f"      source: “{quote}”")
        print()


if __name__ == "__main__":
    main()
