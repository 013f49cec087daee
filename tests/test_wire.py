"""The fast decoding path (msgspec shapes, records assembled slot by slot) against the slow
one (stdlib json and the attrs validators): it takes every valid line, builds the same
event, and never accepts a line the slow path refuses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policyline import Event, Problem, encode
from policyline._reading import _decode_slowly, read_lines
from policyline._wire import encode_line, fast_decode
from policyline.testing.strategies import events


def slowly(line: str, *, file: str = "x", line_number: int = 1) -> Event | Problem | None:
    """The slow path's answer for one line: the stdlib parser and the converters."""
    return _decode_slowly(line.encode("utf-8", "surrogatepass"), file, line_number)


def read_one(line: str, *, file: str, line_number: int) -> Event | Problem:
    """What the one reader makes of a line at ``line_number``: its event or its problem."""
    decoded = read_lines([*([""] * (line_number - 1)), line], file=file)
    return decoded.events[0] if decoded.events else decoded.problems[0]


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "\u3000", "\u00a0x", "x", "2020", "2020-13", "330100", "999999"]),
    st.sampled_from(["exact", "rate", "total", "PolicyIssued", "e0", "e1", "首席质量官"]),
    st.lists(st.sampled_from(["", " ", "x", "330100", "330000", "e0"]), max_size=3),
    st.just({}),
    st.just({"document": "d", "quote": "q"}),
)


def _paths(obj: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path in a JSON object (nested objects included)."""
    found = []
    for key, value in obj.items():
        found.append((*prefix, key))
        if isinstance(value, dict):
            found.extend(_paths(value, (*prefix, key)))
    return found


@st.composite
def mutated_lines(draw: st.DrawFn) -> str:
    """A valid event's line with one field changed, removed or added."""
    obj = encode(draw(events()))
    path = draw(st.sampled_from(_paths(obj)))
    parent = obj
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["set", "remove", "add"]))
    if action == "set":
        parent[path[-1]] = draw(JSON_VALUES)
    elif action == "remove":
        del parent[path[-1]]
    else:
        parent[draw(st.sampled_from(["extra", "title", "value", "url", "type"]))] = draw(
            JSON_VALUES
        )
    return json.dumps(obj, ensure_ascii=False)


@given(events())
def test_the_fast_path_takes_every_valid_line(event: Event) -> None:
    """No valid line of the current schema falls back to the slow path."""
    line = encode_line(event)
    assert fast_decode(line) == event
    assert fast_decode(line.decode()) == event


@given(events())
def test_both_paths_build_equal_records(event: Event) -> None:
    """Equal and alike down to the types of their values (a tuple stays a tuple)."""
    line = encode_line(event)
    fast, slow = fast_decode(line), slowly(line.decode())
    assert fast == slow
    assert repr(fast) == repr(slow)
    assert isinstance(fast, Event)
    assert encode_line(fast) == line


@given(mutated_lines())
def test_the_fast_path_never_accepts_what_the_slow_path_refuses(line: str) -> None:
    """Whatever a mistake is, the fast path either agrees exactly or leaves it alone."""
    slow = slowly(line)
    fast = fast_decode(line)
    if isinstance(slow, Problem):
        assert fast is None, slow
    elif fast is not None:
        assert fast == slow
        assert repr(fast) == repr(slow)


@given(mutated_lines())
def test_every_message_is_the_slow_paths(line: str) -> None:
    """The reader answers exactly as the slow path alone would."""
    assert read_one(line, file="f.jsonl", line_number=3) == slowly(
        line, file="f.jsonl", line_number=3
    )


def test_every_corpus_line_takes_the_fast_path_to_the_slow_paths_event() -> None:
    lines = [
        line
        for file in sorted((Path(__file__).parents[1] / "events").glob("*.jsonl"))
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 100
    for number, line in enumerate(lines, start=1):
        fast = fast_decode(line.encode())
        assert fast is not None, line
        assert fast == slowly(line, file="corpus", line_number=number)


def test_old_schema_versions_take_the_slow_path_and_are_upcast() -> None:
    line = json.dumps(
        {
            "id": "s1",
            "type": "StatisticReported",
            "schema_version": 1,
            "region": "330100",
            "effective": "2021",
            "recorded": "2021-09-15",
            "source": {"document": "d", "quote": "q"},
            "payload": {"metric": "m", "value": 3, "unit": "家", "kind": "total", "at_least": True},
        }
    )
    assert fast_decode(line) is None
    event = read_one(line, file="x", line_number=1)
    assert isinstance(event, Event)
    assert event.bound == "at_least"  # type: ignore[attr-defined]


@given(events())
def test_what_the_stores_write_decodes_to_the_same_event(event: Event) -> None:
    """encode_line writes a line both decoding paths read back as the very event, and it
    is the JSON object encode gives."""
    line = encode_line(event)
    assert fast_decode(line) == event
    assert slowly(line.decode()) == event
    assert json.loads(line) == encode(event)
