"""Pictures as a library: ``pl.plot`` returns a Figure or draws on one's own axes; labels
never overlap, even on the corpus's densest regions; a cluster lists what it groups;
carried-forward values and bounds look different from exact reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline.errors import InvalidArgument
from policyline.testing.strategies import facts
from tests.test_plot import _cjk_font_or_skip

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(ROOT / "events")


@pytest.fixture(autouse=True)
def _closed() -> Iterator[None]:
    """Every figure drawn by a test is closed after it."""
    from matplotlib import pyplot

    yield
    pyplot.close("all")


def _label_boxes(figure: Any) -> list[Any]:
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    return [text.get_window_extent(renderer) for ax in figure.axes for text in ax.texts]


def _overlapping(figure: Any) -> list[tuple[Any, Any]]:
    return [(a, b) for a, b in combinations(_label_boxes(figure), 2) if a.overlaps(b)]


@pytest.mark.parametrize(
    ("place", "rollup"),
    [("浙江", True), ("杭州", True), ("温州", False), ("温州", True), ("浙江", False)],
)
def test_no_two_labels_overlap_on_the_densest_regions(
    timeline: pl.Timeline, place: str, rollup: bool
) -> None:
    """Every label box (events, values, the as-of mark), on every panel, meets no other."""
    _cjk_font_or_skip()
    for size in ((1400, 800), (900, 600)):
        figure = pl.plot(
            timeline, place, rollup=rollup, on="2020-09-30", width=size[0], height=size[1]
        )
        assert _label_boxes(figure)
        assert _overlapping(figure) == []


@settings(max_examples=15, deadline=None)
@given(st.lists(facts(codes=("330100",)), min_size=1, max_size=60), st.integers(1, 40))
def test_no_two_labels_overlap_whatever_the_events(events: list[pl.Event], days: int) -> None:
    """Facts of any kinds crowded into a few weeks: still no overlap."""
    _cjk_font_or_skip()
    start = dt.date(2005, 1, 1).toordinal()
    crowded = [_moved(e, f"e{n}", start + n % days) for n, e in enumerate(events)]
    figure = pl.plot(pl.Timeline(crowded), "杭州")
    assert _overlapping(figure) == []
    from matplotlib import pyplot

    pyplot.close(figure)


def _moved(event: pl.Event, event_id: str, day: int) -> pl.Event:
    import attrs

    when = pl.ImpreciseDate.parse(dt.date.fromordinal(day).isoformat())
    return attrs.evolve(event, id=event_id, effective=when)


def test_a_dense_cluster_lists_what_it_groups() -> None:
    """Thirty awards on one day get one label: how many, and the first recipients."""
    _cjk_font_or_skip()
    awards = [
        pl.AwardGranted(
            id=f"a{n:02d}",
            region="330100",
            effective=pl.ImpreciseDate.parse("2010-05-01"),
            recorded=pl.ImpreciseDate.parse("2010-05-02"),
            source=pl.Source(document="test.txt", quote="q"),
            award="质量奖",
            recipient=f"企业{n:02d}",
        )
        for n in range(30)
    ]
    figure = pl.plot(pl.Timeline(awards), "杭州")
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert len(texts) == 1
    assert texts[0].startswith("[30] 质量奖: 企业00 · 质量奖: 企业01 · 质量奖: 企业02 +27")


def test_plot_returns_a_figure_and_draws_on_given_axes(timeline: pl.Timeline) -> None:
    """Without ``ax``: a new figure, events on top, one panel a statistic. With one Axes:
    the events on it, no statistics; with a list: the events then each statistic."""
    _cjk_font_or_skip()
    from matplotlib.figure import Figure

    own = pl.plot(timeline, "温州", statistics=["采标率"])
    assert isinstance(own, Figure)
    assert len(own.axes) == 2
    mine = Figure(figsize=(8, 6))
    events, values = mine.subplots(2)
    assert pl.plot(timeline, "温州", ax=events) is mine
    assert events.get_yticklabels()
    assert not values.lines
    assert pl.plot(timeline, "温州", ax=[events, values], statistics=["采标率"]) is mine
    assert values.lines
    assert "温州市" in values.get_title(loc="left")
    with pytest.raises(InvalidArgument, match="ax"):
        pl.plot(timeline, "温州", ax=[events], statistics=["采标率"])


def test_carried_forward_and_bounds_look_different_from_reports(timeline: pl.Timeline) -> None:
    """Wenzhou's rate: 40 reported (a filled dot) and carried forward for 16 years as a
    dotted line; ≥85 reported as a lower bound (an upward triangle over a band)."""
    _cjk_font_or_skip()
    figure = pl.plot(timeline, "温州", statistics=["采标率"])
    panel = figure.axes[1]
    reported = {
        line.get_gid(): line for line in panel.lines if str(line.get_gid()).startswith("reported")
    }
    assert reported["reported-exact"].get_marker() == "o"
    assert reported["reported-at_least"].get_marker() == "^"
    carried = [c for c in panel.collections if c.get_gid() == "carried"]
    assert carried
    for line in carried:
        ((_, dashes),) = line.get_linestyle()  # type: ignore[misc, str-unpack]
        assert dashes is not None  # dotted, never solid like a report
    assert [c for c in panel.collections if c.get_gid() == "bound"]
    labels = {t.get_text() for t in panel.texts}
    assert {"40", "≥85"} <= labels


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_pictures_are_written_as_png_svg_with_text_and_pdf_with_fonts(
    timeline: pl.Timeline, tmp_path: Path, suffix: str
) -> None:
    """SVG keeps its text as text (温州 is searchable); PDF embeds its font."""
    _cjk_font_or_skip()
    from policyline._render.plot import plot_timeline

    path = tmp_path / f"w{suffix}"
    plot_timeline(timeline, "温州", path)
    data = path.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
    elif suffix == ".svg":
        text = data.decode("utf-8")
        assert "<text" in text
        assert "温州" in text
    else:
        assert data.startswith(b"%PDF")
        assert b"/FontFile2" in data
