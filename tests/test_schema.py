"""The JSON Schema of an event line: generated from the declarations, shipped in docs/,
met by every line of the corpus and every event policyline writes, and refusing the bad
lines whose fault is one of shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import policyline as pl
from policyline._schema import event_schema
from policyline.testing.strategies import events
from tests.bad_input import BAD_LINES
from tests.cli_corpus import run

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "docs" / "event-schema.json"

BEYOND_SHAPE = {
    "malformed JSON": "not JSON at all",
    "integer of 5000 digits": "refused by the JSON reader",
    "nested 100,000 deep": "refused by the JSON reader",
    "integer beyond float range": "a number to JSON Schema; not finite as a float",
    "lone surrogate": "not representable in UTF-8, which a schema validator never sees",
    "negative total": "a rule across fields (a total's value by its kind)",
}
"""Bad lines whose fault no JSON Schema expresses, and why: the converters decide."""


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = event_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_the_generated_one() -> None:
    """docs/event-schema.json is what `policyline schema` prints in a fresh process, with
    the built-in types only (regenerate it with `policyline schema >
    docs/event-schema.json` after changing an event type). In this process, tests have
    registered types of their own: the schema has them as well."""
    printed = run("schema")
    assert printed.returncode == 0, printed.stderr
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert json.loads(printed.stdout) == shipped
    here = event_schema()
    assert set(shipped["$defs"]) <= set(here["$defs"])
    builtin = [name for name in shipped["$defs"] if name[0].isupper()]
    assert "StatisticReported" in builtin
    for name in builtin:
        assert here["$defs"][name] == shipped["$defs"][name], name


def test_every_line_of_the_corpus_meets_the_schema(validator: Any) -> None:
    lines = [
        (path.name, number, line)
        for path in sorted((ROOT / "events").glob("*.jsonl"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
    ]
    assert len(lines) == len(pl.load(ROOT / "events"))
    for name, number, line in lines:
        errors = [error.message for error in validator.iter_errors(json.loads(line))]
        assert errors == [], f"{name}:{number}: {errors}"


@given(events())
def test_every_event_policyline_writes_meets_the_schema(validator: Any, event: pl.Event) -> None:
    """Events of every type, with corrections' nested replacements, as encoded."""
    assert list(validator.iter_errors(pl.encode(event))) == []


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_line_is_refused_by_the_schema_unless_its_fault_is_beyond_shape(
    validator: Any, case: str, tmp_path: Path
) -> None:
    """The reader refuses every bad line; the schema refuses each too, except those whose
    fault is listed as beyond a schema (and those it does let through: the list is exact)."""
    text, _, _ = BAD_LINES[case]
    (tmp_path / "bad.jsonl").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(pl.DecodeError):
        pl.load(tmp_path / "bad.jsonl")
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        assert case in BEYOND_SHAPE
        return
    assert validator.is_valid(parsed) == (case in BEYOND_SHAPE), case
