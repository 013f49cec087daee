"""Region-scoped reads: ``pl.load(store, region=R)`` holds only what questions about R
and the regions below it need, looked up by index, and answers every one of them as the
whole store does, on every store, for any history (amendments filed anywhere, facts moved
between regions by corrections), any day and any known-time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline._stores.sql import SQLStore
from policyline.testing.strategies import days, metrics, timelines
from policyline.testing.strategies import events as events_of_any_type
from tests.store_backends import KINDS, neighbourhoods, new_store, store_law


def _said(call: Any) -> Any:
    """What a question answers, or the error it raises (by type and message)."""
    try:
        return call()
    except pl.PolicylineError as error:
        return type(error).__name__, str(error)


def _answers(timeline: pl.Timeline, code: str, day: Any, known: Any, metric: str) -> Any:
    state = timeline.as_of(day, known=known)
    found: list[Any] = []
    for rollup in (False, True):
        region = state.region(code, rollup=rollup)
        found.append(
            (
                [e.id for e in region.events],
                [e.id for e in region.possible],
                list(region.statistics),
                [p.id for p in region.policies],
                _said(lambda r=region: r.answer(metric)),
                _said(lambda r=rollup: list(timeline.history(code, metric, rollup=r, known=known))),
            )
        )
    found.append(state.region(code).facts)  # the region's own folded state, whole
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_a_scoped_read_answers_as_the_whole_store(kind: str, tmp_path: Path) -> None:
    @store_law(kind)
    def law(data: st.DataObject) -> None:
        codes = data.draw(neighbourhoods(), label="regions")
        events = data.draw(timelines(codes=codes, sources=True), label="events")
        asked = data.draw(st.sampled_from(codes), label="asked about")
        day = data.draw(days(), label="as of")
        known = data.draw(st.none() | days(), label="known")
        metric = data.draw(metrics, label="metric")
        with new_store(kind, tmp_path) as store:
            store.append(events)
            whole = pl.load(store)
            scoped = pl.load(store, region=asked)
            assert len(scoped) <= len(whole)
            assert _answers(scoped, asked, day, known, metric) == _answers(
                whole, asked, day, known, metric
            )

    law()


def test_the_sql_stores_look_the_scope_up_by_index(tmp_path: Path) -> None:
    """SQLite finds a county's scope by index; a JSON Lines store reads its files."""
    corpus = str(Path(__file__).resolve().parent.parent / "events")
    url = f"sqlite:///{tmp_path / 's.db'}"
    pl.copy(corpus, url)
    ruian = {e.id for e in pl.load(corpus) if e.region == "330381"}
    with pl.open(url) as store:
        assert store.scoped_by_index
        found = store.scope("瑞安")
        assert {e.id for e in found if e.region == "330381"} == ruian
        # Beside them only what points at them (温州's count that covers them) and what
        # that points at: a few events of a store of 168.
        assert len(found) < 3 * len(ruian)
    with pl.open(str(tmp_path / "files.jsonl")) as files:
        assert not files.scoped_by_index


def test_a_retraction_filed_elsewhere_is_in_the_scope(tmp_path: Path) -> None:
    """The bug the scoped read fixes: a fact of 武义 retracted under 金华 is retracted in
    武义's scoped timeline too; a fact moved into 武义 by a correction filed under 杭州
    is there, and its old place is not."""
    source = pl.Source("t.txt", "原文")
    wuyi, jinhua, hangzhou = "330723", "330700", "330100"

    def fact(event_id: str, region: str) -> pl.Event:
        return pl.ProgramLaunched(
            id=event_id, region=region, effective="2015", recorded="2015", source=source,
            name=event_id,
        )  # fmt: skip

    moved = fact("moved", hangzhou)
    events = [
        fact("kept", wuyi),
        fact("gone", wuyi),
        moved,
        pl.Retracted(
            id="r", region=jinhua, effective="2016", recorded="2016", source=source,
            target="gone", reason="wrong",
        ),
        pl.Corrected(
            id="c", region=hangzhou, effective="2016", recorded="2016", source=source,
            target="moved", reason="it was 武义's",
            replacement=fact("moved", wuyi),
        ),
    ]  # fmt: skip
    for kind in ("sqlite", "jsonl"):
        with new_store(kind, tmp_path) as store:
            store.append(events)
            scoped = pl.load(store, region="武义")
            ids = [e.id for e in scoped.as_of("2017").region("武义").events]
            assert ids == ["kept", "moved"]
            before = scoped.as_of("2017", known="2015-12-31").region("武义")
            assert [e.id for e in before.events] == ["gone", "kept"]  # as believed in 2015


QUESTIONS = [
    ["asof", "2021-09-15", "--region", "杭州", "--rollup", "--format", "json"],
    ["asof", "2010-12-31", "--region", "瑞安"],
    ["history", "温州", "中国名牌", "--format", "csv"],
    ["history", "浙江", "浙江省政府质量奖", "--rollup"],
    ["explain", "温州", "質量與品牌發展規劃", "--on", "2008"],
    ["diff", "2009", "2011", "--region", "温州", "--rollup"],
    ["timeline", "--region", "嘉兴", "--format", "jsonl"],
    ["statistics", "温州", "--rollup"],
    ["history", "瑞安", "采标率"],  # a statistic of elsewhere: refused alike
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q[:2]))
def test_a_command_about_a_region_answers_from_the_scope_as_from_everything(
    question: list[str], tmp_path: Path
) -> None:
    """Each command about one region prints the same from a SQLite store (which it reads
    by the region's scope) as from the corpus files (read whole), status included."""
    import contextlib
    import io

    from policyline._cli.main import main

    corpus = str(Path(__file__).resolve().parent.parent / "events")
    url = f"sqlite:///{tmp_path / 's.db'}"
    pl.copy(corpus, url)

    def run(store: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*question, "--store", store])
        return status, out.getvalue(), err.getvalue().replace(url, corpus)

    assert run(url) == run(corpus)


def test_a_sqlite_file_made_before_the_links_is_scoped_right(tmp_path: Path) -> None:
    """Read-only, a file without the links table is scoped by reading it all (and says
    so); opened for writing, its stored events are linked once, then looked up by index."""
    import sqlite3

    corpus = str(Path(__file__).resolve().parent.parent / "events")
    path = tmp_path / "old.db"
    pl.copy(corpus, f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE policyline_links")
    expected = sorted(e.id for e in pl.load(corpus, region="温州"))
    with pl.open(f"sqlite:///{path}", read_only=True) as store:
        assert not store.scoped_by_index
        assert sorted(e.id for e in store.scope("温州")) == expected
    with pl.open(f"sqlite:///{path}") as store:
        assert store.scoped_by_index
        assert sorted(e.id for e in store.scope("温州")) == expected


@given(st.lists(events_of_any_type(), max_size=8))
def test_the_stored_links_are_the_links_of_each_event(found: list[pl.Event]) -> None:
    """What a SQL store writes (its shortcut by event type) is each event's links: what
    it amends and the regions it moves a fact to, by position; metric names once; and how
    far the links reach."""
    from policyline._scope import METRIC, THROUGH, links
    from policyline._stores.sql import link_rows

    stored = list(enumerate(found, start=1))
    expected = {(k, v, p) for p, e in stored for k, v in links(e) if k != METRIC}
    expected |= {(k, v, 0) for _, e in stored for k, v in links(e) if k == METRIC}
    expected |= {(THROUGH, "", len(found))} if found else set()
    rows = link_rows(stored)
    assert set(rows) == expected
    assert len(rows) == len(set(rows))


def _program(event_id: str, region: str) -> pl.Event:
    return pl.ProgramLaunched(
        id=event_id, region=region, effective="2015", recorded="2015",
        source=pl.Source("t.txt", "原文"), name=event_id,
    )  # fmt: skip


def test_events_appended_without_links_are_scoped_right(tmp_path: Path) -> None:
    """A policyline from before the links appends without writing them (SQLite records
    no schema version to stop it): a read then scans instead, and the next writer links
    what is missing, so a retraction filed under 金华 is seen in 武义 either way."""
    import sqlite3

    path = tmp_path / "mixed.db"
    url = f"sqlite:///{path}"
    with pl.open(url) as store:
        store.append([_program("kept", "330723"), _program("gone", "330723")])
    retraction = pl.Retracted(
        id="r", region="330700", effective="2016", recorded="2016",
        source=pl.Source("t.txt", "原文"), target="gone", reason="wrong",
    )  # fmt: skip
    with sqlite3.connect(path) as connection:  # what the old writer did: no links
        connection.execute(
            "INSERT INTO policyline_events VALUES (3, 'r', 'Retracted', ?, ?, ?, ?, ?)",
            (_line(retraction),
             retraction.effective.earliest, retraction.effective.latest,
             retraction.recorded.earliest, retraction.recorded.latest),
        )  # fmt: skip
        connection.execute("INSERT INTO policyline_event_regions VALUES ('330700', 3)")
    for read_only in (True, False):
        scoped = pl.load(pl.open(url, read_only=read_only), region="武义")
        assert [e.id for e in scoped.as_of("2017").region("武义").events] == ["kept"]
    with pl.open(url, read_only=True) as store:
        assert isinstance(store, SQLStore)
        assert store.linked_through() == store.version == 3  # the writer above linked it


def _line(event: pl.Event) -> str:
    from policyline._wire import encode_line

    return encode_line(event).decode("utf-8")


def test_a_count_that_covers_every_county_stays_out_of_one_countys_scope(
    tmp_path: Path,
) -> None:
    """A province's count covering the grants of all its counties does not pull every
    county into one county's scope: only corrections and retractions come in from
    elsewhere (a tally counts the covers of the subtree's own reports)."""
    source = pl.Source("t.txt", "原文")
    counties = ["330723", "330726", "330727"]
    grants = [
        pl.AwardGranted(
            id=f"g{n}", region=code, effective="2015", recorded="2015", source=source,
            award="质量奖", recipient=f"企业{n}",
        )
        for n, code in enumerate(counties)
    ]  # fmt: skip
    count = pl.StatisticReported(
        id="province", region="330000", effective="2015-12-31", recorded="2016",
        source=source, metric="质量奖", value=3, unit="家", kind="total",
        covers=[g.id for g in grants],
    )  # fmt: skip
    with new_store("sqlite", tmp_path) as store:
        store.append([*grants, count])
        assert [e.id for e in store.scope("武义")] == ["g0"]
        whole, scoped = pl.load(store), pl.load(store, region="武义")
        for rollup in (False, True):
            asked = ("2016", "武义")
            assert scoped.as_of(asked[0]).region(asked[1], rollup=rollup).tally(
                "质量奖"
            ) == whole.as_of(asked[0]).region(asked[1], rollup=rollup).tally("质量奖")


def test_an_agreement_naming_a_region_twice_is_stored(tmp_path: Path) -> None:
    """A party region given twice is one row of the region table (it was refused by the
    table's unique key)."""
    agreement = pl.AgreementSigned(
        id="a", region="330100", effective="2015", recorded="2015",
        source=pl.Source("t.txt", "原文"), title="协议", parties=["甲", "乙"],
        party_regions=["330100", "330300", "330300"],
    )  # fmt: skip
    with new_store("sqlite", tmp_path) as store:
        store.append([agreement])
        assert [e.id for e in store.scope("温州")] == ["a"]


def test_a_scoped_timeline_extended_keeps_its_stores_names(tmp_path: Path) -> None:
    """A statistic reported elsewhere is "not reported here" in a scoped timeline, also
    once extended, as in the whole one."""
    corpus = str(Path(__file__).resolve().parent.parent / "events")
    url = f"sqlite:///{tmp_path / 's.db'}"
    pl.copy(corpus, url)
    whole, scoped = pl.load(url).extend([]), pl.load(url, region="瑞安").extend([])
    for timeline in (whole, scoped):
        assert timeline.as_of("2021").region("瑞安").answer("采标率") is None
