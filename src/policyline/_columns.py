"""Which columns each result has, and their cells: events, answers, batch as-of, diffs,
regions and statistics as flat, typed rows of a :class:`~policyline._export.Table`.

Built from the same queries every other route uses (a figure's ``shown`` and ``coverage``
are :mod:`policyline._render.cells`' own text), so a number in a DataFrame is the number
the command prints. ``value`` is a number and its ``bound`` is beside it (``≥85`` is
``value=85, bound="at_least"``); dates are dates (an imprecise date is its first and last
day and its precision); a missing value is null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

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
from policyline._export import ColumnType, Table, day
from policyline._figures import Answer, Figure, Refusal
from policyline._identity import Identity
from policyline._regions import region
from policyline._render.cells import coverage_text, shown_text

if TYPE_CHECKING:
    from policyline._timeline import Diff


def subject(event: Event) -> str | None:
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


def value_cells(event: Event, identity: Identity | None) -> list[object]:
    """A statistic's value, bound and unit; no value where its sources disagree (a claim
    in conflict is never picked: the claims are in the row's claim columns)."""
    if not isinstance(event, StatisticReported):
        return [None, None, None]
    if identity is not None and identity.status == "conflict":
        return [None, None, event.unit]
    return [event.value, event.bound, event.unit]


def date_cells(date: ImpreciseDate | None) -> list[object]:
    if date is None:
        return [None, None, None]
    return [day(date.earliest), day(date.latest), date.precision]


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
    "same_as": "str",
    "claims": "str",
    "claim_ids": "list",
    "claim_documents": "list",
}
"""One row per event: what it says, where, when (first and last possible day), from where;
for a fact several sources report, what they say together and each claim's id and
document (a stored event's ``same_as`` names the fact it reports again)."""


def event_row(event: Event, identity: Identity | None = None) -> list[object]:
    """An event's cells, in the order of :data:`EVENT_COLUMNS` (``identity``: what the
    sources of its fact say together, if it has several)."""
    statistic = event if isinstance(event, StatisticReported) else None
    period = date_cells(statistic.period if statistic is not None else None)
    claims = (event,) if identity is None else identity.claims
    return [
        event.id,
        event.type_name,
        event.region,
        region(event.region).name,
        *date_cells(event.effective),
        str(event.effective),
        day(event.recorded.earliest),
        day(event.recorded.latest),
        subject(event),
        label(event),
        *value_cells(event, identity),
        None if statistic is None else statistic.kind,
        period[0],
        period[1],
        _target(event),
        event.inferred,
        event.note,
        event.source.document,
        event.source.quote,
        event.source.url,
        event.same_as,
        None if identity is None else str(identity),
        [claim.id for claim in claims],
        [claim.source.document for claim in claims],
    ]


def event_table(
    events: Iterable[Event],
    standing: Callable[[Event], bool] | None = None,
    identities: Mapping[str, Identity] | None = None,
) -> Table:
    """The events, one row each; with ``standing``, a column saying whether each fact
    still stands once amendments are applied; with ``identities``, what the sources of
    each fact with several say together."""
    found = identities or {}
    if standing is None:
        return Table(EVENT_COLUMNS, (event_row(e, found.get(e.id)) for e in events))
    types = {**EVENT_COLUMNS, "standing": "bool"}
    return Table(types, ([*event_row(e, found.get(e.id)), standing(e)] for e in events))


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
    "inconsistent": "str",
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
    period = date_cells(figure.period if figure is not None else None)
    return [
        answer.region,
        region(answer.region).name,
        answer.metric,
        answer.kind,
        None if figure is None else figure.value,
        None if figure is None else figure.bound,
        None if figure is None else figure.unit,
        *date_cells(answer.date),
        period[0],
        period[1],
        coverage is not None,
        None if coverage is None else coverage.complete,
        coverage_text(answer) or None,
        answer.reason if isinstance(answer, Refusal) else None,
        None if figure is None else figure.inconsistent,
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
    asked = [day(number) for number in days]

    def rows() -> Iterable[list[object]]:
        for _, reports in series:
            for asked_day, report in zip(asked, reports, strict=True):
                if report is not None:
                    yield [asked_day, *event_row(report)]

    return Table(types, rows())


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
                effective = date_cells(event.effective)
                yield [
                    change, event.id, event.type_name, event.region, subject(event),
                    label(event), effective[0], effective[1],
                    *([None] * 9), [event.id],
                ]  # fmt: skip
        for changed in diff.changed:
            before, after = changed.before, changed.after
            unit = after.unit if isinstance(after, Figure) else None
            yield [
                "changed", None, "StatisticReported", after.region, changed.metric, None,
                *date_cells(after.date)[:2], changed.metric, after.kind,
                *_figure_cells(before), *_figure_cells(after), unit,
                None if before is None else shown_text(before), shown_text(after),
                [source.id for source in after.sources],
            ]  # fmt: skip

    return Table(DIFF_COLUMNS, rows())


REGION_COLUMNS: dict[str, ColumnType] = {
    "region_code": "str",
    "region_name": "str",
    "level": "str",
    "parent_code": "str",
    "facts": "int",
    "statistics": "int",
}
"""One row per region a timeline has facts in: how many stand there, how many statistics."""


def region_table(facts: Iterable[Event], statistics: Mapping[str, int]) -> Table:
    """The regions of some facts, in gazetteer code order, with their counts."""
    counts: dict[str, int] = {}
    for event in facts:
        counts[event.region] = counts.get(event.region, 0) + 1
    rows = []
    for code in sorted(counts):
        place = region(code)
        rows.append(
            [code, place.name, place.level, place.parent, counts[code], statistics.get(code, 0)]
        )
    return Table(REGION_COLUMNS, rows)


METRIC_COLUMNS: dict[str, ColumnType] = {
    "region_code": "str",
    "region_name": "str",
    "metric": "str",
    "kind": "str",
    "reports": "int",
}
"""One row per statistic reported in a region: its metric as first written, its kind, and
how many reports it has."""


def metric_table(rows: Iterable[tuple[str, str, str, int]]) -> Table:
    """Statistics as (region code, metric, kind, reports)."""
    return Table(METRIC_COLUMNS, ([c, region(c).name, m, k, n] for c, m, k, n in rows))
