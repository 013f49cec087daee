"""One output convention: ``--format table|json|jsonl|csv`` on every command that prints
data, the old flags as its aliases, and what a program reads equal to the Python API."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline._cli.main import main
from policyline._render.text import NARROWEST, table, width
from tests.bad_input import line

EVENTS = str(Path(__file__).resolve().parent.parent / "events")

COMMANDS = {
    "asof": ["asof", "2021-09-15", "--region", "浙江", "--rollup"],
    "history": ["history", "温州", "中国名牌"],
    "diff": ["diff", "2009", "2011", "--region", "瑞安"],
    "timeline": ["timeline", "--region", "瑞安"],
    "regions": ["regions"],
    "statistics": ["statistics", "温州"],
    "validate": ["validate", EVENTS],
    "explain": ["explain", "浙江", "浙江省政府质量奖", "--on", "2021-09-15", "--rollup"],
}


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(list(args))
    return status, out.getvalue()


def _parsed(format: str, text: str) -> Any:
    """What a program reads: JSON, each JSON line, or the CSV rows."""
    if format == "json":
        return json.loads(text)
    if format == "jsonl":
        return [json.loads(row) for row in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def corpus() -> pl.Timeline:
    return pl.load(EVENTS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("format", ["table", "json", "jsonl", "csv"])
def test_every_data_command_takes_every_format(command: str, format: str) -> None:
    """Each format exits 0 and what a program reads parses; table output is text."""
    args = COMMANDS[command]
    store = [] if command == "validate" else ["--store", EVENTS]
    status, text = _run(*args, *store, "--format", format)
    assert status == 0, text
    if command == "validate" and format in ("jsonl", "csv"):
        assert len(_parsed(format, text)) == 0  # one row a problem, and there is none
        return
    assert text.strip()
    if format != "table":
        assert _parsed(format, text)


@pytest.mark.parametrize(
    ("command", "alias"),
    [("asof", "json"), ("history", "json"), ("history", "csv"), ("timeline", "jsonl")],
)
def test_the_old_flags_are_the_same_as_format(command: str, alias: str) -> None:
    """--json, --csv and --jsonl print exactly what --format json, csv, jsonl print."""
    args = [*COMMANDS[command], "--store", EVENTS]
    assert _run(*args, f"--{alias}") == _run(*args, "--format", alias)


def test_machine_formats_say_what_the_python_api_says(corpus: pl.Timeline) -> None:
    """history's rows are its figures; regions count the standing facts; statistics are
    the region's metrics."""
    _, text = _run("history", "温州", "中国名牌", "--store", EVENTS, "--format", "jsonl")
    rows = _parsed("jsonl", text)
    history = corpus.history("温州", "中国名牌")
    assert [r["value"] for r in rows] == [getattr(a, "value", None) for a in history]
    _, text = _run("regions", "--store", EVENTS, "--format", "csv")
    counted = Counter(e.region for e in corpus.facts())
    assert {r["region_code"]: int(r["facts"]) for r in _parsed("csv", text)} == dict(counted)
    _, text = _run("statistics", "温州", "--store", EVENTS, "--format", "json")
    found = [(r["metric"], r["kind"], r["reports"]) for r in _parsed("json", text)]
    assert found == [tuple(row) for row in corpus.metrics("330300")]


def test_explain_rows_are_its_evidence(corpus: pl.Timeline) -> None:
    """explain --format jsonl: a row per certain and possible event and per figure, the
    figure's number, bound and coverage as the state answers them."""
    args = ["explain", "浙江", "浙江省政府质量奖", "--on", "2021-09-15", "--rollup"]
    status, text = _run(*args, "--store", EVENTS, "--format", "jsonl")
    assert status == 0
    rows = _parsed("jsonl", text)
    explanation = corpus.as_of("2021-09-15").explain("浙江", "浙江省政府质量奖", rollup=True)
    assert [r["event_id"] for r in rows if r["evidence"] == "certain"] == [
        e.id for e in explanation.certain
    ]
    assert [r["event_id"] for r in rows if r["evidence"] == "possible"] == [
        e.id for e in explanation.possible
    ]
    (figure,) = [r for r in rows if r["evidence"] == "figure"]
    answer = explanation.figures[0]
    assert isinstance(answer, pl.Figure)
    assert (figure["value"], figure["bound"]) == (answer.value, answer.bound)
    assert figure["coverage"].startswith(str(answer.coverage))  # then the other claim
    assert all(r["holds"] is True for r in rows)
    assert explanation.table().records() == rows


def test_validate_reports_problems_to_a_program(tmp_path: Path) -> None:
    """validate --format json: ok, the number of events, each problem located; exit 1."""
    path = tmp_path / "bad.jsonl"
    path.write_text(line(id="a") + "\n" + line(id="b", region="999999") + "\n")
    status, text = _run("validate", str(path), "--format", "json")
    assert status == 1
    report = json.loads(text)
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert (problem["file"], problem["line"], problem["path"]) == (str(path), 2, "$.region")


CELLS = st.text(alphabet=st.sampled_from("ab质量奖浙江 ,.≥0123456789"), max_size=30)


@given(
    st.lists(st.tuples(CELLS, CELLS, st.integers(-(10**6), 10**6)), min_size=1, max_size=8),
    st.integers(20, 120),
)
def test_tables_fit_the_terminal_and_right_align_numbers(
    rows: list[tuple[str, str, int]], columns: int
) -> None:
    """Every line fits in the terminal's width, unless every cut-able column is already
    at its narrowest; a column of numbers ends at one column in every row."""
    text = table(["name", "place", "count"], [[a, b, str(n)] for a, b, n in rows], fit=columns)
    lines = text.splitlines()
    widest = max(map(width, lines))
    if widest > columns:
        header = lines[0]
        assert all(width(part) <= NARROWEST for part in header.split("  ")[:2] if part)
    ends = {width(line) for line in lines[2:]}
    assert len(ends) == 1  # the numbers, last and right-aligned, end together
