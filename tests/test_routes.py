"""One question, one answer: every route gives the corpus's figures alike.

For every (region, statistic) of the corpus at several dates, with and without roll-up,
the figure from Python (``answer``, ``statistic``, ``tally``), from ``policyline asof
--json``, from the report's statistics tables and from the plot's data series is the
same, or the same explained refusal in every route.
"""

from __future__ import annotations

import contextlib
import html.parser
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import policyline as pl
from policyline._cli.main import main
from policyline._dates import day_number
from policyline._hanzi import fold
from policyline._render.cells import coverage_text
from policyline._render.html import render_report
from policyline._render.plot import plot_timeline
from policyline._render.series import series_for as _series
from policyline.errors import IncompatibleFigures

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
DATES = ("2008-12-31", "2010-12-31", "2021-09-15", "2024-12-31")


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(EVENTS)


def _questions(timeline: pl.Timeline, rollup: bool) -> Iterator[tuple[str, str, str]]:
    """Every (region code, metric, kind) the corpus reports, rolled up or not."""
    regions = {code for e in timeline.facts() for code in e.regions}
    tops = set()
    for code in regions:
        place = pl.region(code)
        tops.add(place.code)
        if rollup and place.parent is not None:
            tops.add(place.parent)
    for code in sorted(tops):
        for metric, kind, _ in timeline.metrics(code, rollup=rollup):
            yield code, metric, kind


def _cli_json(*args: str) -> dict[str, object]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["asof", *args, "--json", "--store", str(EVENTS)]) == 0
    data: dict[str, object] = json.loads(out.getvalue())
    return data


class _StatisticsTables(html.parser.HTMLParser):
    """Rows of the report's statistics tables, by the region section they are in."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[list[str]]] = {}
        self._section = ""
        self._in_heading = False
        self._table = False
        self._cells: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._in_heading, self._text = True, []
        elif tag == "table":
            self._table = ("class", "statistics") in attrs
        elif tag == "tr" and self._table:
            self._cells = []
        elif tag == "td" and self._cells is not None:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_heading = False
            self._section = "".join(self._text).split()[1]  # "name code ..."
        elif tag == "td" and self._cells is not None:
            self._cells.append("".join(self._text))
        elif tag == "tr" and self._cells is not None:
            if self._cells:
                self.rows.setdefault(self._section, []).append(self._cells)
            self._cells = None
        elif tag == "table":
            self._table = False

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def _report_rows(timeline: pl.Timeline, day: str, code: str | None) -> dict[str, list[list[str]]]:
    """The report's statistics rows: one region rolled up, or every region on its own."""
    parser = _StatisticsTables()
    page = render_report(timeline, on=day, region_name=code, picture=False, rollup=code is not None)
    parser.feed(page)
    return parser.rows


def _json_entry(regions: object, code: str, metric: str, kind: str) -> dict[str, object] | None:
    assert isinstance(regions, list)
    (region,) = [r for r in regions if r["code"] == code]
    found = [
        s for s in region["statistics"] if fold(s["metric"]) == fold(metric) and s["kind"] == kind
    ]
    return found[0] if found else None


def _same(answer: pl.Figure | pl.Refusal | None, entry: dict[str, object] | None) -> None:
    """A Python answer and the JSON route's entry say the same."""
    if answer is None:
        assert entry is None
    elif isinstance(answer, pl.Refusal):
        assert entry is not None
        assert (entry["value"], entry["refused"]) == (None, answer.reason)
    else:
        assert entry is not None
        assert (entry["value"], entry["unit"], entry["bound"]) == (
            answer.value,
            answer.unit,
            answer.bound,
        )
        coverage = entry["coverage"]
        if answer.coverage is None:
            assert coverage is None
        else:
            assert isinstance(coverage, dict)
            assert coverage["complete"] == answer.coverage.complete
            assert [p["region"] for p in coverage["reported"]] == [
                p.region for p in answer.coverage.parts
            ]
            assert [m["region"] for m in coverage["missing"]] == list(answer.coverage.missing)
        assert entry["sources"] == [s.id for s in answer.sources]
    if answer is not None and entry is not None:
        assert (entry["other"] is None) == (answer.other is None)
        unit = f" {answer.unit}" if isinstance(answer, pl.Figure) else ""
        covered = coverage_text(answer)
        assert entry["shown"] == f"{_value(answer)}{unit}" + (f": {covered}" if covered else "")


def _value(answer: pl.Figure | pl.Refusal) -> str:
    if isinstance(answer, pl.Refusal):
        return f"not added up: {answer.reason}"
    sign = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "about": "≈"}
    return sign[answer.bound] + f"{answer.value:g}"


def _same_row(answer: pl.Figure | pl.Refusal | None, rows: list[list[str]], metric: str) -> None:
    """A Python answer and the report's row for its statistic say the same."""
    found = (
        [r for r in rows if fold(r[0]) == fold(metric) and r[3] == answer.kind] if answer else []
    )
    if answer is None:
        return
    (row,) = found
    if isinstance(answer, pl.Refusal):
        assert row[1] == f"not added up: {answer.reason}"
    else:
        sign = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "about": "≈"}
        assert row[1].removeprefix(sign[answer.bound]) in (f"{answer.value:g}", str(answer.value))
        assert row[2] == answer.unit
    assert row[5] == coverage_text(answer)
    assert row[6] == ", ".join(s.id for s in answer.sources)


@pytest.mark.parametrize("rollup", [False, True], ids=["own", "rolled-up"])
@pytest.mark.parametrize("day", DATES)
def test_python_the_command_and_the_report_give_one_answer(
    timeline: pl.Timeline, day: str, rollup: bool
) -> None:
    """Every figure, or refusal, of every region and statistic matches on each route."""
    questions = list(_questions(timeline, rollup))
    assert len(questions) > 50
    state = timeline.as_of(day)
    by_region: dict[str, list[tuple[str, str]]] = {}
    for code, metric, kind in questions:
        by_region.setdefault(code, []).append((metric, kind))
    every = None if rollup else _cli_json(day)["regions"]
    whole_report = None if rollup else _report_rows(timeline, day, None)
    for code, asked in by_region.items():
        regions = _cli_json(day, "--region", code, "--rollup")["regions"] if rollup else every
        rows = (_report_rows(timeline, day, code) if rollup else whole_report or {}).get(code, [])
        place = state.region(code, rollup=rollup)
        for metric, kind in asked:
            answer = place.answer(metric, kind=kind)
            if not rollup and answer is None:
                continue  # a region without facts by the day is not listed at all
            _same(answer, _json_entry(regions, code, metric, kind))
            _same_row(answer, rows, metric)
            if isinstance(answer, pl.Refusal):
                with pytest.raises(IncompatibleFigures) as refused:
                    place.statistic(metric, kind=kind)
                assert refused.value.refusal == answer
            else:
                assert place.statistic(metric, kind=kind) == answer


@pytest.mark.parametrize("rollup", [False, True], ids=["own", "rolled-up"])
def test_the_plot_draws_what_the_states_answer(timeline: pl.Timeline, rollup: bool) -> None:
    """Each plotted series shows, on each date, the state's answer as of that date."""
    for code, metric, kind in _questions(timeline, rollup):
        (series,) = _series(timeline, code, [metric], rollup=rollup, known=None)
        assert series.kind == kind or not rollup
        for day in DATES:
            drawn = series.at(day_number(day))
            if rollup:
                expected = timeline.as_of(day).region(code, rollup=True).answer(metric, kind=kind)
                assert drawn == expected, (code, metric, day)
            elif drawn is not None:
                own = timeline.as_of(day).region(code).answer(metric, kind=series.kind)
                assert drawn == own, (code, metric, day)


def test_a_picture_carries_the_series_it_draws(timeline: pl.Timeline, tmp_path: Path) -> None:
    """What plot_timeline returns is what the data series above are."""
    picture = plot_timeline(
        timeline, "浙江", tmp_path / "zj.png", rollup=True, width=600, height=400
    )
    assert picture.series
    for series in picture.series:
        (again,) = _series(timeline, "330000", [series.metric], rollup=True, known=None)
        assert again == series


AWARD = "浙江省政府质量奖"


def test_the_zhejiang_award_count_is_one_answer_everywhere(
    timeline: pl.Timeline, tmp_path: Path
) -> None:
    """Zhejiang rolled up, 2021-09-15, 浙江省政府质量奖: at least 14 from every route (the
    count once differed by route: a refusal, a silent omission, a stale 5 and 14), with
    its coverage (Hangzhou 12 in 2021, Wenzhou 2 in 2010, 9 cities not reported) and the
    province's own older report of 5 beside it."""
    state = timeline.as_of("2021-09-15").region("浙江", rollup=True)
    figure = state.statistic(AWARD)
    assert figure is not None
    assert (figure.value, figure.bound) == (14, "at_least")
    assert figure.coverage is not None
    assert [(p.region, p.value) for p in figure.coverage.parts if isinstance(p, pl.Figure)] == [
        ("330100", 12),
        ("330300", 2),
    ]
    assert len(figure.coverage.missing) == 9
    assert isinstance(figure.other, pl.Figure)
    assert (figure.other.value, figure.other.region) == (5, "330000")
    shown = str(figure.coverage)
    assert shown.startswith("杭州市 12 家 (2021-09-15), 温州市 2 個 (2010-11-18/2010-12-31)")
    assert shown.endswith("9 of 11 cities not reported")
    tally = state.tally(AWARD)
    assert tally.value == figure.value + len(tally.events) == 14
    assert (tally.shown, tally.coverage) == ("≥14", figure.coverage)
    entry = _json_entry(
        _cli_json("2021-09-15", "--region", "浙江", "--rollup")["regions"], "330000", AWARD, "total"
    )
    assert entry is not None
    assert (entry["value"], entry["bound"]) == (14, "at_least")
    rows = _report_rows(timeline, "2021-09-15", "浙江")["330000"]
    (row,) = [r for r in rows if fold(r[0]) == fold(AWARD)]
    assert row[1] == "≥14"
    own = "003-zhejiang-first-provincial-quality-award-winners"
    assert row[5] == f"{shown}; also own report: 5 家 (2010-11-18) [{own}]"
    (series,) = _series(timeline, "330000", [AWARD], rollup=True, known=None)
    drawn = series.at(day_number("2021-09-15"))
    assert isinstance(drawn, pl.Figure)
    assert drawn.value == 14
    # The province's own 5; then 5 beside Wenzhou's sum of at least 2; then at least 14.
    figures = [a for a in series.answers if isinstance(a, pl.Figure)]
    assert [(a.shown, a.other is None) for a in figures] == [
        ("5 家", True),
        ("5 家", False),
        ("≥14 家", False),
    ]


def _cli(*args: str) -> dict[str, object]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*args, "--json", "--store", str(EVENTS)])
    data: dict[str, object] = json.loads(out.getvalue())
    return data


@pytest.mark.parametrize("rollup", [False, True], ids=["own", "rolled-up"])
def test_history_and_explain_json_give_the_states_answers(
    timeline: pl.Timeline, rollup: bool
) -> None:
    """``history --json`` lists exactly Timeline.history's answers, and ``explain --json``
    the figures the state answers for the statistics its words name, with the same bound,
    coverage and refusal as ``asof --json``."""
    flag = ["--rollup"] if rollup else []
    for code, metric, kind in _questions(timeline, rollup):
        history = _cli("history", code, metric, "--kind", kind, *flag)["history"]
        expected = timeline.history(code, metric, kind=kind, rollup=rollup)
        assert isinstance(history, list)
        assert len(history) == len(expected)
        for answer, entry in zip(expected, history, strict=True):
            _same(answer, entry)
    state = timeline.as_of("2021-09-15").region("浙江", rollup=True)
    explained = _cli("explain", "浙江", "质量奖", "--on", "2021-09-15", "--rollup")
    figures = explained["figures"]
    assert isinstance(figures, list)
    assert {f["metric"] for f in figures} >= {"浙江省政府质量奖", "中国质量奖提名奖"}
    for entry in figures:
        _same(state.answer(entry["metric"], kind=entry["kind"]), entry)
