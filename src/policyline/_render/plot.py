"""Pictures of a region's timeline, drawn with matplotlib (Agg, no display needed).

The top panel has one lane per kind of event; an event known to the day is a marker, an
event known only to a month, a year or an interval is a bar from its earliest to its
latest day, so an imprecise date never looks more precise than it is. Policies with a
validity window show it as a faint bar. Below, each statistic is a step line: its value
holds from one report to the next; an imprecisely dated report is a shaded span.

Labels are Chinese, so a CJK font is required: one installed on the system (Debian's
``fonts-noto-cjk``), found through matplotlib's font manager. Nothing is downloaded; with
no CJK font installed, :class:`MissingFont` says what to install.

matplotlib is imported here only, and only when a picture is drawn: ``import policyline``
stays light.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from policyline._events import Event, StatisticReported, label
from policyline._figures import Figure
from policyline._hanzi import fold
from policyline._regions import Region, is_within, region
from policyline._timeline import Timeline
from policyline.errors import InvalidArgument, MissingFont, UnknownStatistic

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
"""CJK font families tried in order; the first one installed is used."""

_FONT_FILE_HINTS = ("cjk", "sourcehan", "wqy", "droidsansfallback")
_PROBE = "质量温州溫州"
_MISSING = re.compile(r"Glyph (\d+) .*missing from font")

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
"""The event lanes, top to bottom: type name and the lane's label."""

_MARKERS = "osDv^<>ph*"
MAX_LABELLED = 60
"""Events are labelled with their text when a picture holds at most this many."""
MAX_STATISTICS = 3
"""Statistics drawn when none is asked for: the most often reported ones."""


@attrs.frozen
class Font:
    """An installed font: its family name and file."""

    family: str
    path: str


@attrs.frozen
class Picture:
    """A picture written to ``path``, the font used, and characters no font could draw."""

    path: Path
    font: Font
    missing_glyphs: str


def _covers_probe(path: str, index: int) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(path, face_index=index)
    except (OSError, RuntimeError, TypeError):
        return False
    return all(face.get_char_index(ord(c)) != 0 for c in _PROBE)


def find_cjk_font() -> Font:
    """The first installed CJK font family of :data:`CJK_FAMILIES` that draws Chinese."""
    from matplotlib import font_manager

    def search() -> Font | None:
        entries = {e.name: e for e in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            entry = entries.get(family)
            if entry is not None and _covers_probe(entry.fname, int(getattr(entry, "index", 0))):
                return Font(family, entry.fname)
        return None

    found = search()
    if found is None:
        # The font cache may predate the font's installation: add system CJK files directly.
        for path in font_manager.findSystemFonts():
            if any(
                hint in Path(path).name.casefold().replace("-", "") for hint in _FONT_FILE_HINTS
            ):
                font_manager.fontManager.addfont(path)
        found = search()
    if found is None:
        raise MissingFont(CJK_FAMILIES)
    return found


_EPOCH = dt.date(1970, 1, 1).toordinal()
"""Day 0 of matplotlib's date numbers (``date.epoch`` is set to it while drawing)."""


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _x(ordinal: int) -> float:
    """The x coordinate of a day number on a matplotlib date axis."""
    return float(ordinal - _EPOCH)


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _events(timeline: Timeline, place: Region, rollup: bool) -> list[Event]:
    return [
        e
        for e in timeline.facts()
        if any(c == place.code or (rollup and is_within(c, place.code)) for c in e.regions)
    ]


def _draw_events(axes: Axes, events: Sequence[Event]) -> None:
    lanes = {name: i for i, (name, _) in enumerate(LANES)}
    labelled = len(events) <= MAX_LABELLED
    together = Counter((e.type_name, e.effective) for e in events)
    written: set[tuple[str, object]] = set()
    for event in events:
        lane = lanes.get(event.type_name)
        if lane is None:
            continue
        y = len(LANES) - 1 - lane
        color = f"C{lane % 10}"
        first, last = event.effective.earliest, event.effective.latest
        start = _x(first)
        if first == last:
            axes.plot([start], [y], marker=_MARKERS[lane % len(_MARKERS)], color=color, ms=7)
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
    axes.set_yticks(range(len(LANES)), [name for _, name in reversed(LANES)])
    axes.set_ylim(-0.7, len(LANES) - 0.3)
    axes.grid(axis="x", alpha=0.3)


def _draw_statistic(axes: Axes, figures: Sequence[Figure], end: float) -> None:
    xs = [_x(f.date.latest) for f in figures]
    ys = [f.value for f in figures]
    axes.step([*xs, end], [*ys, ys[-1]], where="post", color="C0")
    axes.plot(xs, ys, "o", color="C0", ms=4)
    for figure in figures:
        if not figure.date.is_exact:
            start = _x(figure.date.earliest)
            stop = _x(figure.date.latest + 1)
            axes.axvspan(start, stop, color="C0", alpha=0.12)
            axes.hlines(figure.value, start, stop, color="C0", lw=3, alpha=0.5)
    first = figures[0]
    axes.set_ylabel(f"{first.unit}", fontsize=8)
    axes.set_title(f"{first.metric} ({first.kind})", fontsize=9, loc="left")
    axes.grid(alpha=0.3)


def _series(
    timeline: Timeline, place: Region, events: Sequence[Event], names: Sequence[str]
) -> list[tuple[Figure, ...]]:
    if names:
        chosen = list(names)
    else:
        reports = Counter(fold(e.metric) for e in events if isinstance(e, StatisticReported))
        spelled = {fold(e.metric): e.metric for e in events if isinstance(e, StatisticReported)}
        chosen = [spelled[m] for m, n in reports.most_common() if n > 1][:MAX_STATISTICS]
    series = []
    for name in chosen:
        figures = [Figure.of(e) for e in events if isinstance(e, StatisticReported)]
        mine = [f for f in figures if fold(f.metric) == fold(name)]
        if not mine:
            if names:
                reported = sorted({f.metric for f in figures})
                raise UnknownStatistic(name, place.name, reported)
            continue
        kind = Counter(f.kind for f in mine).most_common(1)[0][0]
        series.append(tuple(f for f in mine if f.kind == kind and f.region == mine[0].region))
    return series


def plot_timeline(
    timeline: Timeline,
    region_name: str,
    output: str | Path,
    *,
    statistics: Sequence[str] = (),
    rollup: bool = False,
    width: int = 1400,
    height: int = 800,
    dpi: int = 100,
) -> Picture:
    """Draw a region's timeline (and statistics) to a ``.png`` or ``.svg`` file.

    ``statistics`` names the statistics to draw as step lines (default: up to three
    reported more than once); ``rollup`` includes the regions below. The picture is
    ``width`` x ``height`` pixels. Raises :class:`MissingFont` without a CJK font.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    path = Path(output)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InvalidArgument("output", path.name, "a file name ending in .png or .svg")
    place = region(region_name)
    font = find_cjk_font()
    events = _events(timeline, place, rollup)
    series = _series(timeline, place, events, statistics)
    days = [d for e in events for d in (e.effective.earliest, e.effective.latest)]
    today = dt.date.today().toordinal()
    first, last = min(days, default=today), max(days, default=today)
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
            _draw_events(top, events)
            scope = "及下辖 and below" if rollup else ""
            top.set_title(f"{place.name} {place.english} {scope} — 时间线 timeline", loc="left")
            for row, figures in enumerate(series, start=1):
                _draw_statistic(
                    figure.add_subplot(grid[row], sharex=top), figures, _x(last + margin)
                )
            for axes in figure.axes:
                axes.xaxis_date()
            top.set_xlim(_x(first - margin), _x(last + margin))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                figure.savefig(path, dpi=dpi)
        finally:
            pyplot.close(figure)
    return Picture(path, font, _missing_glyphs(str(w.message) for w in caught))


def _missing_glyphs(messages: Iterable[str]) -> str:
    """The characters matplotlib warned it had no glyph for, in code point order."""
    codes = {int(m.group(1)) for text in messages if (m := _MISSING.search(text))}
    return "".join(chr(code) for code in sorted(codes))
