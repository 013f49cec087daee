"""Bad input shared by the fault tests of every door: a good line, and bad lines each
with the JSON path and the words its problem must name."""

from __future__ import annotations

import json

GOOD = {
    "id": "good",
    "type": "ProgramLaunched",
    "schema_version": 3,
    "region": "330100",
    "effective": "2020",
    "recorded": "2021-01-05",
    "inferred": False,
    "source": {"document": "t.txt", "quote": "原文", "url": None},
    "note": None,
    "payload": {"name": "质量提升行动", "description": None},
}


def line(**changes: object) -> str:
    """The JSON line of GOOD with some fields changed (None removes a field)."""
    obj = {**GOOD, **changes}
    return json.dumps({k: v for k, v in obj.items() if v is not None}, ensure_ascii=False)


def payload(**changes: object) -> dict[str, object]:
    """GOOD's payload with some fields changed."""
    return {**GOOD["payload"], **changes}  # type: ignore[dict-item]


def _count(value: object) -> dict[str, object]:
    return {"metric": "m", "value": value, "unit": "家", "kind": "total"}


BAD_LINES = {
    "malformed JSON": ('{"id": "x", "type": ', "$", "malformed JSON"),
    "wrong type": (
        line(
            id="s",
            type="StatisticReported",
            payload={"metric": "m", "value": "many", "unit": "家", "kind": "total"},
        ),
        "$.payload.value",
        "expected a number",
    ),
    "bad date": (line(id="d", effective="2021-13-01"), "$.effective", "EDTF"),
    "unknown region": (line(id="r", region="999999"), "$.region", "GB/T 2260"),
    "missing field": (line(id="m", recorded=None), "$.recorded", "missing"),
    "missing payload field": (
        line(id="p", payload={"description": None}),
        "$.payload.name",
        "missing",
    ),
    "unknown event type": (line(id="t", type="PolicyInvented"), "$.type", "PolicyInvented"),
    "integer beyond float range": (
        line(id="big", type="StatisticReported", payload=_count(10**400)),
        "$.payload.value",
        "a finite number",
    ),
    "integer of 5000 digits": (
        line(id="long", type="StatisticReported", payload=_count("N")).replace('"N"', "9" * 5000),
        "$",
        "malformed JSON",
    ),
    "nested 100,000 deep": (
        line(id="deep", note="N").replace('"N"', "[" * 100_000 + "]" * 100_000),
        "$",
        "nested too deeply",
    ),
    "newer schema version": (
        line(id="new", schema_version=4),
        "$.schema_version",
        "newer policyline",
    ),
    "lone surrogate": (
        line(id="sur").replace('"原文"', '"原\\ud800文"'),
        "$.source.quote",
        "lone surrogates",
    ),
    "only zero-width characters": (
        line(id="zw", payload=payload(name="\u200b\u200d")),
        "$.payload.name",
        "a visible character",
    ),
    "NUL in text": (line(id="nul", note="nul:\u0000 end"), "$.note", "text without NUL"),
    "only control characters": (
        line(id="ctl", payload=payload(name="\u0007\u0008")),
        "$.payload.name",
        "a visible character",
    ),
    "negative total": (
        line(id="neg", type="StatisticReported", payload=_count(-3)),
        "$.payload.value",
        "a total of 0 or more",
    ),
}
