"""Tables out: events, answers and batch results as flat, typed columns, for pandas,
Arrow, Parquet and CSV.

One :class:`Table` per result, built here from the same queries every other route uses
(a figure's ``shown`` and ``coverage`` are :mod:`policyline._render.cells`' own text), so
a number in a DataFrame is the number the command prints. Columns are typed once
(:data:`EVENT_COLUMNS`, :data:`ANSWER_COLUMNS`): ``value`` is a number and its ``bound``
is beside it (``≥85`` is ``value=85, bound="at_least"``), dates are dates (an imprecise
date is its first and last day and its precision), a missing value is null. pandas and
pyarrow are optional (the ``pandas`` and ``arrow`` extras): each is imported only when a
conversion asks for it, with an error naming the extra if it is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

from policyline._dates import ImpreciseDate
from policyline._events import (
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    Corrected,
    CQOAppointed,
    DesignationGranted,
    Event,
    PlatformLaunched,
    PolicyIssued,
    PolicyRepealed,
    ProgramLaunched,
    Retracted,
    StatisticReported,
    label,
)
from policyline._figures import Answer, Figure, Refusal
from policyline._regions import region
from policyline._render.cells import coverage_text, shown_text
from policyline.errors import InvalidArgument, MissingExtra

if TYPE_CHECKING:
    from policyline._timeline import Diff

ColumnType = str
"""``str``, ``float``, ``int``, ``bool``, ``date`` or ``list`` (of strings)."""

FORMATS = ("csv", "parquet", "jsonl")
LIST_SEPARATOR = " | "
"""How CSV writes a list (the events a figure comes from): its items joined by this."""


def _day(day: int | None) -> dt.date | None:
    return None if day is None else dt.date.fromordinal(day)


def _optional(name: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtra(name, extra) from None


class Table:
    """Named, typed columns of equal length: what every export is made of."""

    def __init__(self, types: Mapping[str, ColumnType], rows: Iterable[Sequence[object]]):
        self.types = dict(types)
        names = list(self.types)
        self.columns: dict[str, list[Any]] = {name: [] for name in names}
        appenders = [self.columns[name].append for name in names]
        for row in rows:
            for append, value in zip(appenders, row, strict=True):
                append(value)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with one typed column per field (needs the ``arrow`` extra)."""
        pa = _optional("pyarrow", "arrow")
        kinds = {
            "str": pa.string(),
            "float": pa.float64(),
            "int": pa.int64(),
            "bool": pa.bool_(),
            "date": pa.date32(),
            "list": pa.list_(pa.string()),
        }
        schema = pa.schema([(name, kinds[kind]) for name, kind in self.types.items()])
        return pa.Table.from_pydict(self.columns, schema=schema)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with nullable typed columns (needs the ``pandas`` extra):
        ``string``, ``Float64``, ``Int64``, ``boolean``, dates as ``datetime64``, lists
        as Python lists."""
        pd = _optional("pandas", "pandas")
        kinds = {"str": "string", "float": "Float64", "int": "Int64", "bool": "boolean"}
        data: dict[str, Any] = {}
        for name, kind in self.types.items():
            values = self.columns[name]
            if kind == "date":
                data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
            elif kind == "list":
                data[name] = pd.Series(values, dtype="object")
            else:
                data[name] = pd.array(values, dtype=kinds[kind])
        return pd.DataFrame(data)

    def write_csv(self, target: str | os.PathLike[str] | TextIO) -> None:
        """CSV with a header row: dates ISO, numbers as numbers (no bound in them), lists
        joined by :data:`LIST_SEPARATOR`, nulls empty."""
        if isinstance(target, str | os.PathLike):
            with Path(target).open("w", encoding="utf-8", newline="") as handle:
                self._write_csv(handle)
        else:
            self._write_csv(target)

    def _write_csv(self, handle: TextIO) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(self.types)
        shown = [_CSV_CELL[kind] for kind in self.types.values()]
        for row in zip(*self.columns.values(), strict=True):
            writer.writerow([show(value) for show, value in zip(shown, row, strict=True)])

    def write_parquet(self, target: str | os.PathLike[str]) -> None:
        """Parquet, typed as :meth:`to_arrow` (needs the ``arrow`` extra)."""
        parquet = _optional("pyarrow.parquet", "arrow")
        parquet.write_table(self.to_arrow(), str(target))

    def write_jsonl(self, target: str | os.PathLike[str] | TextIO) -> None:
        """One JSON object per row, dates ISO, nulls null."""
        import json

        def lines(handle: TextIO) -> None:
            names = list(self.types)
            for row in zip(*self.columns.values(), strict=True):
                record = {n: _json_value(v) for n, v in zip(names, row, strict=True)}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")

        if isinstance(target, str | os.PathLike):
            with Path(target).open("w", encoding="utf-8") as handle:
                lines(handle)
        else:
            lines(target)

    def export(self, target: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the table to a file as ``csv``, ``parquet`` or ``jsonl`` (by default, the
        format the file's suffix names); return its path."""
        path = Path(target)
        chosen = format or path.suffix.lstrip(".").lower()
        if chosen not in FORMATS:
            raise InvalidArgument("format", chosen or str(path), " or ".join(FORMATS))
        getattr(self, f"write_{chosen}")(path)
        return path


def _csv_text(value: object) -> str:
    return "" if value is None else str(value)


def _csv_float(value: object) -> str:
    if value is None:
        return ""
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else repr(number)


def _csv_list(value: object) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else ""


def _csv_bool(value: object) -> str:
    return "" if value is None else ("true" if value else "false")


_CSV_CELL: dict[ColumnType, Callable[[object], str]] = {
    "str": _csv_text,
    "float": _csv_float,
    "int": _csv_text,
    "bool": _csv_bool,
    "date": _csv_text,
    "list": _csv_list,
}


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _subject(event: Event) -> str | None:
    """What a fact is about, in the source's words: a statistic's metric, a policy's or
    an agreement's title, an award, a name, a designation, an appointed CQO."""
    match event:
        case StatisticReported():
            return event.metric
        case PolicyIssued() | AgreementSigned():
            return event.title
        case AwardGranted() | AwardNominated():
            return event.award
        case PlatformLaunched() | ProgramLaunched():
            return event.name
        case DesignationGranted():
            return event.designation
        case CQOAppointed():
            return event.person or event.organization
    return None


def _target(event: Event) -> str | None:
    if isinstance(event, Corrected | Retracted):
        return event.target
    if isinstance(event, PolicyRepealed):
        return event.policy
    return None


def _dates(date: ImpreciseDate | None) -> list[object]:
    if date is None:
        return [None, None, None]
    return [_day(date.earliest), _day(date.latest), date.precision]


EVENT_COLUMNS: dict[str, ColumnType] = {
    "event_id": "str",
    "type": "str",
    "region_code": "str",
    "region_name": "str",
    "effective_start": "date",
    "effective_end": "date",
    "precision": "str",
    "effective": "str",
    "recorded_start": "date",
    "recorded_end": "date",
    "subject": "str",
    "label": "str",
    "value": "float",
    "bound": "str",
    "unit": "str",
    "kind": "str",
    "period_start": "date",
    "period_end": "date",
    "target": "str",
    "inferred": "bool",
    "note": "str",
    "source_document": "str",
    "quote": "str",
    "source_url": "str",
}
"""One row per event: what it says, where, when (first and last possible day), from where."""


def event_row(event: Event) -> list[object]:
    """An event's cells, in the order of :data:`EVENT_COLUMNS`."""
    statistic = event if isinstance(event, StatisticReported) else None
    period = _dates(statistic.period if statistic is not None else None)
    return [
        event.id,
        event.type_name,
        event.region,
        region(event.region).name,
        *_dates(event.effective),
        str(event.effective),
        _day(event.recorded.earliest),
        _day(event.recorded.latest),
        _subject(event),
        label(event),
        None if statistic is None else statistic.value,
        None if statistic is None else statistic.bound,
        None if statistic is None else statistic.unit,
        None if statistic is None else statistic.kind,
        period[0],
        period[1],
        _target(event),
        event.inferred,
        event.note,
        event.source.document,
        event.source.quote,
        event.source.url,
    ]


def event_table(events: Iterable[Event], standing: Callable[[Event], bool] | None = None) -> Table:
    """The events, one row each; with ``standing``, a column saying whether each fact
    still stands once amendments are applied."""
    if standing is None:
        return Table(EVENT_COLUMNS, map(event_row, events))
    types = {**EVENT_COLUMNS, "standing": "bool"}
    return Table(types, ([*event_row(e), standing(e)] for e in events))


ANSWER_COLUMNS: dict[str, ColumnType] = {
    "region_code": "str",
    "region_name": "str",
    "metric": "str",
    "kind": "str",
    "value": "float",
    "bound": "str",
    "unit": "str",
    "date_start": "date",
    "date_end": "date",
    "precision": "str",
    "period_start": "date",
    "period_end": "date",
    "rolled_up": "bool",
    "complete": "bool",
    "coverage": "str",
    "refused": "str",
    "shown": "str",
    "source_ids": "list",
    "source_documents": "list",
    "quotes": "list",
}
"""One row per figure or refusal: the number with its bound and unit, its date, whether it
is a roll-up and how complete, the text every route shows, the events it comes from."""


def answer_row(answer: Answer) -> list[object]:
    """A figure's (or a refusal's) cells, in the order of :data:`ANSWER_COLUMNS`."""
    figure = answer if isinstance(answer, Figure) else None
    coverage = figure.coverage if figure is not None else None
    period = _dates(figure.period if figure is not None else None)
    return [
        answer.region,
        region(answer.region).name,
        answer.metric,
        answer.kind,
        None if figure is None else figure.value,
        None if figure is None else figure.bound,
        None if figure is None else figure.unit,
        *_dates(answer.date),
        period[0],
        period[1],
        coverage is not None,
        None if coverage is None else coverage.complete,
        coverage_text(answer) or None,
        answer.reason if isinstance(answer, Refusal) else None,
        shown_text(answer),
        [source.id for source in answer.sources],
        [source.source.document for source in answer.sources],
        [source.source.quote for source in answer.sources],
    ]


def answer_table(answers: Iterable[Answer]) -> Table:
    """Figures and refusals, one row each."""
    return Table(ANSWER_COLUMNS, map(answer_row, answers))


def batch_table(
    days: Sequence[int],
    series: Iterable[tuple[tuple[str, str, str], Sequence[StatisticReported | None]]],
) -> Table:
    """Batch as-of answers: one row per (asked day, statistic) that has a report by then,
    the report's cells beside the day asked."""
    types = {"as_of": "date", **EVENT_COLUMNS}
    asked = [_day(day) for day in days]

    def rows() -> Iterable[list[object]]:
        for _, reports in series:
            for day, report in zip(asked, reports, strict=True):
                if report is not None:
                    yield [day, *event_row(report)]

    return Table(types, rows())


def write_text(table: Table, format: str, out: TextIO | None = None) -> None:
    """Write a table to a text stream (standard output by default) as ``csv`` or ``jsonl``."""
    stream = out if out is not None else sys.stdout
    if format == "csv":
        table.write_csv(stream)
    elif format == "jsonl":
        table.write_jsonl(stream)
    else:
        raise InvalidArgument("format", format, "csv or jsonl on a text stream")


DIFF_COLUMNS: dict[str, ColumnType] = {
    "change": "str",
    "event_id": "str",
    "type": "str",
    "region_code": "str",
    "subject": "str",
    "label": "str",
    "effective_start": "date",
    "effective_end": "date",
    "metric": "str",
    "kind": "str",
    "before_value": "float",
    "before_bound": "str",
    "after_value": "float",
    "after_bound": "str",
    "unit": "str",
    "before": "str",
    "after": "str",
    "source_ids": "list",
}
"""One row per change of a diff: an event that ``appeared`` or ``ended`` (its cells), or a
statistic whose figure ``changed`` (before and after, numbers and shown text)."""


def _figure_cells(answer: Answer | None) -> list[object]:
    if isinstance(answer, Figure):
        return [answer.value, answer.bound]
    return [None, None]


def diff_table(diff: Diff) -> Table:
    """A diff's changes, one row each (:data:`DIFF_COLUMNS`)."""

    def rows() -> Iterable[list[object]]:
        for change, events in (("appeared", diff.appeared), ("ended", diff.ended)):
            for event in events:
                effective = _dates(event.effective)
                yield [
                    change, event.id, event.type_name, event.region, _subject(event),
                    label(event), effective[0], effective[1],
                    *([None] * 9), [event.id],
                ]  # fmt: skip
        for changed in diff.changed:
            before, after = changed.before, changed.after
            unit = after.unit if isinstance(after, Figure) else None
            yield [
                "changed", None, "StatisticReported", after.region, changed.metric, None,
                *_dates(after.date)[:2], changed.metric, after.kind,
                *_figure_cells(before), *_figure_cells(after), unit,
                None if before is None else shown_text(before), shown_text(after),
                [source.id for source in after.sources],
            ]  # fmt: skip

    return Table(DIFF_COLUMNS, rows())
