"""What a notebook or a REPL shows of each result: a short ``repr`` that says what it is
(the known date included where there is one) and HTML that is well formed, escapes the
data and shows long lists only in part."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import policyline as pl
from policyline._render.notebook import ROWS

EVENTS = Path(__file__).resolve().parent.parent / "events"
VOID = {"br", "meta", "img", "hr"}


class _Balance(HTMLParser):
    """Checks every tag is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, tag
        assert self.open[-1] == tag, (self.open, tag)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html_text(html: str) -> str:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return "".join(parser.text)


@pytest.fixture(scope="module")
def corpus() -> pl.Timeline:
    return pl.load(EVENTS)


def _results(corpus: pl.Timeline) -> list[object]:
    state = corpus.as_of("2021-09-15", known="2021-12-31")
    hangzhou = state.region("杭州")
    return [
        corpus,
        state,
        hangzhou,
        state.region("浙江", rollup=True),
        hangzhou.statistic("首席质量官平台成员单位"),
        state.region("浙江", rollup=True).answer("规模以上企业重点产品采标率"),
        hangzhou.tally("浙江省政府质量奖"),
        corpus.diff("2020", "2021", region="杭州"),
        state.explain("杭州", "首席质量官"),
        corpus.history("杭州", "首席质量官平台成员单位"),
        corpus.facts(),
        corpus.statistics_as_of(["2010", "2021"]),
    ]


def test_every_result_has_a_short_repr_and_well_formed_html(corpus: pl.Timeline) -> None:
    """Each repr fits on a line or two; each HTML parses with every tag closed."""
    for result in _results(corpus):
        shown = repr(result)
        assert len(shown) <= 240, shown
        assert "\n" not in shown
        _html_text(result._repr_html_())  # type: ignore[attr-defined]


def test_the_known_date_is_shown_where_there_is_one(corpus: pl.Timeline) -> None:
    """A state, a region's state and an explanation asked with a known date say it."""
    state = corpus.as_of("2021-09-15", known="2021-12-31")
    for result in (state, state.region("杭州"), state.explain("杭州", "首席质量官")):
        assert "known 2021-12-31" in repr(result)
        assert "known 2021-12-31" in _html_text(result._repr_html_())
    assert "known" not in repr(corpus.as_of("2021-09-15"))


def test_figures_say_their_region_statistic_and_bound(corpus: pl.Timeline) -> None:
    """A figure's repr is the line every route prints, with region and statistic."""
    figure = corpus.as_of("2021-09-15").region("浙江", rollup=True).statistic("浙江省政府质量奖")
    assert repr(figure).startswith("<Figure 浙江省政府质量奖 in 浙江省: ≥14 家")
    assert "≥14 家" in _html_text(figure._repr_html_())  # type: ignore[union-attr]


def test_html_escapes_the_data_and_shows_long_lists_in_part() -> None:
    """Markup in an event is text, not markup; a long list shows its first rows and says
    how many more there are."""
    source = pl.Source("t.txt", "<b>q</b>")
    events = [
        pl.ProgramLaunched(
            id=f"p{i:02}",
            region="330100",
            effective="2020",
            recorded="2021",
            source=source,
            name="<script>alert(1)</script>",
        )
        for i in range(ROWS + 5)
    ]
    timeline = pl.Timeline(events)
    html = timeline._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    text = _html_text(html)
    assert "… and 5 more" in text
    assert "p00" in text
    assert f"p{ROWS + 4:02}" not in text
    region_html = timeline.as_of("2021").region("杭州")._repr_html_()
    assert "<script>" not in region_html
    assert "<script>alert(1)</script>" in _html_text(region_html)
