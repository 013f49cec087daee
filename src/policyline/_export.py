"""Tables out: named, typed columns and their conversions to pandas, Arrow, Parquet, CSV
and JSON Lines (:mod:`policyline._columns` says which columns each result has).

pandas and pyarrow are optional (the ``pandas`` and ``arrow`` extras): each is imported
only when a conversion asks for it, with an error naming the extra if it is missing.
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
from typing import Any, TextIO

from policyline.errors import InvalidArgument, MissingExtra

ColumnType = str
"""``str``, ``float``, ``int``, ``bool``, ``date`` or ``list`` (of strings)."""

FORMATS = ("csv", "parquet", "jsonl")
LIST_SEPARATOR = " | "
"""How CSV writes a list (the events a figure comes from): its items joined by this."""


def day(number: int | None) -> dt.date | None:
    """The date of a day number (None stays None)."""
    return None if number is None else dt.date.fromordinal(number)


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

    def records(self) -> list[dict[str, object]]:
        """Each row as a JSON-ready object: dates ISO, nulls ``None``."""
        names = list(self.types)
        return [
            {n: _json_value(v) for n, v in zip(names, row, strict=True)}
            for row in zip(*self.columns.values(), strict=True)
        ]

    @classmethod
    def joined(cls, tables: Sequence[Table], types: Mapping[str, ColumnType]) -> Table:
        """Tables of the same columns, one after another."""
        joined = cls(types, ())
        for table in tables:
            for name, values in table.columns.items():
                joined.columns[name].extend(values)
        return joined

    def write_jsonl(self, target: str | os.PathLike[str] | TextIO) -> None:
        """One JSON object per row, dates ISO, nulls null."""
        import json

        def lines(handle: TextIO) -> None:
            for record in self.records():
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


def write_text(table: Table, format: str, out: TextIO | None = None) -> None:
    """Write a table to a text stream (standard output by default) as ``csv`` or ``jsonl``."""
    stream = out if out is not None else sys.stdout
    if format == "csv":
        table.write_csv(stream)
    elif format == "jsonl":
        table.write_jsonl(stream)
    else:
        raise InvalidArgument("format", format, "csv or jsonl on a text stream")
