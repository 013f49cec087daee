"""Gazetteers that never were, for laws over regions that change.

The shipped gazetteer has the real changes (Hangzhou's 2021 reorganisation, Ningbo's 2016
merger …); a law should hold for any history of splits, merges and renames. Inside
:func:`installed`, every region lookup, roll-up, scope and integrity check answers from
rows and changes of one's own; :func:`gazetteers` draws them: a province of one or two
cities whose counties split, merge and are renamed at year-end lists from 2001 on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import attrs
from hypothesis import strategies as st

from policyline import _fields, _regions, _territory
from policyline._region_data import Change, ChangeKind, Region, read_regions

PROVINCE = "990000"
"""The generated province's code (no real province has it)."""
NATION = Region(_regions.NATION, "全国", "全国", "全國", "China", "nation", None)


@contextmanager
def installed(rows: Sequence[Region], changes: Sequence[Change]) -> Iterator[None]:
    """Answer from ``rows`` and ``changes`` inside the block, then from the shipped
    gazetteer again. Not thread-safe: every lookup of the process is switched."""
    _use(tuple(rows), tuple(changes))
    try:
        yield
    finally:
        _use(read_regions(), None)


def _use(rows: tuple[Region, ...], changes: tuple[Change, ...] | None) -> None:
    _regions.install(rows, changes)
    _territory.refresh()
    _fields.refresh_codes()


@st.composite
def gazetteers(draw: st.DrawFn) -> tuple[list[Region], list[Change]]:
    """A province of one or two cities of two to four counties each in the first list
    (1999-12-31), then up to six year-end lists, each splitting a county in two, merging
    two counties of a city into a new one, or renaming one (a new code)."""
    rows = [NATION, Region(PROVINCE, "甲省", "甲", "甲省", "Jia", "province", NATION.code)]
    changes: list[Change] = []
    live: dict[str, list[str]] = {}  # each city's current counties
    numbers: dict[str, int] = {}
    by_code: dict[str, Region] = {}

    def new_county(city: str, since: dt.date | None) -> str:
        numbers[city] += 1
        code = f"{city[:4]}{numbers[city]:02d}"
        name = f"{by_code[city].short}{numbers[city]}区"
        made = Region(code, name, name, name, f"D{code}", "county", city, valid_from=since)
        by_code[code] = made
        live[city].append(code)
        return code

    for number in range(1, draw(st.integers(1, 2)) + 1):
        city = f"99{number:02d}00"
        by_code[city] = Region(city, f"乙{number}市", f"乙{number}", f"乙{number}市",
                               f"Yi {number}", "prefecture", PROVINCE)  # fmt: skip
        live[city], numbers[city] = [], 0
        for _ in range(draw(st.integers(2, 4))):
            new_county(city, None)
    years = draw(st.lists(st.integers(2001, 2024), max_size=6, unique=True))
    for year in sorted(years):
        day = dt.date(year, 12, 31)
        city = draw(st.sampled_from(sorted(live)))
        counties = live[city]
        kind: ChangeKind = draw(st.sampled_from(["split", "merge", "recode"]))
        if kind == "merge" and len(counties) < 2:
            kind = "split"
        ended = draw(st.permutations(counties))[: 2 if kind == "merge" else 1]
        for code in ended:
            counties.remove(code)
            by_code[code] = attrs.evolve(by_code[code], valid_to=day)
        made = [new_county(city, day) for _ in range(2 if kind == "split" else 1)]
        changes += [Change(b, a, kind, day, None, "generated") for b in ended for a in made]
    return rows + list(by_code.values()), changes
