"""Pictures of a region's timeline, drawn with matplotlib (Agg, no display needed).

The top panel has one lane per kind of event; an event known to the day is a marker, an
event known only to a month, a year or an interval is a bar from its earliest to its
latest day, so an imprecise date never looks more precise than it is. Policies with a
validity window show it as a faint bar. Below, each statistic is a step line: its value
holds from one report to the next; an imprecisely dated report is a shaded span.

Labels are Chinese, so a CJK font is required (:mod:`policyline._render.fonts` finds it).

matplotlib is imported here only, and only when a picture is drawn: ``import policyline``
stays light.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from policyline._dates import ImpreciseDate, day_number, day_text
from policyline._events import Event, label
from policyline._figures import Answer, Figure, Refusal
from policyline._hanzi import fold
from policyline._regions import region
from policyline._render.cells import coverage_text, value_text
from policyline._render.fonts import Font, find_cjk_font, missing_glyphs
from policyline._results import Answers, Events
from policyline._selection import Selection
from policyline._timeline import Timeline
from policyline.errors import InvalidArgument, MissingExtra, UnknownStatistic

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LANES: tuple[tuple[str, str], ...] = (
    ("PolicyIssued", "政策 policy"),
    ("PolicyRepealed", "废止 repeal"),
    ("ProgramLaunched", "行动 programme"),
    ("PlatformLaunched", "平台 platform"),
    ("DesignationGranted", "称号 designation"),
    ("AwardGranted", "获奖 award"),
    ("AwardNominated", "提名 nomination"),
    ("CQOAppointed", "首席质量官 CQO"),
    ("AgreementSigned", "协议 agreement"),
    ("StatisticReported", "统计 statistic"),
)
"""The event lanes, top to bottom: type name and the lane's label (a picture draws only
the lanes of the kinds it has)."""
_KIND = {name: number for number, (name, _) in enumerate(LANES)}

_MARKERS = "osDv^<>ph*"
MAX_LABELLED = 60
"""Events are labelled with their text when a picture holds at most this many."""
MAX_STATISTICS = 3
"""Statistics drawn when none is asked for: the most often reported ones."""


@attrs.frozen
class Series:
    """One statistic drawn: its name and kind, and the figures (or refusals) drawn, each
    from the day it became certain (``Timeline.history`` gives them)."""

    metric: str
    kind: str
    answers: tuple[Answer, ...]

    def at(self, day: int) -> Answer | None:
        """What the line shows on day number ``day`` (None before its first point)."""
        shown = None
        for answer in self.answers:
            if answer.date.latest <= day:
                shown = answer
        return shown


@attrs.frozen
class Picture:
    """A picture written to ``path``, the font used, characters no font could draw, the
    statistics drawn, and the lanes of events drawn (top to bottom)."""

    path: Path
    font: Font
    missing_glyphs: str
    series: tuple[Series, ...] = ()
    lanes: tuple[str, ...] = ()


_EPOCH = dt.date(1970, 1, 1).toordinal()
"""Day 0 of matplotlib's date numbers (``date.epoch`` is set to it while drawing)."""


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _x(ordinal: int) -> float:
    """The x coordinate of a day number on a matplotlib date axis."""
    return float(ordinal - _EPOCH)


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _draw_events(axes: Axes, events: Sequence[Event]) -> tuple[str, ...]:
    """Draw the events, one lane per kind present; return the lanes' names."""
    present = {event.type_name for event in events}
    shown = [lane for lane in LANES if lane[0] in present] or list(LANES[:1])  # no empty lanes
    lanes = {name: i for i, (name, _) in enumerate(shown)}
    labelled = len(events) <= MAX_LABELLED
    together = Counter((e.type_name, e.effective) for e in events)
    written: set[tuple[str, object]] = set()
    for event in events:
        lane = lanes.get(event.type_name)
        if lane is None:
            continue
        y = len(shown) - 1 - lane
        kind = _KIND[event.type_name]  # a kind keeps its colour and marker in every picture
        color = f"C{kind % 10}"
        first, last = event.effective.earliest, event.effective.latest
        start = _x(first)
        if first == last:
            axes.plot([start], [y], marker=_MARKERS[kind % len(_MARKERS)], color=color, ms=7)
        else:
            end = _x(last + 1)
            axes.broken_barh([(start, end - start)], (y - 0.18, 0.36), color=color, alpha=0.55)
        validity = getattr(event, "validity", None)
        if validity is not None:
            v_start = _x(validity.earliest)
            v_end = _x(validity.latest + 1)
            axes.broken_barh(
                [(v_start, v_end - v_start)], (y - 0.06, 0.12), color=color, alpha=0.15
            )
        key = (event.type_name, event.effective)
        if labelled and key not in written:
            written.add(key)
            more = together[key] - 1
            text = _short(label(event)) + (f" (+{more})" if more else "")
            axes.annotate(
                text,
                (start, y),
                xytext=(3, 6 + 9 * (len(written) % 2)),
                textcoords="offset points",
                fontsize=7,
                rotation=15,
            )
    axes.set_yticks(range(len(shown)), [name for _, name in reversed(shown)])
    axes.set_ylim(-0.7, len(shown) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    return tuple(name for _, name in shown)


def _draw_statistic(axes: Axes, series: Series, end: float) -> None:
    """A step line through the figures; a refused stretch is a gap, labelled with why."""
    figures = [a for a in series.answers if isinstance(a, Figure)]
    for answer, following in zip(series.answers, [*series.answers[1:], None], strict=True):
        start = _x(answer.date.latest)
        stop = end if following is None else _x(following.date.latest)
        if isinstance(answer, Refusal):
            axes.axvspan(start, stop, color="0.85", alpha=0.5)
            axes.annotate(
                _short(answer.shown, 40),
                (start, 0.5),
                xycoords=("data", "axes fraction"),
                fontsize=7,
            )
            continue
        # A bound (a sum over children that did not all report, ≥85 …) is dashed.
        style: Literal["-", "--"] = "-" if answer.bound == "exact" else "--"
        axes.hlines(answer.value, start, stop, color="C0", linestyles=style)
        if following is not None and isinstance(following, Figure):
            axes.vlines(stop, answer.value, following.value, color="C0", linestyles=style)
        axes.plot([start], [answer.value], "o", color="C0", ms=4)
        axes.annotate(
            value_text(answer),
            (start, answer.value),
            xytext=(3, 4),
            textcoords="offset points",
            fontsize=7,
        )
        if not answer.date.is_exact:
            _shade(axes, answer.date, answer.value)
    unit = figures[0].unit if figures else ""
    axes.set_ylabel(unit, fontsize=8)
    if series.kind != "rate":  # totals and increments count things: whole-number ticks
        from matplotlib.ticker import MaxNLocator

        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    place = region(series.answers[0].region).name if series.answers else ""
    axes.set_title(f"{place}: {series.metric} ({series.kind})", fontsize=9, loc="left")
    covered = coverage_text(series.answers[-1]) if series.answers else ""
    if covered:
        # The latest figure's coverage, whole: a bound without it would hide who reported.
        axes.set_title(textwrap.fill(f"latest: {covered}", 110), fontsize=7, loc="right")
    axes.grid(alpha=0.3)


def _shade(axes: Axes, date: ImpreciseDate, value: float) -> None:
    start, stop = _x(date.earliest), _x(date.latest + 1)
    axes.axvspan(start, stop, color="C0", alpha=0.12)
    axes.hlines(value, start, stop, color="C0", lw=3, alpha=0.5)


def _series(
    timeline: Timeline,
    code: str,
    names: Sequence[str],
    *,
    rollup: bool,
    known: str | dt.date | ImpreciseDate | None,
) -> list[Series]:
    """The statistics to draw, each as ``Timeline.history`` gives it (rolled up or not)."""
    reported = timeline.metrics(code, rollup=rollup, known=known)
    if names:
        chosen = []
        for name in names:
            kinds = [(m, k) for m, k, _ in reported if fold(m) == fold(name)]
            if not kinds:
                raise UnknownStatistic(name, region(code).name, sorted({m for m, _, _ in reported}))
            chosen.append(kinds[0])
    else:
        chosen = [(m, k) for m, k, n in reported if n > 1][:MAX_STATISTICS]
    drawn = []
    for metric, kind in chosen:
        answers = timeline.history(code, metric, kind=kind, rollup=rollup, known=known)
        if answers:
            drawn.append(Series(metric, kind, answers))
    return drawn


def plot_timeline(
    timeline: Timeline,
    region_name: str,
    output: str | Path,
    *,
    statistics: Sequence[str] = (),
    rollup: bool = False,
    known: str | dt.date | ImpreciseDate | None = None,
    on: str | dt.date | ImpreciseDate | None = None,
    after: Literal["hide", "grey"] = "hide",
    width: int = 1400,
    height: int = 800,
    dpi: int = 100,
) -> Picture:
    """Draw a region's timeline (and statistics) to a ``.png`` or ``.svg`` file.

    ``statistics`` names the statistics to draw as step lines (default: up to three
    reported more than once); ``rollup`` includes the regions below. With ``on``, a line
    marks that day, and what only began after it is left out (``after="hide"``) or drawn
    under a grey veil (``after="grey"``). The picture is ``width`` x ``height`` pixels.
    Raises :class:`MissingFont` without a CJK font.
    """
    try:
        import matplotlib
    except ImportError:
        raise MissingExtra("matplotlib", "plot") from None
    matplotlib.use("Agg")
    from matplotlib import pyplot

    path = Path(output)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InvalidArgument("output", path.name, "a file name ending in .png or .svg")
    place = region(region_name)
    font = find_cjk_font()
    if after not in ("hide", "grey"):
        raise InvalidArgument("after", after, "'hide' or 'grey'")
    events = timeline.select(Selection.of(region=place.code, subregions=rollup), known=known)
    series = _series(timeline, place.code, statistics, rollup=rollup, known=known)
    day = None if on is None else day_number(on)
    if day is not None and after == "hide":  # what may have begun by the day stays
        events = Events(e for e in events if e.effective.earliest <= day)
        series = [
            Series(s.metric, s.kind, Answers(a for a in s.answers if a.date.earliest <= day))
            for s in series
        ]
        series = [s for s in series if s.answers]
    days = [d for e in events for d in (e.effective.earliest, e.effective.latest)]
    today = dt.date.today().toordinal()
    first, last = min(days, default=today), max(days, default=today)
    if day is not None:
        first, last = min(first, day), max(last, day)
    margin = max((last - first) // 20, 60)
    with matplotlib.rc_context(
        {
            "font.family": [font.family, "DejaVu Sans"],
            "svg.fonttype": "path",
            "date.epoch": "1970-01-01T00:00:00",
        }
    ):
        figure = pyplot.figure(figsize=(width / dpi, height / dpi), dpi=dpi, layout="constrained")
        try:
            grid = figure.add_gridspec(1 + len(series), 1, height_ratios=[3] + [1] * len(series))
            top = figure.add_subplot(grid[0])
            lanes = _draw_events(top, events)
            scope = "及下辖 and below" if rollup else ""
            top.set_title(f"{place.name} {place.english} {scope} — 时间线 timeline", loc="left")
            for row, drawn in enumerate(series, start=1):
                _draw_statistic(figure.add_subplot(grid[row], sharex=top), drawn, _x(last + margin))
            for axes in figure.axes:
                axes.xaxis_date()
                if day is not None:
                    _mark_day(axes, day, _x(last + margin), veil=after == "grey")
            if day is not None:
                top.annotate(
                    f"as of {day_text(day)}",
                    (_x(day), 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(3, -12),
                    textcoords="offset points",
                    fontsize=8,
                    color="C3",
                    zorder=6,  # above the veil
                )
            top.set_xlim(_x(first - margin), _x(last + margin))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                figure.savefig(path, dpi=dpi)
        finally:
            pyplot.close(figure)
    missing = missing_glyphs(str(w.message) for w in caught)
    return Picture(path, font, missing, tuple(series), lanes)


def _mark_day(axes: Axes, day: int, end: float, *, veil: bool) -> None:
    """The as-of day as a line; with ``veil``, what comes after it greyed over."""
    axes.axvline(_x(day + 1), color="C3", lw=1.2, ls=":")
    if veil:
        axes.axvspan(_x(day + 1), end, color="white", alpha=0.65, zorder=5)
