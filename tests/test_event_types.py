"""An event type declared outside policyline, in this module, with one declaration:
it validates, round-trips through the codec and every store, is checked by the integrity
check, and folds (see "Adding an event type" in docs/extending.md)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policyline as pl
from policyline import fields
from policyline._wire import encode_line, fast_decode
from policyline.errors import InvalidEvent
from policyline.testing.strategies import imprecise_dates, sources, texts
from tests.store_backends import KINDS, new_store


@pl.event_type("MeetingHeld")
@attrs.frozen(kw_only=True, weakref_slot=False)
class MeetingHeld(pl.Event):
    """A meeting held; ``follows`` lists the events it discussed (test fixture)."""

    title: str = attrs.field(converter=fields.text)
    chair: str | None = attrs.field(default=None, converter=fields.optional_text)
    attendance: float = attrs.field(converter=fields.number)
    follows: tuple[str, ...] = attrs.field(default=(), converter=fields.event_ids)


def _meeting(event_id: str = "m1", **changes: object) -> MeetingHeld:
    fields_: dict[str, object] = {
        "id": event_id,
        "region": "330100",
        "effective": "2021-09",
        "recorded": "2021-09-15",
        "source": pl.Source("minutes.txt", "会议召开"),
        "title": "质量工作会议",
        "attendance": 40,
        **changes,
    }
    return MeetingHeld(**fields_)


meetings = st.builds(
    MeetingHeld,
    id=st.just("m1"),
    region=st.sampled_from(["330100", "330300"]),
    effective=imprecise_dates(),
    recorded=imprecise_dates(),
    source=sources,
    title=texts,
    chair=st.none() | texts,
    attendance=st.integers(0, 500) | st.floats(0, 500, allow_nan=False),
    follows=st.just(()),
)


def test_it_validates_naming_the_field() -> None:
    """A bad value raises InvalidEvent naming the field, like any built-in type."""
    with pytest.raises(InvalidEvent, match="title: expected a non-empty string"):
        _meeting(title=" ")
    with pytest.raises(InvalidEvent, match="attendance: expected a number"):
        _meeting(attendance="many")


@given(meetings)
def test_it_round_trips_through_the_codec(meeting: MeetingHeld) -> None:
    """decode(encode(e)) == e, and its line takes the fast path to the same event."""
    assert pl.decode(pl.encode(meeting)) == meeting
    assert fast_decode(encode_line(meeting)) == meeting
    assert pl.encode(meeting)["type"] == "MeetingHeld"


def test_a_bad_line_of_it_names_file_line_and_field(tmp_path: Path) -> None:
    """Lines of the new type are read by the one reader, with located problems."""
    obj = pl.encode(_meeting())
    obj["payload"]["attendance"] = "many"
    path = tmp_path / "m.jsonl"
    path.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(pl.DecodeError, match=r"m\.jsonl:1: \$\.payload\.attendance: expected a"):
        pl.load(path)


@pytest.mark.parametrize("kind", KINDS)
def test_it_round_trips_through_every_store(kind: str) -> None:
    """Appended to a store and read back, it is the very event; its references are checked."""
    with tempfile.TemporaryDirectory() as scratch, new_store(kind, Path(scratch)) as store:
        program = pl.ProgramLaunched(
            id="p1",
            region="330100",
            effective="2021",
            recorded="2021-09-15",
            source=pl.Source("a.txt", "q"),
            name="质量提升行动",
        )
        meeting = _meeting(follows=("p1",))
        store.append([program, meeting])
        assert list(store.read()) == [program, meeting]
        with pytest.raises(pl.DecodeError, match=r"\$\.payload\.follows: points at 'ghost'"):
            store.append([_meeting("m2", follows=("ghost",))])
        assert pl.load(store.url).events == pl.Timeline([program, meeting]).events


def _attended(total: float, meeting: MeetingHeld) -> float:
    return total + meeting.attendance


ATTENDANCE = pl.Projection("attendance", 0.0, {MeetingHeld: _attended})


def test_it_folds_in_a_projection_of_ones_own() -> None:
    """A projection with a handler for the new type folds it as of any day."""
    events: Sequence[pl.Event] = [
        _meeting("m1", effective="2021-09-01"),
        _meeting("m2", effective="2021-10-01", attendance=60),
    ]
    timeline = pl.Timeline(events)
    assert timeline.project(ATTENDANCE, "2021-09-30") == 40
    assert timeline.as_of("2021-12-31").region("杭州").project(ATTENDANCE) == 100
    assert [e.id for e in timeline.as_of("2021-09-15").region("杭州").possible] == []
    assert "质量工作会议" in str(timeline.as_of("2021-12-31").explain("杭州", "工作会议"))


def test_a_second_type_under_a_used_name_is_refused() -> None:
    """Stable names are unique: another class cannot take a registered name."""
    with pytest.raises(pl.PolicylineError, match="a type name not registered yet"):

        @pl.event_type("MeetingHeld")
        @attrs.frozen(kw_only=True, weakref_slot=False)
        class Impostor(pl.Event):
            title: str = attrs.field(converter=fields.text)
