"""Why a fact holds (or not) in a region as of a day: an explanation, and its table."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from policyline._dates import day_text
from policyline._events import Event, label
from policyline._export import ColumnType, Table, day
from policyline._figures import Answer, Figure
from policyline._identity import Identity
from policyline._regions import Region
from policyline._results import Tabular, counted


@attrs.frozen
class Explanation(Tabular):
    """Why a fact holds (or not) in a region as of a day: the events and sources behind it
    (a table too: one row per event or figure, see :meth:`table`)."""

    region: Region
    day: int
    question: str
    certain: tuple[Event, ...]
    possible: tuple[Event, ...]
    figures: tuple[Answer, ...] = ()
    """The figure (or refusal) of each statistic the words name, as the state answers it:
    rolled up, with its bound and coverage."""
    known: int | None = None
    """The known-time of the state asked (a day number), if there was one."""
    identities: tuple[Identity, ...] = ()
    """What the sources say together of each event shown that has several."""

    @property
    def holds(self) -> bool:
        return bool(self.certain)

    def identity(self, event: Event) -> Identity | None:
        """What the sources of ``event``'s fact say together, if it has several."""
        return next((i for i in self.identities if i.root == event.id), None)

    def claims(self, event: Event) -> tuple[Event, ...]:
        """Every claim behind ``event``: its sources' own events (itself if it has one)."""
        identity = self.identity(event)
        return (event,) if identity is None else identity.claims

    def table(self) -> Table:
        """One row per piece of evidence: each certain event, each possible one, each
        figure, with the question and the verdict on every row."""
        return explanation_table(self)

    def __repr__(self) -> str:
        verdict = "holds" if self.holds else ("possibly holds" if self.possible else "not found")
        known = "" if self.known is None else f", known {day_text(self.known)}"
        counts = f"{len(self.certain)} certain, {len(self.possible)} possible"
        figures = f", {counted(len(self.figures), 'figure')}" if self.figures else ""
        return (
            f"<Explanation {self.question!r} in {self.region.name} as of"
            f" {day_text(self.day)}{known}: {verdict} ({counts}{figures})>"
        )

    def _repr_html_(self) -> str:
        from policyline._render.notebook import explanation_html

        return explanation_html(self)

    def __str__(self) -> str:
        verdict = "holds" if self.holds else ("possibly holds" if self.possible else "not found")
        known = "" if self.known is None else f", known {day_text(self.known)}"
        asked = f"{self.question!r} in {self.region.name} as of {day_text(self.day)}{known}"
        lines = [f"{asked}: {verdict}"]
        for figure in self.figures:
            lines.append(f"  [figure] {figure.metric}: {figure}")
            if figure.other is not None:
                lines.append(f"      beside it: {figure.other}")
        for heading, events in (("certain", self.certain), ("possible", self.possible)):
            for event in events:
                lines.append(f"  [{heading}] {event.effective}  {event.type_name}: {label(event)}")
                identity = self.identity(event)
                if identity is not None:
                    lines.append(f"      {identity}")
                for claim in self.claims(event):
                    said = "" if identity is None else f" — {claim.effective}: {label(claim)}"
                    lines.append(
                        f"      source: {claim.source.document}: “{claim.source.quote}”"
                        f" (recorded {claim.recorded}){said}"
                    )
        return "\n".join(lines)


EXPLANATION_COLUMNS: dict[str, ColumnType] = {
    "question": "str",
    "region_code": "str",
    "as_of": "date",
    "holds": "bool",
    "evidence": "str",
    "event_id": "str",
    "type": "str",
    "date_start": "date",
    "date_end": "date",
    "subject": "str",
    "label": "str",
    "value": "float",
    "bound": "str",
    "unit": "str",
    "shown": "str",
    "coverage": "str",
    "claims": "str",
    "source_ids": "list",
    "source_documents": "list",
    "quotes": "list",
}
"""One row per piece of evidence of an explanation: an event that is ``certain`` or only
``possible`` by the day, or the ``figure`` (or refusal) of a statistic the words name."""


def explanation_table(explanation: Explanation) -> Table:
    """An explanation's evidence, one row each (:data:`EXPLANATION_COLUMNS`)."""
    # The cells are every route's own text (imported here: they render states).
    from policyline._columns import date_cells, subject, value_cells
    from policyline._render.cells import coverage_text, shown_text

    asked: list[object] = [explanation.question, explanation.region.code, day(explanation.day)]
    asked.append(explanation.holds)

    def rows() -> Iterable[list[object]]:
        for evidence, events in (
            ("certain", explanation.certain),
            ("possible", explanation.possible),
        ):
            for event in events:
                identity = explanation.identity(event)
                claims = explanation.claims(event)
                yield [
                    *asked, evidence, event.id, event.type_name, *date_cells(event.effective)[:2],
                    subject(event), label(event), *value_cells(event, identity),
                    None, None, None if identity is None else str(identity),
                    [c.id for c in claims], [c.source.document for c in claims],
                    [c.source.quote for c in claims],
                ]  # fmt: skip
        for answer in explanation.figures:
            figure = answer if isinstance(answer, Figure) else None
            yield [
                *asked, "figure", None, "StatisticReported", *date_cells(answer.date)[:2],
                answer.metric, None,
                *([None] * 3 if figure is None else [figure.value, figure.bound, figure.unit]),
                shown_text(answer), coverage_text(answer) or None, None,
                [source.id for source in answer.sources],
                [source.source.document for source in answer.sources],
                [source.source.quote for source in answer.sources],
            ]  # fmt: skip

    return Table(EXPLANATION_COLUMNS, rows())
