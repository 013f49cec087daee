"""How do Zhejiang's cities compare as of one day, each with its districts and counties?

One row per prefecture-level city that has any fact by the day (each rolled up with the
regions below it), and a last row for the province rolled up: counts of policies in force,
awards, nominations, platforms, designations, programmes and named CQOs, the facts only
possibly true by then, and a few key numbers. Awards of 浙江省政府质量奖 are tallied from
reported totals and award events together, never counting one award twice.

    .venv/bin/python examples/cities_side_by_side.py [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import policyline as pl
from policyline.text import align_columns

EVENTS = Path(__file__).resolve().parents[1] / "events"
DEFAULT_DATE = "2025-05-16"
PROVINCE = "浙江"
AWARD = "浙江省政府质量奖"
CQOS_CULTIVATED = "培育企业首席质量官"
CQO_CERTIFICATES = "通过考核获得企业首席质量官任职培训证书的企业质量管理人员"
COLUMNS = (
    "region",
    "policies",
    "awards",
    "nominations",
    "platforms",
    "designations",
    "programmes",
    "CQOs",
    "possible",
    AWARD,
    "CQO numbers",
)


@dataclass(frozen=True)
class Row:
    """One region rolled up as of the day."""

    region: str
    policies: int
    awards: int
    nominations: int
    platforms: int
    designations: int
    programs: int
    cqos: int
    possible: int
    award_tally: int
    """How many 浙江省政府质量奖 the region (and those below it) holds, counted once each."""
    award_shown: str
    """The tally as people write it, with its bound (``≥14`` when not every city reported)."""
    award_coverage: str
    """Which cities the tally's reported total covers ("" if it is the region's own)."""
    award_sources: tuple[str, ...]
    """Ids of every event behind the tally."""
    cqo_numbers: str
    """CQOs cultivated or certified, as reported (or "")."""

    def cells(self) -> tuple[str, ...]:
        return (
            self.region,
            *(
                str(n)
                for n in (
                    self.policies,
                    self.awards,
                    self.nominations,
                    self.platforms,
                    self.designations,
                    self.programs,
                    self.cqos,
                    self.possible,
                )
            ),
            self.award_shown,
            self.cqo_numbers,
        )


def load() -> pl.Timeline:
    """The whole corpus."""
    return pl.load(EVENTS)


def cities(timeline: pl.Timeline, date: str) -> list[str]:
    """Codes of Zhejiang's prefecture-level cities with a fact (theirs or below) by ``date``."""
    province = pl.region(PROVINCE).code
    found: list[str] = []
    for state in timeline.as_of(date).regions():
        here = state.region
        city = here if here.level == "prefecture" else None
        if here.level == "county" and here.parent is not None:
            city = pl.region(here.parent)
        if city is not None and city.parent == province and city.code not in found:
            found.append(city.code)
    return sorted(found)


def row(timeline: pl.Timeline, date: str, region: str) -> Row:
    """``region`` rolled up as of ``date``."""
    state = timeline.as_of(date).region(region, rollup=True)
    tally = state.tally(AWARD)
    return Row(
        region=state.region.name,
        policies=len(state.policies),
        awards=len(state.awards),
        nominations=len(state.nominations),
        platforms=len(state.platforms),
        designations=len(state.designations),
        programs=len(state.programs),
        cqos=len(state.cqos),
        possible=len(state.possible),
        award_tally=int(tally.value),
        award_shown=tally.shown,
        award_coverage="" if tally.coverage is None else str(tally.coverage),
        award_sources=tally.counted,
        cqo_numbers="  ".join(
            f"{label} {shown(figure)}"
            for label, metric in (("培育", CQOS_CULTIVATED), ("持证", CQO_CERTIFICATES))
            if (figure := state.statistic(metric)) is not None
        ),
    )


def rows(timeline: pl.Timeline, date: str) -> list[Row]:
    """Every city with a fact by ``date``, then the province, all rolled up."""
    return [row(timeline, date, code) for code in cities(timeline, date)] + [
        row(timeline, date, PROVINCE)
    ]


def shown(figure: pl.Figure) -> str:
    """A figure as people write it: ``347 名``, ``>1000 家``."""
    return figure.shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--date", default=DEFAULT_DATE, help="the as-of day (YYYY-MM-DD)")
    date = parser.parse_args().date
    timeline = load()
    found = rows(timeline, date)
    print(f"Zhejiang's cities side by side as of {date} (each with its districts and counties)\n")
    for line in align_columns([COLUMNS, *(r.cells() for r in found)]):
        print("  " + line)
    province = found[-1]
    print(
        f"\n{province.region} rolled up holds {province.award_shown} {AWARD}"
        + (f" ({province.award_coverage})" if province.award_coverage else "")
        + f", counted from {len(province.award_sources)} events, none twice:"
    )
    for event_id in province.award_sources:
        event = timeline[event_id]
        print(f"  {event_id}  “{event.source.quote}” ({event.source.document})")


if __name__ == "__main__":
    main()
