"""Batch as-of: the latest report of every (region, statistic) as of each of many days.

The answer is a :class:`StatisticSeries`, a read-only mapping from (region code, folded
metric, kind) to the list of answers, one per asked day. Two sweeps compute it alike:

- with NumPy installed (the ``fast`` extra), an answer matrix of report numbers, one row
  per statistic: each report is placed at the first asked day it is certain by, and
  each row is carried forward with ``maximum.accumulate`` (a statistic's reports are
  numbered in replay order, so the latest standing report is the largest number).
  A row becomes a list of reports when it is read;
- without it, a pure-Python sweep that maps each report to the first asked day it counts
  for and fills each statistic's answers run by run.
"""

from __future__ import annotations

import importlib
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate, repeat
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from policyline._bulk import paused_gc
from policyline._events import StatisticReported
from policyline._results import Tabular
from policyline._view import StatisticKey, View, region_statistics, statistic_reports

if TYPE_CHECKING:
    from policyline._export import Table

Latest = list[StatisticReported | None]


def _optional_numpy() -> ModuleType | None:
    try:
        return importlib.import_module("numpy")
    except ImportError:
        return None


numpy: ModuleType | Literal["not yet"] | None = "not yet"
"""NumPy once a batch has asked for it (the ``fast`` extra), ``None`` if it is not
installed; set it to ``None`` to force the pure-Python sweep. It is imported at the first
batch as-of, not with policyline: it would be most of the import's time."""


def numpy_module() -> ModuleType | None:
    """NumPy if installed, imported on first use, else ``None``."""
    global numpy
    if numpy == "not yet":
        numpy = _optional_numpy()
    return numpy


class StatisticSeries(Mapping[StatisticKey, Latest], Tabular):
    """(region code, folded metric, kind) -> the latest report as of each asked day, or
    ``None`` where there is none yet. Each read gives a new list. As a table: one row per
    asked day and statistic reported by then (the day in ``as_of``, the report's cells)."""

    __slots__ = ("_answer", "_rows", "days")

    def __init__(
        self,
        rows: Mapping[StatisticKey, int],
        answer: Callable[[int], Latest],
        days: Sequence[int],
    ):
        self._rows = rows
        self._answer = answer
        self.days = tuple(days)
        """The asked days, as day numbers, in the order asked."""

    def table(self) -> Table:
        from policyline._columns import batch_table

        return batch_table(self.days, self.items())

    def __getitem__(self, key: StatisticKey) -> Latest:
        return self._answer(self._rows[key])

    def __iter__(self) -> Iterator[StatisticKey]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<StatisticSeries of {len(self)} statistics as of {len(self.days)} days>"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import series_html

        return series_html(self)


@attrs.frozen(eq=False)
class StatisticArrays:
    """Every report of a view as arrays, sorted statistic by statistic in replay order.

    Report number n is ``reports[n]``: number 0 is ``None`` (no report yet), the others
    follow region by region in replay order, so of one statistic's reports a later one
    has a larger number. Each report object is touched once to build this.
    """

    rows: dict[StatisticKey, int]
    reports: Any  # object array: None, then every report, region by region
    numbers: Any  # int64 per report, sorted by statistic: its number in ``reports``
    statistic: Any  # int64 per report, so sorted: its statistic's row
    day: Any  # int64 per report, so sorted: the day it is certain by

    @classmethod
    def of(cls, view: View, np: ModuleType) -> StatisticArrays:
        rows: dict[StatisticKey, int] = {}
        statistic_parts: list[Any] = [np.empty(0, dtype=np.int64)]
        day_parts: list[Any] = [np.empty(0, dtype=np.int64)]
        found_parts: list[tuple[StatisticReported, ...]] = []
        for code, index in view.regions.items():
            statistics, positions, found, numbers = region_statistics(index)
            if not statistics:
                continue
            base = len(rows)
            rows.update(((code, m, k), base + n) for n, (m, k) in enumerate(statistics))
            statistic_parts.append(np.asarray(numbers, dtype=np.int64) + base)
            latest = np.frombuffer(index.latest, dtype=np.int64)
            day_parts.append(latest[np.frombuffer(positions, dtype=np.int64)])
            found_parts.append(found)
        statistic = np.concatenate(statistic_parts)
        everything: list[StatisticReported | None] = [None]
        for found in found_parts:
            everything.extend(found)
        # fromiter: assigning a sequence to an object array would ask each report
        # whether it is a sequence itself, four times slower.
        reports = np.fromiter(everything, dtype=object, count=len(everything))
        # A stable sort keeps each statistic's reports in replay order, and so by day.
        order = np.argsort(statistic, kind="stable")
        return cls(rows, reports, order + 1, statistic[order], np.concatenate(day_parts)[order])


def latest_statistics(view: View, days: Sequence[int]) -> StatisticSeries:
    """The latest report of every (region, statistic) as of each of ``days``.

    Each region's own reports only (no rollup), exactly as ``state.region(code).statistic``
    would give them one day at a time: the last report certain by the day, in replay order.
    """
    np = numpy_module()
    if np is not None:
        return _numpy_sweep(view, days, np)
    return _python_sweep(view, days)


def _numpy_sweep(view: View, days: Sequence[int], np: ModuleType) -> StatisticSeries:
    arrays = view.statistic_arrays
    if not isinstance(arrays, StatisticArrays):
        with paused_gc():  # a tuple per report for a moment, lasting arrays; no cycles
            arrays = view.statistic_arrays = StatisticArrays.of(view, np)
    asked, position = np.unique(np.asarray(days, dtype=np.int64), return_inverse=True)
    width = len(asked) + 1  # one more column for reports after the last asked day
    # Report numbers fit 32 bits below two billion reports: half the memory to fill.
    small = len(arrays.reports) < 2**31
    matrix = np.zeros((len(arrays.rows), width), dtype=np.int32 if small else np.int64)
    if len(arrays.day):
        # Each report's cell: its statistic's row, and the first asked day it is certain
        # by. The reports are sorted by statistic and, within one, by replay order (and
        # so by day), so the cells come in order, and of several reports in one cell the
        # last (largest number) stands.
        cell = arrays.statistic * width + np.searchsorted(asked, arrays.day, side="left")
        last = np.flatnonzero(cell[1:] != cell[:-1])
        ends = np.append(last, len(cell) - 1)
        matrix.reshape(-1)[cell[ends]] = arrays.numbers[ends]
        np.maximum.accumulate(matrix, axis=1, out=matrix)
    if len(asked) == len(days) and np.array_equal(asked, days):
        matrix = matrix[:, :-1]  # asked in order: the answers are the matrix as it is
    else:
        matrix = matrix[:, position.reshape(-1)]
    reports = arrays.reports

    def answer(row: int) -> Latest:
        found: Latest = reports[matrix[row]].tolist()
        return found

    return StatisticSeries(arrays.rows, answer, days)


def _carry(
    previous: StatisticReported | None, report: StatisticReported | None
) -> StatisticReported | None:
    return previous if report is None else report


def _python_sweep(view: View, days: Sequence[int]) -> StatisticSeries:
    """Each report is mapped to the first asked day it is certain by, the last report of
    each such run is kept, and the answers are filled run by run: work in proportion to
    the reports plus the runs, not to reports times days."""
    ordered = sorted(set(days))
    asked = len(ordered)
    reports_by_key, report_days = statistic_reports(view)
    # Each day a report became certain on -> the first asked day it counts for.
    slot_of = dict(zip(report_days, map(bisect_left, repeat(ordered), report_days), strict=True))
    series: list[Latest] = []
    for days_of_key, reports in reports_by_key.values():
        # The last report standing from each asked day on (later ones overwrite).
        runs = dict(zip(map(slot_of.__getitem__, days_of_key), reports[1:], strict=True))
        if len(runs) * 4 > asked:  # dense: carry the last report forward, day by day
            series.append(list(accumulate(map(runs.get, range(asked)), _carry)))
            continue
        answers: Latest = []
        filled = 0
        current: StatisticReported | None = None
        for slot, report in runs.items():
            if slot > filled:
                answers += [current] * (slot - filled)
                filled = slot
            current = report
        answers += [current] * (asked - filled)
        del answers[asked:]
        series.append(answers)
    rows = {key: row for row, key in enumerate(reports_by_key)}
    if ordered == list(days):
        return StatisticSeries(rows, lambda row: list(series[row]), days)
    slot_of = {day: slot for slot, day in enumerate(ordered)}
    positions = [slot_of[day] for day in days]
    return StatisticSeries(rows, lambda row: [series[row][p] for p in positions], days)
