"""Which codes a region's facts are filed under, across the changes of the division lists.

A fact is filed under the code of the unit its source names, as that unit was then (the
integrity check refuses a unit of another time). So a question about a region today also
asks about the units it came from:

- :func:`lineage`: the region and every unit that ended in it: renamed, recoded,
  converted (县 to 县级市 to 区), merged into it or split into it. Facts about a
  predecessor stay findable from each successor (江干区's from 上城区 and from 钱塘区). A
  transfer (part of a unit given to another, the giver going on) leaves the giver's facts
  its own.
- :func:`same_unit`: the region and the units it is under an older name, code or kind
  (renamed, recoded, converted): their reports are its own reports. A merged or split
  predecessor reported about another scope, so its figures are never the region's own.
- :func:`territory`: every unit ever below the region (or it), with the lineage of each:
  the facts of a roll-up, each once. Which figures a roll-up adds up is the hierarchy
  valid on its day (:func:`policyline._regions.children` with ``on=``), so a predecessor's
  figure is never added beside its successors'.

And :func:`listed_issue`: why a code cannot be where a fact of a date happened (it was a
division on none of the days the date allows), for the integrity check.
"""

from __future__ import annotations

import datetime as dt

from policyline._caching import forget, memoized
from policyline._dates import ImpreciseDate
from policyline._regions import Region, became, ever_within, history, predecessors, region_codes

WHOLE = frozenset({"rename", "recode", "conversion", "merge", "split"})
"""Changes after which the unit before is no more: it lives on in the unit after."""
SAME = frozenset({"rename", "recode", "conversion"})
"""Changes after which the unit after is the unit before, under another name, code or kind."""


def _before(code: str, kinds: frozenset[str]) -> frozenset[str]:
    found, queue = {code}, [code]
    while queue:
        earlier = [c.before for c in predecessors(queue.pop()) if c.kind in kinds]
        queue += [c for c in earlier if c not in found]
        found.update(earlier)
    return frozenset(found)


@memoized(10_000)
def lineage(code: str) -> frozenset[str]:
    """``code`` and every unit that ended in it (its facts are findable from ``code``)."""
    return _before(code, WHOLE)


@memoized(10_000)
def same_unit(code: str) -> frozenset[str]:
    """``code`` and the units it is under an older name, code or kind."""
    return _before(code, SAME)


@memoized(1_000)
def territory(code: str) -> frozenset[str]:
    """Every unit ever below ``code`` (or it), and the lineage of each."""
    return frozenset(c for below in ever_within(code) for c in lineage(below))


def _possible_spans(rows: tuple[Region, ...]) -> tuple[tuple[int, int], ...]:
    """The days (as day numbers) a code may have been a division on, row by row: the
    lists stand at year end, so a unit first listed on a list's date may have come to be
    any day after the list before it, and one a list no longer has may have ended any day
    after the list before that one."""
    spans = []
    for row in rows:
        start = -1 if row.valid_from is None else _year_before(row.valid_from).toordinal() + 1
        end = 1 << 30 if row.valid_to is None else row.valid_to.toordinal() - 1
        spans.append((start, end))
    return tuple(spans)


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1)


BOUNDED: dict[str, tuple[tuple[int, int], ...]] = {}
"""The codes that were not divisions on every day: when each may have been one."""


def refresh() -> None:
    """Read the gazetteer's spans and changes again (after :func:`_regions.install`)."""
    BOUNDED.clear()  # in place: other modules hold it
    BOUNDED.update(
        (code, _possible_spans(rows))
        for code, rows in ((code, history(code)) for code in region_codes())
        if rows[0].valid_from is not None or rows[-1].valid_to is not None
    )
    for function in (lineage, same_unit, territory):
        forget(function)


refresh()


def listed_issue(code: str, effective: ImpreciseDate) -> str | None:
    """Why ``code`` cannot be where a fact dated ``effective`` happened: it was a division
    on none of the days the date allows (None: it may have been)."""
    spans = BOUNDED.get(code)
    earliest, latest = effective.earliest, effective.latest
    if spans is None or any(lo <= latest and earliest <= hi for lo, hi in spans):
        return None
    what = ", ".join(became(code))
    shown = "; ".join(row.span() for row in history(code))
    successors = f"; it became {what}" if what else ""
    return f"{code} was no division in {effective}: {shown}{successors}"
