"""Tables out: every result converts to typed columns that say what the Python API says.

The laws: for any timeline, the events table has one row per event whose cells are the
event's own fields (dates as first and last day, the value a number with its bound
beside it), and pandas, Arrow, CSV and Parquet carry the same cells; ``standing`` is
exactly membership in the standing facts; a batch table holds every answer of the batch
and nothing else. Then the corpus: a history's and a roll-up's rows carry the figure and
the text every route shows, and a missing extra is named.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._render.cells import shown_text
from policyline.errors import InvalidArgument, MissingExtra
from policyline.testing.strategies import timelines

EVENTS = Path(__file__).resolve().parent.parent / "events"


def _day(day: int) -> dt.date:
    return dt.date.fromordinal(day)


@settings(max_examples=60, deadline=None)
@given(timelines(max_facts=12, sources=True))
def test_the_events_table_is_the_events(events: list[pl.Event]) -> None:
    """One row per event, in order, each cell the event's own field; standing is being
    among the standing facts or the standing claims of one (another source's report)."""
    timeline = pl.Timeline(events)
    frame = timeline.to_pandas()
    assert list(frame["event_id"]) == [e.id for e in timeline.events]
    facts = timeline.facts()
    standing = {*facts, *(c for i in facts.identities.values() for c in i.claims)}
    for row, event in zip(frame.itertuples(index=False), timeline.events, strict=True):
        assert row.type == event.type_name
        assert row.region_code == event.region
        assert row.effective_start.date() == _day(event.effective.earliest)
        assert row.effective_end.date() == _day(event.effective.latest)
        assert row.precision == event.effective.precision
        assert row.recorded_end.date() == _day(event.recorded.latest)
        assert row.source_document == event.source.document
        assert row.standing == (event in standing)
        assert (None if row.same_as is pd.NA else row.same_as) == event.same_as
        if isinstance(event, pl.StatisticReported):
            assert (row.value, row.bound, row.unit) == (event.value, event.bound, event.unit)
        else:
            assert row.value is pd.NA


@settings(max_examples=30, deadline=None)
@given(events=timelines(max_facts=10, sources=True))
def test_pandas_arrow_csv_and_parquet_carry_the_same_cells(
    events: list[pl.Event], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same table through every format reads back to the same values and types."""
    facts = pl.Timeline(events).facts()
    frame = facts.to_pandas()
    from_arrow = facts.to_arrow().to_pandas()
    assert list(from_arrow.columns) == list(frame.columns)
    assert list(from_arrow["event_id"]) == list(frame["event_id"])
    directory = tmp_path_factory.mktemp("export")
    parquet = facts.export(directory / "facts.parquet")
    assert pq.read_table(parquet).schema.field("value").type == "double"
    assert pq.read_table(parquet).schema.field("effective_start").type == "date32[day]"
    read_back = pd.read_csv(facts.export(directory / "facts.csv"), dtype={"event_id": str})
    assert list(read_back["event_id"].fillna("")) == list(frame["event_id"])
    values = [None if v is pd.NA else float(v) for v in frame["value"]]
    read_values = [None if math.isnan(v) else v for v in read_back["value"].astype(float)]
    assert read_values == values


@settings(max_examples=30, deadline=None)
@given(timelines(max_facts=12), st.lists(st.dates(dt.date(1995, 1, 1), dt.date(2030, 1, 1)),
       min_size=1, max_size=4))  # fmt: skip
def test_the_batch_table_holds_every_answer_and_nothing_else(
    events: list[pl.Event], days: list[dt.date]
) -> None:
    """One row per (asked day, statistic) with a report by then: the report asked for."""
    series = pl.Timeline(events).statistics_as_of(days)
    expected = sorted(
        (day, report.id)
        for reports in series.values()
        for day, report in zip(days, reports, strict=True)
        if report is not None
    )
    table = series.table()
    found = sorted(zip(table.columns["as_of"], table.columns["event_id"], strict=True))
    assert found == expected


@pytest.fixture(scope="module")
def corpus() -> pl.Timeline:
    return pl.load(EVENTS)


def test_a_rolled_up_figure_keeps_its_bound_and_coverage(corpus: pl.Timeline) -> None:
    """Zhejiang's 浙江省政府质量奖 rolled up: a number (14) with its bound (at least),
    incomplete, and the very text the command prints."""
    statistics = corpus.as_of("2021-09-15").region("浙江", rollup=True).statistics
    frame = statistics.to_pandas()
    row = frame[frame["metric"] == "浙江省政府质量奖"].iloc[0]
    figure = next(a for a in statistics if a.metric == "浙江省政府质量奖")
    assert (row["value"], row["bound"], row["unit"]) == (14, "at_least", "家")
    assert bool(row["rolled_up"])
    assert not bool(row["complete"])
    assert row["shown"] == shown_text(figure)
    assert "9 of 11 cities not reported" in row["coverage"]
    assert frame["value"].dtype == "Float64"


def test_a_history_exports_each_report_with_its_source(corpus: pl.Timeline) -> None:
    """Wenzhou's 中国名牌 over time: the numbers, the dates, and where each came from."""
    history = corpus.history("温州", "中国名牌")
    frame = history.to_pandas()
    assert list(frame["value"]) == [a.value for a in history]  # type: ignore[union-attr]
    assert [ids for ids in frame["source_ids"]] == [[s.id for s in a.sources] for a in history]
    assert all(frame["region_code"] == "330300")


def test_a_diff_lists_what_appeared_ended_and_changed(corpus: pl.Timeline) -> None:
    """Every change of a diff is one row, of the kind it is."""
    diff = corpus.diff("2020-01-01", "2021-09-15", region="杭州")
    frame = diff.to_pandas()
    assert sorted(frame["event_id"].dropna()) == sorted(e.id for e in diff.appeared)
    changed = frame[frame["change"] == "changed"]
    assert list(changed["metric"]) == [c.metric for c in diff.changed]
    assert list(changed["after"]) == [shown_text(c.after) for c in diff.changed]


def test_export_picks_the_format_by_suffix_and_refuses_others(
    corpus: pl.Timeline, tmp_path: Path
) -> None:
    """csv, parquet, jsonl by suffix or by name; anything else is refused, naming them."""
    facts = corpus.facts()
    assert facts.export(tmp_path / "f.jsonl").read_text(encoding="utf-8").count("\n") == len(facts)
    assert facts.export(tmp_path / "f.txt", format="csv").exists()
    with pytest.raises(InvalidArgument, match="csv or parquet or jsonl"):
        facts.export(tmp_path / "f.xlsx")
    out = io.StringIO()
    facts.write_csv(out)
    assert out.getvalue().splitlines()[0].startswith("event_id,type,region_code")


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, corpus: pl.Timeline) -> None:
    """Without pandas (or pyarrow), the error says which extra to install."""
    for name in ("pandas", "pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it raises ImportError
    with pytest.raises(MissingExtra, match=r"pip install 'policyline\[pandas\]'"):
        corpus.to_pandas()
    with pytest.raises(MissingExtra, match=r"pip install 'policyline\[arrow\]'"):
        corpus.facts().to_arrow()


def test_results_are_still_tuples(corpus: pl.Timeline) -> None:
    """What used to be a tuple still is one: equal, indexable, sliceable."""
    facts = corpus.facts()
    assert isinstance(facts, tuple)
    assert facts == tuple(facts)
    assert facts[:2] == tuple(facts)[:2]
