"""The statistics read model: figures from it equal figures from the whole timeline, after
any sequence of appends (backdated facts, amendments of amendments, an amendment before its
target in a batch, facts moved between regions and statistics), on every store; the model
a writer keeps is the one a fold from scratch (``rebuild``) makes; a store the model does
not reach (written before it, or by another version) answers from its events until it does.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import sqlite3
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import strategies as st

import policyline as pl
from policyline._cli.main import main
from policyline._events import StatisticReported
from policyline._projections.statistics import statistic_key
from policyline._read_model import rank
from policyline._stores.sql import SQLStore
from policyline.testing.strategies import days, metrics, timelines
from tests.store_backends import KINDS, neighbourhoods, new_store, store_law

SOURCE = pl.Source("test.txt", "原文")


@st.composite
def _histories(draw: st.DrawFn, codes: tuple[str, ...]) -> list[pl.Event]:
    """A valid timeline, and then amendments of amendments and corrections that move a
    statistic to another metric or region."""
    events = draw(timelines(max_facts=25, codes=codes, sources=True))
    amendments = [e for e in events if isinstance(e, pl.Corrected | pl.Retracted)]
    statistics = [e for e in events if isinstance(e, StatisticReported)]
    for number in range(draw(st.integers(0, 3))):
        envelope = {
            "region": draw(st.sampled_from(codes)),
            "effective": "2020",
            "recorded": draw(days()).isoformat(),
            "source": SOURCE,
        }
        if draw(st.booleans()) and amendments:
            amended = draw(st.sampled_from(amendments))
            events.append(pl.Retracted(id=f"r{number}", target=amended.id, reason="no", **envelope))
        elif statistics:
            report = draw(st.sampled_from(statistics))
            moved = attrs.evolve(report, metric=draw(metrics), region=draw(st.sampled_from(codes)))
            events.append(
                pl.Corrected(
                    id=f"c{number}",
                    target=report.id,
                    reason="re-read",
                    replacement=moved,
                    **envelope,
                )
            )
    return events


@st.composite
def _batches(draw: st.DrawFn, events: list[pl.Event]) -> list[list[pl.Event]]:
    """The events cut into appends, each shuffled (a batch may amend before its target)."""
    cuts = sorted(draw(st.lists(st.integers(0, len(events)), max_size=3)))
    bounds = [0, *cuts, len(events)]
    return [draw(st.permutations(events[a:b])) for a, b in itertools.pairwise(bounds)]


def current_heads(store: SQLStore) -> set[tuple[Any, ...]]:
    """Where the model says each reported fact stands now."""
    from policyline._read_model import MODEL

    rows = store._fetch(
        "SELECT root, region, metric, kind, rank FROM policyline_statistic_heads h"
        " WHERE model = ? AND region IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
        " policyline_statistic_heads s WHERE s.model = h.model AND s.root = h.root"
        " AND s.written > h.written)",
        [MODEL],
    )
    return {tuple(row) for row in rows}


def standing_statistics(timeline: pl.Timeline) -> set[tuple[Any, ...]]:
    """The same, from a fold of every event."""
    reports = [e for e in timeline.facts() if e.type_name == "StatisticReported"]
    return {
        (e.id, e.region, *statistic_key(e), rank(e.effective.latest, e.effective.earliest))
        for e in cast("list[StatisticReported]", reports)
    }


@pytest.mark.parametrize("kind", KINDS)
def test_figures_from_the_model_are_the_whole_timelines(kind: str, tmp_path: Path) -> None:
    @store_law(kind)
    def law(data: st.DataObject) -> None:
        codes = data.draw(neighbourhoods(), label="regions")
        batches = data.draw(_batches(data.draw(_histories(codes), label="events")))
        with new_store(kind, tmp_path) as store:
            for batch in batches:
                store.append(batch)
                whole = pl.load(store)
                if isinstance(store, SQLStore):
                    assert store.figures_by_model
                    assert current_heads(store) == standing_statistics(whole)
                day = data.draw(days(), label="as of")
                asked = data.draw(st.none() | st.sampled_from((*codes, "330000")), label="region")
                rollup = data.draw(st.booleans(), label="rollup")
                expected = whole.as_of(day).figures(asked, rollup=rollup)
                found = pl.figures(store, day, region=asked, rollup=rollup)
                assert list(found) == list(expected)
                assert found.table().records() == expected.table().records()
            if isinstance(store, SQLStore):
                kept = current_heads(store)
                store.rebuild()
                assert current_heads(store) == kept

    law()


def _value(answers: pl.Answers) -> float:
    [figure] = answers
    assert isinstance(figure, pl.Figure)
    return figure.value


def _report(event_id: str, region: str, value: int, effective: str) -> pl.Event:
    return StatisticReported(
        id=event_id, region=region, effective=effective, recorded="2021-01-01",
        source=SOURCE, metric="首席质量官", value=value, unit="名", kind="total",
    )  # fmt: skip


def test_a_store_the_model_does_not_reach_answers_from_its_events(tmp_path: Path) -> None:
    """Events appended by a policyline from before the model: figures come from the
    events (still right), the next append folds them in, and rebuild makes the same."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with pl.open(url) as store:
        store.append([_report("a", "330723", 5, "2015"), _report("b", "330700", 7, "2016")])
        assert isinstance(store, SQLStore)
        store._execute("DELETE FROM policyline_statistic_heads")  # as an older writer left it
        store._execute("DELETE FROM policyline_links WHERE kind = 'model'")
        assert not store.figures_by_model
        assert _value(pl.figures(store, "2016-12-31", region="330723")) == 5
        store.append([_report("c", "330723", 9, "2014")])  # backdated: 5 stays the latest
        assert store.figures_by_model
        [figure] = pl.figures(store, "2016-12-31", region="330723")
        assert isinstance(figure, pl.Figure)
        assert (figure.value, figure.sources[0].id) == (5, "a")
        heads = current_heads(store)
        assert {head[0] for head in heads} == {"a", "b", "c"}
        store.rebuild()
        assert current_heads(store) == heads


def test_another_version_of_the_model_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store whose model another version wrote answers from its events; an append
    writes this version's model from every event."""
    from policyline import _read_model

    url = f"sqlite:///{tmp_path / 'v.db'}"
    with pl.open(url) as store:
        store.append([_report("a", "330723", 5, "2015")])
        monkeypatch.setattr(_read_model, "MODEL", "statistics/999")
        assert not store.figures_by_model
        assert _value(pl.figures(store, "2016", region="武义")) == 5
        store.append([_report("b", "330723", 6, "2016")])
        assert store.figures_by_model
        assert _value(pl.figures(store, "2016", region="武义")) == 6


def test_a_retraction_then_its_retraction_in_the_model(tmp_path: Path) -> None:
    """A report retracted stops being the latest; the retraction retracted restores it."""
    envelope: dict[str, Any] = {
        "region": "330700",
        "effective": "2021",
        "recorded": "2021-03-01",
        "source": SOURCE,
    }
    with pl.open(f"sqlite:///{tmp_path / 'r.db'}") as store:
        store.append([_report("old", "330723", 5, "2015"), _report("new", "330723", 8, "2016")])
        assert _value(pl.figures(store, "2017", region="武义")) == 8
        store.append([pl.Retracted(id="x", target="new", reason="no", **envelope)])
        assert _value(pl.figures(store, "2017", region="武义")) == 5
        later = envelope | {"recorded": "2022-03-01"}
        store.append([pl.Retracted(id="y", target="x", reason="yes", **later)])
        assert _value(pl.figures(store, "2017", region="武义")) == 8
        assert _value(pl.figures(store, "2017", region="武义", known="2021-06-30")) == 5


def run_cli(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(args)
    return status, out.getvalue()


def test_rebuild_from_the_command_line(tmp_path: Path) -> None:
    corpus = str(Path(__file__).resolve().parent.parent / "events")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    pl.copy(corpus, url)
    status, out = run_cli(["rebuild", "--store", url])
    assert status == 0
    assert "rebuilt the read model" in out
    assert "168 events" in out
    status, out = run_cli(["rebuild", "--store", corpus])
    assert status == 0
    assert "keeps no read model" in out
    with pl.open(url) as store:
        assert store.figures_by_model
    asked = ["asof", "2011", "--rollup", "--format", "csv"]
    assert run_cli([*asked, "--store", url])[1] == run_cli([*asked, "--store", corpus])[1]


def test_a_file_from_before_the_model_opened_read_only(tmp_path: Path) -> None:
    """A SQLite file without the model's tables, opened read-only (nothing is created):
    its figures come from its events."""
    path = tmp_path / "old.db"
    with pl.open(f"sqlite:///{path}") as store:
        store.append([_report("a", "330723", 5, "2015")])
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE policyline_statistic_heads")
        connection.execute("DROP TABLE policyline_statistics")
    with pl.open(f"sqlite:///{path}", read_only=True) as store:
        assert store.keeps_read_model is False
        assert not store.figures_by_model
        assert _value(pl.figures(store, "2016", region="武义")) == 5
    assert _value(pl.figures(f"sqlite:///{path}", "2016", region="武义")) == 5


@attrs.frozen(kw_only=True, weakref_slot=False)
class _MyReport(StatisticReported):
    """A subclass of one's own that keeps the type's name: stored as a plain report."""


def test_a_subclass_stored_as_a_report_counts_in_the_model(tmp_path: Path) -> None:
    """(Found by an adversarial review: the upkeep once asked for the exact type.)"""
    mine = _MyReport(**attrs.asdict(_report("b", "330723", 99, "2016"), recurse=False))
    with pl.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.append([_report("a", "330723", 5, "2015"), mine])
        assert isinstance(store, SQLStore)
        assert current_heads(store) == standing_statistics(pl.load(store))
        assert _value(pl.figures(store, "2017", region="武义")) == 99


def test_a_wrong_date_is_named_before_a_wrong_region() -> None:
    corpus = str(Path(__file__).resolve().parent.parent / "events")
    with pytest.raises(pl.errors.InvalidDate):
        pl.figures(corpus, "2015-13-01", region="nowhere")
