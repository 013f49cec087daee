"""JSON in and out: exact round-trips, stable type names, upcasting, located errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from policyline import SCHEMA_VERSION, DecodeError, Event, StatisticReported, decode, encode
from policyline._declaring import LAYOUTS, TYPES
from policyline._reading import read_lines
from policyline._wire import encode_line
from policyline.testing.strategies import events


def decode_lines(lines: list[str], *, file: str = "<lines>") -> list[Event]:
    """The events on lines, read by the one reader; every problem raised at once."""
    decoded = read_lines(lines, file=file)
    decoded.refuse()
    return decoded.events


@given(events())
def test_decode_of_encode_is_identity(event: Event) -> None:
    """decode(encode(e)) == e for every event type."""
    assert decode(encode(event)) == event


@given(events())
def test_lines_round_trip_exactly(event: Event) -> None:
    """A line decodes to an event that encodes to the very same line."""
    line = encode_line(event).decode()
    (decoded,) = decode_lines([line])
    assert encode_line(decoded).decode() == line


def test_every_type_has_a_stable_name_that_is_not_an_import_path() -> None:
    """Stored type names are the registry's names, never ``module.Class`` paths."""
    assert {name: cls.type_name for name, cls in TYPES.items()} == {n: n for n in TYPES}
    assert set(LAYOUTS) == set(TYPES)
    assert all("." not in name for name in TYPES)


GOOD = {
    "id": "x",
    "type": "StatisticReported",
    "schema_version": 3,
    "region": "330100",
    "effective": "2021-09-15",
    "recorded": "2021-09-15",
    "inferred": False,
    "source": {"document": "000.txt", "quote": "86家成员单位", "url": None},
    "note": None,
    "payload": {
        "metric": "成员单位",
        "value": 86,
        "unit": "家",
        "kind": "total",
        "bound": "exact",
        "period": None,
        "covers": [],
    },
}


def _with(path: str, value: object) -> str:
    obj = json.loads(json.dumps(GOOD))
    *parents, last = path.split(".")
    target = obj
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return json.dumps(obj, ensure_ascii=False)


@pytest.mark.parametrize(
    ("line", "path", "message"),
    [
        ("{not json", "$", "malformed JSON"),
        ("[1, 2]", "$", "expected a JSON object"),
        (_with("type", "Rumour"), "$.type", "expected one of"),
        (_with("region", "999999"), "$.region", "region code"),
        (_with("effective", "2021-02-30"), "$.effective", "day 30 does not exist"),
        (_with("recorded", KeyError), "$.recorded", "missing"),
        (_with("payload.value", "86"), "$.payload.value", "a number"),
        (_with("payload.kind", "sum"), "$.payload.kind", "one of total, increment, rate"),
        (_with("payload.unit", KeyError), "$.payload.unit", "missing"),
        (_with("payload.colour", "red"), "$.payload.colour", "unexpected field"),
        (_with("source.quote", ""), "$.source.quote", "non-empty string"),
        (_with("inferred", "yes"), "$.inferred", "true or false"),
    ],
)
def test_bad_lines_name_line_and_field(line: str, path: str, message: str) -> None:
    """Each bad line is reported as file:line: $.path: what was expected and what was found."""
    with pytest.raises(DecodeError) as caught:
        decode_lines(["", line], file="events/x.jsonl")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.path) == ("events/x.jsonl", 2, path)
    assert message in problem.message
    assert f"events/x.jsonl:2: {path}:" in str(caught.value)


def test_every_problem_in_a_file_is_reported_and_nothing_is_returned() -> None:
    """Three bad lines among good ones: all three are listed; no event comes back."""
    good = json.dumps(GOOD, ensure_ascii=False)
    lines = [good, "{", _with("id", KeyError), good.replace('"x"', '"y"'), _with("region", "1")]
    with pytest.raises(DecodeError) as caught:
        decode_lines(lines, file="f.jsonl")
    assert [p.line for p in caught.value.problems] == [2, 3, 5]


def test_version_1_statistics_are_upcast() -> None:
    """Schema version 1 said ``at_least: true`` and had no ``inferred``: read as version 2."""
    old = json.loads(json.dumps(GOOD))
    old["schema_version"] = 1
    del old["inferred"]
    payload = old["payload"]
    del payload["bound"], payload["covers"]
    payload["at_least"] = True
    event = decode(old)
    assert isinstance(event, StatisticReported)
    assert event.schema_version == SCHEMA_VERSION
    assert event.inferred is False
    assert event.bound == "at_least"
    assert encode(event)["payload"]["bound"] == "at_least"


def test_a_null_envelope_field_is_a_located_problem() -> None:
    """``"id": null`` is reported as $.id with file and line, not a TypeError."""
    with pytest.raises(DecodeError) as caught:
        decode_lines([_with("id", None)], file="f.jsonl")
    (problem,) = caught.value.problems
    assert (problem.line, problem.path, problem.message) == (
        1,
        "$.id",
        "expected a value, got null",
    )


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 99999])
def test_data_from_a_newer_policyline_is_refused(version: int) -> None:
    """A schema version newer than this library's is refused, saying so, never read as
    the current one (and then written back as if it were)."""
    with pytest.raises(DecodeError) as caught:
        decode_lines([_with("schema_version", version)], file="f.jsonl")
    (problem,) = caught.value.problems
    assert problem.path == "$.schema_version"
    assert (
        f"written by a newer policyline (schema {version}); this one reads up to {SCHEMA_VERSION}"
        in (problem.message)
    )


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_a_number_beyond_float_range_is_a_located_problem(value: int) -> None:
    """An integer too large for a float is refused at its field, not an OverflowError."""
    with pytest.raises(DecodeError) as caught:
        decode_lines([_with("payload.value", value)], file="f.jsonl")
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (1, "$.payload.value")
    assert "a finite number" in problem.message


@pytest.mark.parametrize(
    ("nominee", "path", "message"),
    [
        ({"kind": "robot", "name": "x"}, "$.payload.nominee.kind", "one of person, organization"),
        ({"kind": "person"}, "$.payload.nominee.name", "missing"),
        ({"kind": "person", "name": " "}, "$.payload.nominee.name", "a non-empty string"),
        ({"kind": None, "name": "x", "title": "y"}, "$.payload.nominee.title", "no such field"),
        ("王水福", "$.payload.nominee", "a Party"),
    ],
)
def test_a_bad_nominee_is_located_inside_the_party(
    nominee: object, path: str, message: str
) -> None:
    """A current-version nominee must be a party object; what is wrong in it is named by
    its path inside the party, on both decoding paths."""
    obj = {
        "id": "n",
        "type": "AwardNominated",
        "schema_version": SCHEMA_VERSION,
        "region": "330100",
        "effective": "2021",
        "recorded": "2021",
        "source": {"document": "d", "quote": "q"},
        "payload": {"award": "中国质量奖提名奖", "nominee": nominee},
    }
    with pytest.raises(DecodeError) as caught:
        decode_lines([json.dumps(obj, ensure_ascii=False)], file="f.jsonl")
    (problem,) = caught.value.problems
    assert problem.path == path
    assert message in problem.message
