"""The README's pandas and DuckDB examples, run as a notebook would run them, against the
corpus: every number they produce is the Python API's."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import policyline as pl
from policyline._render.cells import shown_text

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("duckdb")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


def _notebook(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The namespace after running the README section's Python cells in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## With pandas, DuckDB and SQL")
    section = text[start : text.index("\n## ", start + 1)]
    cells = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert cells
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    for number, cell in enumerate(cells, start=1):
        exec(compile(cell, f"README pandas cell {number}", "exec"), namespace)
    return namespace


def test_the_dataframes_and_sql_answer_what_the_python_api_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cells = _notebook(monkeypatch)
    corpus = pl.load(ROOT / "events")
    reports = corpus.select(pl.Selection.of(region="温州", subregions=False))
    assert len(cells["wenzhou"]) == sum(isinstance(e, pl.StatisticReported) for e in reports)
    assert list(cells["wenzhou"].value) == [
        e.value for e in reports if isinstance(e, pl.StatisticReported)
    ]
    figure = corpus.as_of("2021-09-15").region("浙江", rollup=True).statistic("浙江省政府质量奖")
    assert figure is not None
    award = cells["award"]
    assert (award.value, award.bound) == (figure.value, figure.bound)
    assert award.shown == shown_text(figure)  # the line every route prints
    assert award.shown.startswith(figure.shown)
    counts = Counter(
        pl.region(e.region).name for e in corpus.facts() if isinstance(e, pl.StatisticReported)
    )
    ((name, reports_there),) = cells["busiest"]
    assert (name, reports_there) == counts.most_common(1)[0]
    assert dict(cells["by_type"]) == Counter(e.type_name for e in corpus.events)
