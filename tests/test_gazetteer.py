"""The gazetteer over time: spans, hierarchies by day, changes, and the data files' laws."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import re
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given

from policyline._hanzi import fold
from policyline._region_data import (
    FIRST_LIST,
    LATEST_LIST,
    Region,
    read_changes,
    read_regions,
    read_units,
)
from policyline._regions import (
    NATION,
    all_regions,
    children,
    exists_on,
    history,
    region,
    subtree,
    within,
)
from policyline.errors import InvalidArgument, NotADivision, RegionNotOnDay, UnknownRegion
from policyline.testing.strategies import GAZETTEER_DAYS, LIST_DAYS, regions_on

ROWS, CHANGES, UNITS = read_regions(), read_changes(), read_units()
LIST_DATES = {dt.date(year, 12, 31) for year in range(FIRST_LIST.year, LATEST_LIST.year + 1)}
SPELLINGS = ("code", "name", "short", "traditional", "english")


def _script(monkeypatch: pytest.MonkeyPatch, name: str) -> ModuleType:
    """A module of scripts/ (build_regions, region_sources), imported as the script does."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "scripts"))
    return importlib.import_module(name)


# The laws, for any day -------------------------------------------------------------------


@given(regions_on())
def test_a_regions_parent_exists_whenever_it_does(drawn: tuple[dt.date, Region]) -> None:
    """A region listed on a day has its parent listed that day, one level up."""
    day, found = drawn
    if found.parent is None:
        assert found.code == NATION
        return
    parent = region(found.parent, on=day)
    order = ["nation", "province", "prefecture", "county"]
    assert order.index(parent.level) < order.index(found.level)


def test_a_regions_parent_exists_on_every_list_of_its_span() -> None:
    """Spans begin and end only at list dates, so checking every list date in a row's
    span checks every day of it: its parent is listed on each."""
    for found in ROWS:
        if found.parent is None:
            continue
        for day in LIST_DATES:
            if found.exists_on(day):
                assert exists_on(found.parent, day), (found, day)


@given(GAZETTEER_DAYS | LIST_DAYS, regions_on())
def test_a_code_is_valid_on_a_day_iff_a_span_of_it_holds_the_day(
    day: dt.date, drawn: tuple[dt.date, Region]
) -> None:
    """exists_on, region(code, on=) and the rows' spans agree on every day."""
    code = drawn[1].code
    spans = [(r.valid_from, r.valid_to) for r in history(code)]
    naive = any((a is None or a <= day) and (b is None or day < b) for a, b in spans)
    assert exists_on(code, day) == naive
    if naive:
        assert region(code, on=day).exists_on(day)
    else:
        with pytest.raises(RegionNotOnDay, match=code):
            region(code, on=day)


@given(GAZETTEER_DAYS | LIST_DAYS)
def test_the_hierarchy_of_a_day_partitions_its_list(day: dt.date) -> None:
    """On any day every listed region sits under the nation exactly once: the children of
    distinct regions never overlap, and the nation's subtree is the day's whole list."""
    listed = all_regions(on=day)
    assert len({r.code for r in listed}) == len(listed)
    assert set(within(NATION, on=day)) == {r.code for r in listed} == subtree(NATION, on=day)
    seen: set[str] = set()
    for found in listed:
        below = {r.code for r in children(found.code, on=day)}
        assert not below & seen
        seen |= below
    assert seen == {r.code for r in listed} - {NATION}


def test_every_successor_exists_on_the_day_its_predecessor_ends() -> None:
    """A unit that ended in the list of a day became units of that list; a transfer's
    giver goes on, others end there."""
    for change in CHANGES:
        assert exists_on(change.after, change.day), change
        last = change.day - dt.timedelta(days=1)
        assert exists_on(change.before, last), change
        ends = any(r.valid_to == change.day for r in history(change.before))
        assert ends or change.kind == "transfer", change


@given(regions_on())
def test_every_unique_spelling_of_a_day_finds_its_region(drawn: tuple[dt.date, Region]) -> None:
    """Each spelling no other region of that day shares finds the region, on that day."""
    day, found = drawn
    listed = all_regions(on=day)
    for field in SPELLINGS:
        spelling = getattr(found, field)
        if not spelling:
            continue
        key = fold(spelling)
        sharing = [r for r in listed if key in {fold(getattr(r, f)) for f in SPELLINGS}]
        if len(sharing) == 1:
            assert region(spelling, on=day) == found
        else:
            with pytest.raises(UnknownRegion):
                region(spelling, on=day)


# The data files' own laws -------------------------------------------------------------------


def test_the_files_have_the_columns_the_build_script_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loader and scripts/build_regions.py agree on every file's header."""
    script = _script(monkeypatch, "build_regions")
    for name, columns in (
        ("regions.tsv", script.REGION_COLUMNS),
        ("region_changes.tsv", script.CHANGE_COLUMNS),
        ("statistical_units.tsv", script.UNIT_COLUMNS),
    ):
        header = files("policyline").joinpath(name).read_text(encoding="utf-8").split("\n")[0]
        assert header.split("\t") == columns.split()


def test_the_build_script_reads_chinese_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Approval dates are written both ways in the sources."""
    chinese_date = _script(monkeypatch, "region_sources").chinese_date
    assert chinese_date("二〇〇一年二月二日") == "2001-02-02"
    assert chinese_date("二〇一七年七月十八日") == "2017-07-18"
    assert chinese_date("二〇〇〇年十二月三十日") == "2000-12-30"
    assert chinese_date("2021年3月11日") == "2021-03-11"
    assert chinese_date("某日") == ""


def test_every_row_is_well_formed() -> None:
    """Six-digit codes whose shape says their level; parents one level up with the code's
    digits; spans between list dates that never overlap for one code; the nation first."""
    assert ROWS[0] == region(NATION)
    assert (ROWS[0].name, ROWS[0].partial, ROWS[0].valid_from, ROWS[0].valid_to) == (
        "全国",
        False,
        None,
        None,
    )
    for found in ROWS[1:]:
        assert re.fullmatch(r"[1-9]\d{5}", found.code)
        level = "province" if found.code.endswith("0000") else "prefecture"
        level = level if found.code.endswith("00") else "county"
        assert found.level == level
        assert found.parent is not None
        if found.level == "province":
            assert found.parent == NATION
        else:
            assert found.parent in (found.code[:4] + "00", found.code[:2] + "0000")
        assert found.valid_from is None or found.valid_from in LIST_DATES
        assert found.valid_to is None or found.valid_to in LIST_DATES
        if found.valid_from and found.valid_to:
            assert found.valid_from < found.valid_to
        assert found.name
        assert found.short
        assert found.traditional
    for code in {r.code for r in ROWS}:
        rows = history(code)
        for before, after in itertools.pairwise(rows):
            assert before.valid_to is not None
            assert after.valid_from is not None
            assert before.valid_to <= after.valid_from


def test_a_traditional_name_is_the_same_name() -> None:
    """Each row's traditional spelling folds to the name's own folding (one place, two
    scripts), so no mechanical conversion slipped in another place: 江乾區 for 江干区,
    濬縣 for 浚县. 乾安县 and 乾县 keep 乾 in both scripts, which folding alone makes 干."""
    kept_as_written = {"220723", "610424"}
    wrong = [
        (r.code, r.name, r.traditional)
        for r in ROWS
        if fold(r.traditional) != fold(r.name) and r.code not in kept_as_written
    ]
    assert wrong == []
    assert region("江干區").traditional == "江干區"


def test_the_rows_are_in_gazetteer_order() -> None:
    """The nation, then each province: itself, its cities, its county-level units."""
    rank = {"province": 0, "prefecture": 1, "county": 2}
    keys = [(r.code[:2], rank[r.level], r.code) for r in ROWS[1:]]
    assert keys == sorted(keys)


def test_every_change_names_listed_units_and_a_kind() -> None:
    """Both sides of a change are rows; a unit that keeps its code was not recoded."""
    kinds = {"rename", "recode", "conversion", "reassignment", "split", "merge", "transfer"}
    codes = {r.code for r in ROWS}
    for change in CHANGES:
        assert {change.before, change.after} <= codes
        assert change.kind in kinds
        assert change.day in LIST_DATES
        # A document's date: an approval, or now and then an announcement after it.
        assert change.approved is None or change.approved.year <= change.day.year + 1
        if change.before == change.after:
            assert change.kind != "recode"


def test_statistical_units_are_no_divisions() -> None:
    """Statistics-only codes are in no division list, and each has a listed parent."""
    codes = {r.code for r in ROWS}
    for unit in UNITS:
        assert unit.code not in codes
        assert region(unit.parent).current
        with pytest.raises(NotADivision):
            region(unit.code)


def test_only_the_undivided_provinces_are_partial() -> None:
    """台湾省 and the two special administrative regions have no units below them in the
    lists: a sum over their children is never whole. Every other region is complete."""
    assert {r.code for r in all_regions() if r.partial} == {"710000", "810000", "820000"}
    assert not region(NATION).partial
    assert len(children(NATION)) == 34


def test_the_current_list_has_every_unit() -> None:
    """3,213 units in the Ministry's list of 2024-12-31 (34 provinces), and the nation."""
    current = all_regions()
    assert len(current) == 3_214
    assert sum(r.level == "province" for r in current) == 34
    assert all(r.valid_to is None for r in current)
    assert all_regions(on=dt.date(2030, 1, 1)) == current


def test_a_day_is_a_date() -> None:
    """``on`` takes a date (a datetime counts as its day); anything else is refused."""
    assert region("余杭", on=dt.datetime(2000, 6, 1, 12, 0)).code == "330184"
    with pytest.raises(InvalidArgument):
        region("余杭", on="2000-06-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        exists_on("330110", None)  # type: ignore[arg-type]
