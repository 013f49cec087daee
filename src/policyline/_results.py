"""Results that are also tables: tuples of events or of answers that convert to pandas,
Arrow, Parquet and CSV (:mod:`policyline._columns` builds the columns).

They are plain tuples in every other way (equal to a tuple of the same items, indexable,
sliceable), so code that took the tuples these methods used to return keeps working.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from policyline._events import Event
from policyline._figures import Answer
from policyline._identity import NO_IDENTITIES, Identity

if TYPE_CHECKING:
    from policyline._export import Table


class Tabular(abc.ABC):
    """Conversions of a result that has a :meth:`table`."""

    __slots__ = ()

    @abc.abstractmethod
    def table(self) -> Table:
        """The result as named, typed columns."""

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the result (the ``pandas`` extra)."""
        return self.table().to_pandas()

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` of the result (the ``arrow`` extra)."""
        return self.table().to_arrow()

    def write_csv(self, target: str | os.PathLike[str] | TextIO) -> None:
        """The result as CSV, to a path or an open text file."""
        self.table().write_csv(target)

    def write_parquet(self, target: str | os.PathLike[str]) -> None:
        """The result as Parquet (the ``arrow`` extra)."""
        self.table().write_parquet(target)

    def export(self, target: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the result as ``csv``, ``parquet`` or ``jsonl`` (by default the format
        the suffix names); return the path."""
        return self.table().export(target, format)


class Events(tuple[Event, ...], Tabular):
    """Events (a selection, the facts standing, what a state holds) as a tuple and a table:
    one row per event (:data:`policyline._columns.EVENT_COLUMNS`).

    Facts of a timeline carry :attr:`identities`: for each fact several sources report,
    what they say together (its claims, agreement or conflict), by the fact's id.
    """

    identities: Mapping[str, Identity]

    def __new__(
        cls, events: Iterable[Event] = (), identities: Mapping[str, Identity] | None = None
    ) -> Events:
        made = super().__new__(cls, events)
        made.identities = NO_IDENTITIES if identities is None else identities
        return made

    def table(self) -> Table:
        from policyline._columns import event_table

        return event_table(self, identities=self.identities)

    def __repr__(self) -> str:
        return f"Events({counted(len(self), 'event')}{_first(e.id for e in self)})"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import events_html

        return events_html(self, counted(len(self), "event"))


class Answers(tuple[Answer, ...], Tabular):
    """Figures and refusals (a history, a state's statistics) as a tuple and a table: one
    row per answer (:data:`policyline._columns.ANSWER_COLUMNS`)."""

    __slots__ = ()

    def table(self) -> Table:
        from policyline._columns import answer_table

        return answer_table(self)

    def __repr__(self) -> str:
        shown = (f"{a.metric} {a.shown}" for a in self)
        return f"Answers({counted(len(self), 'figure')}{_first(shown)})"

    def _repr_html_(self) -> str:
        from policyline._render.notebook import answers_html

        return answers_html(self, counted(len(self), "figure"))


def counted(number: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _first(items: Iterable[str], shown: int = 3) -> str:
    """``: a, b, c, …`` (the first few items), or nothing."""
    items = list(items)
    if not items:
        return ""
    more = ", …" if len(items) > shown else ""
    return ": " + ", ".join(items[:shown]) + more
