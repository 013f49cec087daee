"""Laws over regions that change, for any history of splits, merges and renames.

``tests/test_territory.py`` holds them over Hangzhou's real changes; here the gazetteer
itself is drawn (:mod:`policyline.testing.gazetteer`): a province of one or two cities
whose counties split in two, merge, or take a new code at year-end lists from 2001 on.
Facts are filed in any unit, old or new, on a day it was a division. The oracle is the
obvious one: which units a unit's facts are findable from is read off the drawn changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._region_data import Change, Region
from policyline._regions import children
from policyline.errors import InvalidEvent, UnknownRegion
from policyline.testing.gazetteer import PROVINCE, gazetteers, installed
from tests.store_backends import KINDS, assert_scoped_reads_agree, store_law

SOURCE = pl.Source("fixture.txt", "为测试而写")
FIRST, LAST = dt.date(2000, 1, 1), dt.date(2025, 12, 31)
AS_OF = st.dates(dt.date(1999, 6, 1), LAST)


def _span(row: Region) -> tuple[dt.date, dt.date]:
    """Days a fact of the unit surely falls in: from the list before it came (the
    changes of a year-end list happened during that year) to the day before it ended."""
    start = FIRST if row.valid_from is None else row.valid_from.replace(month=1, day=1)
    end = LAST if row.valid_to is None else row.valid_to - dt.timedelta(days=1)
    return start, end


def _counties(rows: list[Region]) -> list[Region]:
    return [r for r in rows if r.level == "county"]


@st.composite
def _facts(draw: st.DrawFn, rows: list[Region]) -> list[pl.Event]:
    """Programmes and reports of one metric in any county, each on a day it existed."""
    events: list[pl.Event] = []
    for number in range(draw(st.integers(1, 20))):
        row = draw(st.sampled_from(_counties(rows)))
        start, end = _span(row)
        day = draw(st.dates(start, end)).isoformat()
        envelope = {"id": f"f{number}", "region": row.code, "effective": day, "recorded": day}
        if draw(st.booleans()):
            events.append(pl.ProgramLaunched(**envelope, source=SOURCE, name="n"))
        else:
            events.append(
                pl.StatisticReported(**envelope, source=SOURCE, metric="企业",
                                     value=draw(st.integers(0, 50)), unit="家", kind="total")
            )  # fmt: skip
    return events


def _ended_in(code: str, changes: list[Change], kinds: tuple[str, ...] = ()) -> set[str]:
    """The unit and every unit that ended in it, through any chain of changes (of
    ``kinds`` only, if given)."""
    found = {code}
    while True:
        more = {c.before for c in changes if c.after in found and c.kind in (kinds or c.kind)}
        more -= found
        if not more:
            return found
        found |= more


def _certain(events: list[pl.Event], codes: set[str], day: dt.date) -> list[str]:
    last = day.toordinal()
    return sorted(e.id for e in events if e.region in codes and e.effective.latest <= last)


@settings(max_examples=80, deadline=None)
@given(gazetteers(), st.data())
def test_a_rollup_as_of_any_day_over_any_history_counts_each_leaf_fact_once(
    drawn: tuple[list[Region], list[Change]], data: st.DataObject
) -> None:
    """Rolled up as of D, the province and each city hold every fact of their units (old
    and new) certain by D exactly once; a rolled-up figure names each report once, adds
    up only the children of D's list, and each part's reports are the part's own."""
    rows, changes = drawn
    with installed(rows, changes):
        events = data.draw(_facts(rows), label="events")
        day = data.draw(AS_OF, label="as of")
        state = pl.Timeline(events).as_of(day)
        places = {PROVINCE: {r.code for r in _counties(rows)}} | {
            city.code: {r.code for r in _counties(rows) if r.parent == city.code}
            for city in rows
            if city.level == "prefecture"
        }
        for place, units in places.items():
            rolled = state.region(place, rollup=True)
            assert sorted(e.id for e in rolled.events) == _certain(events, units, day)
            if not any(isinstance(e, pl.StatisticReported) for e in rolled.events):
                continue
            figure = rolled.answer("企业")
            if not isinstance(figure, pl.Figure):
                continue
            counts = Counter(s.id for s in figure.sources)
            assert not counts or max(counts.values()) == 1
            if figure.coverage is not None:
                listed = {c.code for c in children(place, on=day)}
                assert {p.region for p in figure.coverage.parts} <= listed
                for part in figure.coverage.parts:
                    if part.region in units:  # a county: its own reports, older codes too
                        own = _ended_in(part.region, changes, ("recode",))
                        assert {s.region for s in part.sources} <= own


@settings(max_examples=80, deadline=None)
@given(gazetteers(), st.data())
def test_a_unit_finds_the_facts_of_every_unit_that_ended_in_it(
    drawn: tuple[list[Region], list[Change]], data: st.DataObject
) -> None:
    """A unit's own state holds the facts of the units that ended in it (split, merged,
    recoded, through any chain), and of no other."""
    rows, changes = drawn
    with installed(rows, changes):
        events = data.draw(_facts(rows), label="events")
        day = data.draw(AS_OF, label="as of")
        state = pl.Timeline(events).as_of(day)
        for row in _counties(rows):
            found = sorted(e.id for e in state.region(row.code).events)
            assert found == _certain(events, _ended_in(row.code, changes), day)


@settings(max_examples=60, deadline=None)
@given(gazetteers(), st.data())
def test_a_fact_filed_under_a_unit_of_another_time_is_refused(
    drawn: tuple[list[Region], list[Change]], data: st.DataObject
) -> None:
    """A fact dated a year after its unit's last list, or in a year before its first,
    is refused whole, and the message names the unit's span."""
    rows, changes = drawn
    bounded = [r for r in _counties(rows) if r.valid_from or r.valid_to]
    if not bounded:
        return
    with installed(rows, changes):
        row = data.draw(st.sampled_from(bounded), label="unit")
        if row.valid_to is not None and (row.valid_from is None or data.draw(st.booleans())):
            day = row.valid_to.replace(year=row.valid_to.year + 1)
        else:
            assert row.valid_from is not None
            day = row.valid_from.replace(year=row.valid_from.year - 1, month=6, day=30)
        wrong = pl.ProgramLaunched(id="w", region=row.code, effective=day.isoformat(),
                                   recorded=day.isoformat(), source=SOURCE, name="n")  # fmt: skip
        with pytest.raises(pl.DecodeError, match="was no division") as refused:
            pl.Timeline([*data.draw(_facts(rows), label="events"), wrong])
        assert row.code in str(refused.value)


@settings(max_examples=5, deadline=None)
@given(gazetteers())
def test_the_shipped_gazetteer_answers_again_after_a_block(
    drawn: tuple[list[Region], list[Change]],
) -> None:
    """Leaving the block, even by an error, restores every lookup: 江干区 is known again
    and the drawn province is not; an event filed there is refused again."""
    day = "2000-06-30"  # the first list's counties were divisions then, whatever came after
    envelope = {"id": "w", "region": "990101", "effective": day, "recorded": day}

    def inside() -> None:
        with installed(*drawn):
            assert pl.region(PROVINCE).name == "甲省"
            assert len(pl.Timeline([pl.ProgramLaunched(**envelope, source=SOURCE, name="n")])) == 1
            with pytest.raises(UnknownRegion):
                pl.region("江干区")
            raise KeyError("left by an error")

    with pytest.raises(KeyError):
        inside()
    assert pl.region("江干区").code == "330104"
    assert [c.code for c in children("330100", on=dt.date(2020, 6, 30))][:2] == ["330102", "330103"]
    with pytest.raises(UnknownRegion):
        pl.region(PROVINCE)
    with pytest.raises(InvalidEvent, match="region"):
        pl.ProgramLaunched(**envelope, source=SOURCE, name="n")


@pytest.mark.parametrize("kind", KINDS)
def test_every_store_answers_over_any_history(kind: str, tmp_path: Path) -> None:
    """On every store, a city's scoped read (rolled up or not) and the read model's
    figures give the whole timeline's answer over a drawn history."""

    @store_law(kind, examples=20)
    def law(data: st.DataObject) -> None:
        rows, changes = data.draw(gazetteers(), label="gazetteer")
        with installed(rows, changes):
            events = data.draw(_facts(rows), label="events")
            day = data.draw(AS_OF, label="as of")
            asked = data.draw(st.sampled_from([r.code for r in rows if r.level != "nation"]))
            assert_scoped_reads_agree(kind, tmp_path, events, asked, day)

    law()
