"""Labels that never overlap: each is tried at a few offsets from its point and kept at
the first where its box meets no other label and stays inside the axes.

Points too close together to label one by one are grouped, and the group gets one label
that lists what it holds (``[3] 品字标 · 质量奖 · 规划``). Groups grow, by the on-screen
distance between neighbours, until every label fits; the last resort is a label of the
count alone. Positions are measured for the figure's layout as it is when the labels are
placed, so the caller settles the layout first and keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

_LEVELS = (5, 14, 23, -13, -22, 32, -31)
Side = Literal["left", "right"]
OFFSETS: tuple[tuple[float, float, Side], ...] = (
    *((3.0, float(dy), "left") for dy in _LEVELS),
    *((-3.0, float(dy), "right") for dy in _LEVELS),
)
"""Where a label may sit, in points from its point, and which of its ends is there: to
the right, above first, then below; then the same to the left (near the right edge)."""
REACH = (0.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, float("inf"))
"""On-screen distances (pixels) within which neighbouring points are grouped, tried in
turn until every label fits."""
LISTED = 3
"""Names a group's label lists before it says how many more."""


@attrs.frozen
class Point:
    """A point to label: where (data coordinates), its text, and its row (points are
    grouped only with others of the same row: an event lane, a statistic's line)."""

    x: float
    y: float
    text: str
    row: int = 0


def listing(texts: Sequence[str]) -> str:
    """One label for several points: how many, then the first names and how many more."""
    if len(texts) == 1:
        return texts[0]
    names = list(dict.fromkeys(texts))
    shown = " · ".join(names[:LISTED])
    more = f" +{len(names) - LISTED}" if len(names) > LISTED else ""
    return f"[{len(texts)}] {shown}{more}"


def place_labels(
    axes: Axes,
    points: Sequence[Point],
    *,
    join: Callable[[Sequence[str]], str] = listing,
    taken: Sequence[Bbox] = (),
    **text: Any,
) -> list[Annotation]:
    """Label ``points`` on ``axes`` so that no two labels (nor any box in ``taken``)
    overlap, grouping neighbours as little as that allows; return the labels drawn.

    ``text`` is passed to each annotation (font size, colour …).
    """
    if not points:
        return []
    renderer = _renderer(axes)
    pixels = axes.transData.transform([(p.x, p.y) for p in points])
    order = sorted(range(len(points)), key=lambda i: (points[i].row, pixels[i][0], i))
    for reach in REACH:
        groups = _groups(points, pixels, order, reach)
        labels = _try(axes, renderer, points, groups, join, taken, text)
        if labels is not None:
            return labels
    everything = _groups(points, pixels, order, float("inf"))  # one group a row: its count
    return _try(axes, renderer, points, everything, _count, taken, text) or []


def _count(texts: Sequence[str]) -> str:
    return f"[{len(texts)}]"


def _groups(
    points: Sequence[Point], pixels: Any, order: Sequence[int], reach: float
) -> list[list[int]]:
    """Chains of points of one row, each within ``reach`` pixels of the one before."""
    groups: list[list[int]] = []
    for index in order:
        if groups:
            last = groups[-1][-1]
            same_row = points[last].row == points[index].row
            if same_row and pixels[index][0] - pixels[last][0] <= reach:
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


def _try(
    axes: Axes,
    renderer: RendererBase,
    points: Sequence[Point],
    groups: Sequence[Sequence[int]],
    join: Callable[[Sequence[str]], str],
    taken: Sequence[Bbox],
    text: dict[str, Any],
) -> list[Annotation] | None:
    """Place one label per group, or none at all (None) if one finds no free place."""
    inside = axes.get_window_extent(renderer)
    boxes = list(taken)
    labels: list[Annotation] = []
    for group in groups:
        anchor = points[group[0]]
        content = join([points[i].text for i in group])
        label = axes.annotate(
            content, (anchor.x, anchor.y), xytext=(0, 0), textcoords="offset points", **text
        )
        label.set_in_layout(False)  # placed for this layout: it must not move the axes
        for dx, dy, side in OFFSETS:
            label.xyann = (dx, dy)
            label.set_horizontalalignment(side)
            box = label.get_window_extent(renderer)
            fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            if fits and not any(box.overlaps(other) for other in boxes):
                boxes.append(box)
                labels.append(label)
                break
        else:
            label.remove()
            for placed in labels:
                placed.remove()
            return None
    return labels


def _renderer(axes: Axes) -> RendererBase:
    """The renderer that measures text on the axes' canvas (Agg's, or the figure's own)."""
    figure: Any = axes.figure
    get = getattr(figure.canvas, "get_renderer", None)
    renderer: RendererBase = get() if get is not None else figure._get_renderer()
    return renderer
