"""The events panel: one lane per kind of event a region has.

An event known to the day is a marker; an event known only to a month, a year or an
interval is a bar from its earliest to its latest day, so an imprecise date never looks
more precise than it is. A policy's validity window is a faint bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policyline._events import Event, label
from policyline._render.labels import Point

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

EPOCH = dt.date(1970, 1, 1).toordinal()
"""Day 0 of matplotlib's date numbers (``date.epoch`` is set to it while drawing)."""


def x_of(ordinal: int) -> float:
    """The x coordinate of a day number on a matplotlib date axis."""
    return float(ordinal - EPOCH)


def short(text: str, limit: int = 14) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw_events(axes: Axes, events: Sequence[Event]) -> tuple[tuple[str, ...], list[Point]]:
    """Draw the events, one lane per kind present; return the lanes' names (top to
    bottom) and the points to label (one per event, its lane as its row)."""
    present = {event.type_name for event in events}
    shown = [lane for lane in LANES if lane[0] in present] or list(LANES[:1])  # no empty lanes
    shown += [(name, name) for name in sorted(present - set(_KIND))]  # types of one's own
    lanes = {name: i for i, (name, _) in enumerate(shown)}
    points: list[Point] = []
    for event in events:
        lane = lanes[event.type_name]
        y = len(shown) - 1 - lane
        # A kind keeps its colour and marker in every picture.
        kind = _KIND.get(event.type_name, len(LANES) + lane)
        color = f"C{kind % 10}"
        first, last = event.effective.earliest, event.effective.latest
        start = x_of(first)
        if first == last:
            axes.plot([start], [y], marker=_MARKERS[kind % len(_MARKERS)], color=color, ms=7)
        else:
            end = x_of(last + 1)
            axes.broken_barh([(start, end - start)], (y - 0.18, 0.36), color=color, alpha=0.55)
        validity = getattr(event, "validity", None)
        if validity is not None:
            v_start, v_end = x_of(validity.earliest), x_of(validity.latest + 1)
            axes.broken_barh(
                [(v_start, v_end - v_start)], (y - 0.06, 0.12), color=color, alpha=0.15
            )
        points.append(Point(start, y, short(label(event)), row=lane))
    axes.set_yticks(range(len(shown)), [name for _, name in reversed(shown)])
    axes.set_ylim(-0.7, len(shown) - 0.3)
    axes.grid(axis="x", alpha=0.3)
    return tuple(name for _, name in shown), points
