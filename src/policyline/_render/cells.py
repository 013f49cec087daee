"""What every rendering shows of a state: its sections, and the cells of a figure.

The terminal tables, the JSON, the HTML report and the plot all take a region's lists and
a figure's shown fields from here, so a fact or a number reads the same on every route,
and a refused figure is shown as the same explained refusal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from policyline._codec import encode
from policyline._dates import day_text
from policyline._events import Event, format_value, label
from policyline._figures import Answer, Coverage, Figure, Refusal, parts_text
from policyline._identity import NO_IDENTITIES, Identity
from policyline._regions import region
from policyline._state import Explanation, RegionState

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Policies in force", "policies"),
    ("Policies ended", "ended_policies"),
    ("Programmes", "programs"),
    ("Platforms", "platforms"),
    ("Designations", "designations"),
    ("Awards", "awards"),
    ("Nominations", "nominations"),
    ("Chief quality officers", "cqos"),
    ("Agreements", "agreements"),
)
"""The lists a region state is shown as: heading and :class:`RegionState` attribute."""

EVENT_HEADERS = ("date", "what", "id")
FIGURE_HEADERS = ("statistic", "value", "unit", "kind", "date", "coverage", "from")


def sections(state: RegionState) -> list[tuple[str, str, tuple[Event, ...]]]:
    """Each non-empty list of the state: heading, attribute name and its events."""
    found = ((heading, name, getattr(state, name)) for heading, name in SECTIONS)
    return [(heading, name, events) for heading, name, events in found if events]


def event_cells(event: Event, identities: Mapping[str, Identity] = NO_IDENTITIES) -> list[str]:
    """An event's row: date, what it says (and, for a fact several sources report, how
    many and whether they agree), id."""
    identity = identities.get(event.id)
    what = label(event) if identity is None else f"{label(event)} [{identity.summary}]"
    return [str(event.effective), what, event.id]


def identity_data(identity: Identity) -> dict[str, Any]:
    """What the sources of one fact say together, as JSON-ready data."""
    return {
        "status": identity.status,
        "disagreement": identity.disagreement,
        "settlement": None if identity.settlement is None else identity.settlement.id,
        "claims": [encode(claim) for claim in identity.claims],
    }


def value_text(answer: Answer) -> str:
    """A figure's value as people write it (``≥85``), or its refusal explained."""
    if isinstance(answer, Refusal):
        return answer.shown
    return format_value(answer.value, answer.bound)


def coverage_text(answer: Answer) -> str:
    """How complete a figure is and what else the region claims: a rolled-up sum's
    coverage, a refusal's parts, and the other claim (empty for a plain report)."""
    shown = []
    if isinstance(answer, Figure) and answer.coverage is not None:
        shown.append(str(answer.coverage))
    elif isinstance(answer, Refusal):
        shown.append(parts_text(answer.parts))
    other = answer.other
    if other is not None:
        said = "own report" if isinstance(other, Figure) and other.coverage is None else "sum below"
        unit = f" {other.unit}" if isinstance(other, Figure) else ""
        ids = ", ".join(s.id for s in other.sources)
        shown.append(f"also {said}: {value_text(other)}{unit} ({other.date}) [{ids}]")
    if isinstance(answer, Figure) and answer.inconsistent is not None:
        shown.append(f"INCONSISTENT: {answer.inconsistent}")
    return "; ".join(shown)


def shown_text(answer: Answer) -> str:
    """A figure in one line as every route prints it: value with bound and unit, then its
    coverage and the other claim (``≥14 家: 杭州市 12 家 (2021-09-15), …``)."""
    unit = f" {answer.unit}" if isinstance(answer, Figure) else ""
    covered = coverage_text(answer)
    return f"{value_text(answer)}{unit}" + (f": {covered}" if covered else "")


def figure_cells(answer: Answer) -> list[str]:
    """A figure's row (statistic, value, unit, kind, date, coverage, the events it comes
    from); a refusal has its explanation for a value and no unit."""
    unit = answer.unit if isinstance(answer, Figure) else ""
    sources = ", ".join(s.id for s in answer.sources)
    return [
        answer.metric,
        value_text(answer),
        unit,
        answer.kind,
        str(answer.date),
        coverage_text(answer),
        sources,
    ]


def _coverage_data(coverage: Coverage) -> dict[str, Any]:
    return {
        "complete": coverage.complete,
        "reported": [
            {
                "region": part.region,
                "name": region(part.region).name,
                "value": None if isinstance(part, Refusal) else part.value,
                "bound": None if isinstance(part, Refusal) else part.bound,
                "unit": None if isinstance(part, Refusal) else part.unit,
                "date": str(part.date),
            }
            for part in coverage.parts
        ],
        "missing": [{"region": code, "name": region(code).name} for code in coverage.missing],
        "unlisted": coverage.unlisted,
    }


def figure_data(answer: Answer) -> dict[str, Any]:
    """A figure (or a refusal) as JSON-ready data; a refusal has ``value: null`` and says
    why in ``refused``. A rolled-up sum has its ``coverage``; ``other`` is the region's
    other claim; ``shown`` is the value and its coverage as every table prints them."""
    other = None if answer.other is None else figure_data(answer.other)
    shown = shown_text(answer)
    if isinstance(answer, Refusal):
        return {
            "metric": answer.metric,
            "value": None,
            "refused": answer.reason,
            "kind": answer.kind,
            "date": str(answer.date),
            "region": answer.region,
            "parts": [figure_data(part) for part in answer.parts],
            "other": other,
            "shown": shown,
            "sources": [s.id for s in answer.sources],
        }
    return {
        "metric": answer.metric,
        "value": answer.value,
        "unit": answer.unit,
        "kind": answer.kind,
        "bound": answer.bound,
        "date": str(answer.date),
        "period": None if answer.period is None else str(answer.period),
        "region": answer.region,
        "coverage": None if answer.coverage is None else _coverage_data(answer.coverage),
        "other": other,
        "inconsistent": answer.inconsistent,
        "shown": shown,
        "sources": [s.id for s in answer.sources],
    }


def region_data(state: RegionState) -> dict[str, Any]:
    """A region's state as JSON-ready data: certain facts by kind, statistics, possible."""
    return {
        "code": state.region.code,
        "name": state.region.name,
        "as_of": day_text(state.day),
        "rollup": state.rollup,
        "certain": {name: [encode(e) for e in getattr(state, name)] for _, name in SECTIONS},
        "statistics": [figure_data(a) for a in state.statistics],
        "possible": [encode(e) for e in state.possible],
        "sources": {
            fact: identity_data(identity)
            for fact, identity in state.identities.items()
            if any(fact == e.id for e in state.events) or any(fact == e.id for e in state.possible)
        },
    }


def figure_rows(answers: Sequence[Answer]) -> list[list[str]]:
    """One row per figure or refusal."""
    return [figure_cells(a) for a in answers]


def explanation_data(explanation: Explanation) -> dict[str, Any]:
    """An explanation as JSON-ready data: the verdict, the events (whole, with their
    sources) and the figures the words name."""
    return {
        "region": explanation.region.code,
        "name": explanation.region.name,
        "as_of": day_text(explanation.day),
        "question": explanation.question,
        "holds": explanation.holds,
        "certain": [encode(e) for e in explanation.certain],
        "possible": [encode(e) for e in explanation.possible],
        "figures": [figure_data(f) for f in explanation.figures],
    }
