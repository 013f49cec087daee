"""Pictures of a region's timeline, drawn with matplotlib: :func:`plot` returns a Figure
(or draws on axes of one's own); :func:`plot_timeline` writes a PNG, SVG or PDF file.

The top panel holds the events (:mod:`policyline._render.lanes`), the panels below the
statistics (:mod:`policyline._render.series`); labels never overlap
(:mod:`policyline._render.labels`). Labels are Chinese, so a CJK font is required
(:mod:`policyline._render.fonts` finds it).

matplotlib is imported here only, and only when a picture is drawn: ``import policyline``
stays light.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from policyline._dates import DateLike, day_number, day_text
from policyline._regions import region
from policyline._render.fonts import Font, find_cjk_font, missing_glyphs
from policyline._render.labels import place_labels
from policyline._render.lanes import LANES, draw_events, x_of
from policyline._render.series import Series, draw_statistic, legend, series_for, values
from policyline._results import Answers, Events
from policyline._selection import Selection
from policyline._timeline import Timeline
from policyline.errors import InvalidArgument, MissingExtra

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

__all__ = ["LANES", "Picture", "Series", "plot", "plot_timeline"]

FORMATS = (".png", ".svg", ".pdf")
"""The files a picture is written to, by suffix."""
After = Literal["hide", "grey"]


@attrs.frozen
class Drawing:
    """A picture drawn: its figure, the font used, the statistics and the event lanes
    drawn (top to bottom), and every label on it."""

    figure: Figure
    font: Font
    series: tuple[Series, ...]
    lanes: tuple[str, ...]
    labels: tuple[Annotation, ...]


@attrs.frozen
class Picture:
    """A picture written to ``path``, the font used, characters no font could draw, the
    statistics drawn, and the lanes of events drawn (top to bottom)."""

    path: Path
    font: Font
    missing_glyphs: str
    series: tuple[Series, ...] = ()
    lanes: tuple[str, ...] = ()


@contextmanager
def _style() -> Iterator[Font]:
    """matplotlib's settings while drawing and saving: the CJK font (given), text kept as
    text in SVG and embedded in PDF, and day numbers from 1970 on the date axis."""
    try:
        import matplotlib
    except ImportError:
        raise MissingExtra("matplotlib", "plot") from None
    font = find_cjk_font()
    with matplotlib.rc_context(
        {
            "font.family": [font.family, "DejaVu Sans"],
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "date.epoch": "1970-01-01T00:00:00",
        }
    ):
        yield font


def plot(
    timeline: Timeline,
    region_name: str,
    *,
    ax: Axes | Sequence[Axes] | None = None,
    statistics: Sequence[str] = (),
    rollup: bool = False,
    known: DateLike | None = None,
    on: DateLike | None = None,
    after: After = "hide",
    width: int = 1400,
    height: int = 800,
    dpi: int = 100,
) -> Figure:
    """A region's timeline as a matplotlib Figure: its events by kind and, below, its
    statistics as lines (save it as PNG, SVG or PDF with ``figure.savefig``).

    ``statistics`` names the statistics to draw (default: up to three reported more than
    once; none when ``ax`` is one Axes); ``rollup`` includes the regions below. With
    ``on``, a line marks that day, and what only began after it is left out
    (``after="hide"``) or drawn under a grey veil (``after="grey"``). ``ax`` draws on axes
    of one's own: one Axes for the events, or a sequence, the events' then one per
    statistic. Without it, a new figure of ``width`` x ``height`` pixels. Raises
    :class:`MissingFont` without a CJK font, :class:`MissingExtra` without matplotlib.
    """
    with _style() as font:
        return _draw(
            timeline,
            region_name,
            font,
            ax,
            statistics,
            rollup,
            known,
            on,
            after,
            (width, height, dpi),
        ).figure


def plot_timeline(
    timeline: Timeline,
    region_name: str,
    output: str | Path,
    *,
    statistics: Sequence[str] = (),
    rollup: bool = False,
    known: DateLike | None = None,
    on: DateLike | None = None,
    after: After = "hide",
    width: int = 1400,
    height: int = 800,
    dpi: int = 100,
) -> Picture:
    """Draw :func:`plot`'s picture to a ``.png``, ``.svg`` or ``.pdf`` file."""
    path = Path(output)
    if path.suffix.lower() not in FORMATS:
        raise InvalidArgument("output", path.name, "a file name ending in .png, .svg or .pdf")
    with _style() as font:
        from matplotlib import pyplot

        drawing = _draw(
            timeline,
            region_name,
            font,
            None,
            statistics,
            rollup,
            known,
            on,
            after,
            (width, height, dpi),
        )
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                drawing.figure.savefig(path, dpi=dpi)
        finally:
            pyplot.close(drawing.figure)
    missing = missing_glyphs(str(w.message) for w in caught)
    return Picture(path, font, missing, drawing.series, drawing.lanes)


def _draw(
    timeline: Timeline,
    region_name: str,
    font: Font,
    ax: Axes | Sequence[Axes] | None,
    statistics: Sequence[str],
    rollup: bool,
    known: DateLike | None,
    on: DateLike | None,
    after: After,
    size: tuple[int, int, int],
) -> Drawing:
    if after not in ("hide", "grey"):
        raise InvalidArgument("after", after, "'hide' or 'grey'")
    place = region(region_name)
    given = _given_axes(ax)
    if given is not None and len(given) == 1 and not statistics:
        series: list[Series] = []
    else:
        series = series_for(timeline, place.code, statistics, rollup=rollup, known=known)
    if given is not None and len(given) != 1 + len(series):
        raise InvalidArgument(
            "ax", f"{len(given)} axes", f"1 + {len(series)}: the events', then one a statistic"
        )
    events = timeline.select(Selection.of(region=place.code, subregions=rollup), known=known)
    day = None if on is None else day_number(on)
    if day is not None and after == "hide":  # what may have begun by the day stays
        events = Events(e for e in events if e.effective.earliest <= day)
        kept = [
            attrs.evolve(s, answers=Answers(a for a in s.answers if a.date.earliest <= day))
            for s in series
        ]
        series = [s for s in kept if s.answers]
    figure, axes = _axes(given, len(series), size)
    top = axes[0]
    lanes, event_points = draw_events(top, events)
    scope = "及下辖 and below" if rollup else ""
    top.set_title(f"{place.name} {place.english} {scope} — 时间线 timeline", loc="left")
    first, last = _span(events, day)
    end = x_of(last)
    value_points = [
        draw_statistic(panel, drawn, end) for panel, drawn in zip(axes[1:], series, strict=True)
    ]
    if series:
        legend(axes[-1])
    for panel in axes:
        panel.xaxis_date()
        if day is not None:
            _mark_day(panel, day, end, veil=after == "grey")
    top.set_xlim(x_of(first), end)
    if given is None:
        # Settle the layout, then keep it: the labels are measured in it.
        figure.draw_without_rendering()
        figure.set_layout_engine("none")
    labels = [*_as_of_label(top, day)]
    taken = [label.get_window_extent() for label in labels]
    labels += place_labels(top, event_points, taken=taken, fontsize=7)
    for panel, points in zip(axes[1:], value_points, strict=True):
        legend_box = panel.get_legend()
        boxes = [legend_box.get_window_extent()] if legend_box is not None else []
        labels += place_labels(panel, points, join=values, taken=boxes, fontsize=7)
    return Drawing(figure, font, tuple(series), lanes, tuple(labels))


def _given_axes(ax: Axes | Sequence[Axes] | None) -> list[Axes] | None:
    if ax is None:
        return None
    return list(ax) if isinstance(ax, Sequence) else [ax]


def _axes(
    given: list[Axes] | None, statistics: int, size: tuple[int, int, int]
) -> tuple[Figure, list[Axes]]:
    """The axes to draw on: the caller's, or a new figure's (events on top, 3:1)."""
    if given is not None:
        figure: Any = given[0].figure
        return figure, given
    from matplotlib import pyplot

    width, height, dpi = size
    figure = pyplot.figure(figsize=(width / dpi, height / dpi), dpi=dpi, layout="constrained")
    grid = figure.add_gridspec(1 + statistics, 1, height_ratios=[3] + [1] * statistics)
    top = figure.add_subplot(grid[0])
    return figure, [
        top,
        *(figure.add_subplot(grid[row], sharex=top) for row in range(1, 1 + statistics)),
    ]


def _span(events: Sequence[Any], day: int | None) -> tuple[int, int]:
    """The days the picture spans: its events' (and the as-of day), with a margin."""
    days = [d for e in events for d in (e.effective.earliest, e.effective.latest)]
    today = dt.date.today().toordinal()
    first, last = min(days, default=today), max(days, default=today)
    if day is not None:
        first, last = min(first, day), max(last, day)
    margin = max((last - first) // 20, 60)
    return first - margin, last + margin


def _as_of_label(top: Axes, day: int | None) -> list[Annotation]:
    """ "as of DAY" by the day's line, on the side with room (left of it near the end)."""
    if day is None:
        return []
    low, high = top.get_xlim()
    left = x_of(day) > (low + high) / 2
    label = top.annotate(
        f"as of {day_text(day)}",
        (x_of(day + 1), 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-3 if left else 3, -12),
        textcoords="offset points",
        ha="right" if left else "left",
        fontsize=8,
        color="C3",
        zorder=6,  # above the veil
    )
    label.set_in_layout(False)
    return [label]


def _mark_day(axes: Axes, day: int, end: float, *, veil: bool) -> None:
    """The as-of day as a line; with ``veil``, what comes after it greyed over."""
    axes.axvline(x_of(day + 1), color="C3", lw=1.2, ls=":")
    if veil:
        axes.axvspan(x_of(day + 1), end, color="white", alpha=0.65, zorder=5)
