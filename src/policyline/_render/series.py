"""The statistic panels: each statistic a line through its figures, as
``Timeline.history`` gives them.

A figure is drawn where it was reported, by its bound: a filled dot for an exact figure,
an upward triangle over a faint band for a lower bound (``≥85``, ``>85``, a sum over
regions that did not all report), a downward one for an upper bound, a hollow dot for
``about``. Between two reports the last value is carried forward as a thin dotted line,
so a value held for years never looks reported. An imprecisely dated report is a shaded
span; a refused stretch is a grey gap labelled with why.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from policyline._dates import DateLike, ImpreciseDate
from policyline._figures import Answer, Figure, Refusal
from policyline._metrics import reported_history
from policyline._regions import region
from policyline._render.cells import coverage_text, value_text
from policyline._render.labels import Point
from policyline._render.lanes import short, x_of
from policyline._results import Answers
from policyline._timeline import Timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MAX_STATISTICS = 3
"""Statistics drawn when none is asked for: the most often reported ones."""
LOWER = ("at_least", "more_than")
"""Bounds that say the true value is this or more."""
_STYLE = {"exact": "o", "at_least": "^", "more_than": "^", "at_most": "v", "about": "o"}


@attrs.frozen
class Series:
    """One statistic drawn: its name and kind, and the figures (or refusals) drawn, each
    from the day it became certain (``Timeline.history`` gives them)."""

    metric: str
    kind: str
    answers: tuple[Answer, ...]
    rolled_up: bool = False

    def at(self, day: int) -> Answer | None:
        """What the line shows on day number ``day`` (None before its first point)."""
        shown = None
        for answer in self.answers:
            if answer.date.latest <= day:
                shown = answer
        return shown


def series_for(
    timeline: Timeline,
    code: str,
    names: Sequence[str],
    *,
    rollup: bool,
    known: DateLike | None,
) -> list[Series]:
    """The statistics to draw, each as ``Timeline.history`` gives it (rolled up or not):
    those ``names`` name (by words, as everywhere), or up to three reported more than once.
    """
    if not names:
        reported = timeline.metrics(code, rollup=rollup, known=known)
        chosen = [(m, k) for m, k, n in reported if n > 1][:MAX_STATISTICS]
        histories = [
            Series(m, k, timeline.history(code, m, kind=k, rollup=rollup, known=known), rollup)
            for m, k in chosen
        ]
        return [s for s in histories if s.answers]
    drawn = []
    for name in names:
        answers = reported_history(timeline, code, name, rollup=rollup, known=known)
        for kind in dict.fromkeys(a.kind for a in answers):
            mine = Answers(a for a in answers if a.kind == kind)
            drawn.append(Series(mine[0].metric, kind, mine, rollup))
    return drawn


def draw_statistic(axes: Axes, series: Series, end: float) -> list[Point]:
    """Draw one statistic; return the points to label with their values."""
    figures = [a for a in series.answers if isinstance(a, Figure)]
    top = max((f.value for f in figures), default=1.0) * 1.25 or 1.0
    bottom = min([0.0, *(f.value * 1.25 for f in figures)])
    points: list[Point] = []
    for answer, following in zip(series.answers, [*series.answers[1:], None], strict=True):
        start = x_of(answer.date.latest)
        stop = end if following is None else x_of(following.date.latest)
        if isinstance(answer, Refusal):
            axes.axvspan(start, stop, color="0.85", alpha=0.5)
            points.append(Point(start, top * 0.5, short(answer.shown, 40)))
            continue
        value = answer.value
        # The value carried forward until the next report: thin, dotted, faint.
        axes.hlines(value, start, stop, color="C0", linestyles=":", lw=1, alpha=0.7, gid="carried")
        if isinstance(following, Figure):
            axes.vlines(stop, value, following.value, color="C0", lw=1, alpha=0.7, gid="step")
        if answer.bound in LOWER:
            axes.fill_between([start, stop], value, top, color="C0", alpha=0.07, gid="bound")
        elif answer.bound == "at_most":
            axes.fill_between([start, stop], bottom, value, color="C0", alpha=0.07, gid="bound")
        hollow = answer.bound == "about"
        axes.plot(
            [start],
            [value],
            _STYLE[answer.bound],
            color="C0",
            mfc="white" if hollow else "C0",
            ms=6,
            gid=f"reported-{answer.bound}",
            zorder=4,
        )
        if not answer.date.is_exact:
            _shade(axes, answer.date, value)
        points.append(Point(start, value, value_text(answer)))
    axes.set_ylim(bottom, top)
    unit = figures[0].unit if figures else ""
    axes.set_ylabel(unit, fontsize=8)
    from matplotlib.ticker import MaxNLocator

    # Few ticks in a short panel; totals and increments count things: whole numbers.
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=series.kind != "rate"))
    place = region(series.answers[0].region).name if series.answers else ""
    scope = " 及下辖 rolled up" if series.rolled_up else ""
    axes.set_title(f"{place}{scope}: {series.metric} ({series.kind})", fontsize=9, loc="left")
    covered = coverage_text(series.answers[-1]) if series.answers else ""
    if covered:
        # The latest figure's coverage, whole: a bound without it would hide who reported.
        axes.set_title(textwrap.fill(f"latest: {covered}", 110), fontsize=7, loc="right")
    axes.grid(alpha=0.3)
    return points


def values(texts: Sequence[str]) -> str:
    """One label for reports too close to label one by one: their values in order."""
    return " → ".join(dict.fromkeys(texts))


def _shade(axes: Axes, date: ImpreciseDate, value: float) -> None:
    start, stop = x_of(date.earliest), x_of(date.latest + 1)
    axes.axvspan(start, stop, color="C0", alpha=0.12)
    axes.hlines(value, start, stop, color="C0", lw=3, alpha=0.5)


def legend(axes: Axes) -> None:
    """What the marks of a statistic panel mean."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", color="C0", ls="", label="reported"),
        Line2D([], [], marker="^", color="C0", ls="", label="reported, lower bound (≥, >)"),
        Line2D([], [], marker="o", color="C0", mfc="white", ls="", label="about (≈)"),
        Line2D([], [], color="C0", ls=":", label="carried forward: no new report"),
    ]
    axes.legend(handles=handles, fontsize=7, loc="upper left", framealpha=0.8)
