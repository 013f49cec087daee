"""The one integrity check: every door takes exactly what ``load`` takes.

The law: for any sequence of batches (valid or mutated into every kind of mistake), a
store's ``append`` takes a batch exactly when ``load`` takes the lines stored so far plus
the batch's, and after every append the store still loads, to the same timeline as the
lines it took. Examples then pin each rule and where its problem is reported.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._wire import encode_line
from policyline.testing.strategies import facts, timelines
from tests.store_backends import KINDS, new_store

MISTAKES = (
    "none",
    "conflicting id",
    "drop an event",
    "correct a correction",
    "correct with another type",
    "retraction cycle",
    "self retraction",
    "repeal a non-policy",
    "cover an amendment",
    "same as another type",
    "same as another region",
    "same as nothing",
    "same as a cycle",
    "same as an amendment",
    "settle nothing",
    "correct what a fact is the same as",
)


def _base(event_id: str, region: str = "330100") -> dict[str, Any]:
    return {
        "id": event_id,
        "region": region,
        "effective": "2005",
        "recorded": "2006",
        "source": pl.Source("t.txt", "q"),
    }


def _mistake(draw: st.DrawFn, events: list[pl.Event], kind: str) -> list[pl.Event]:
    """The batch with one mistake of ``kind`` made in it (it may stay valid by chance)."""
    standing = [e for e in events if not isinstance(e, pl.Corrected | pl.Retracted | pl.Settled)]
    if not standing or kind == "none":
        return events
    victim = draw(st.sampled_from(standing))
    if kind == "conflicting id":
        changed = attrs.evolve(victim, note="changed" if victim.note != "changed" else "x")
        return [*events, changed]
    if kind == "drop an event":
        return [e for e in events if e is not victim]
    if kind == "correct a correction":
        first = pl.Corrected(**_base("c1"), target=victim.id, reason="r", replacement=victim)
        fact = draw(facts("c1"))
        second = pl.Corrected(**_base("c2"), target="c1", reason="r", replacement=fact)
        return [*events, first, second]
    if kind == "correct with another type":
        other = draw(facts(victim.id))
        fix = pl.Corrected(**_base("c3"), target=victim.id, reason="r", replacement=other)
        return [*events, fix]
    if kind == "retraction cycle":
        one = pl.Retracted(**_base("r1"), target="r2", reason="r")
        two = pl.Retracted(**_base("r2"), target="r1", reason="r")
        return [*events, one, two]
    if kind == "self retraction":
        return [*events, pl.Retracted(**_base("r3"), target="r3", reason="r")]
    if kind == "repeal a non-policy":
        return [*events, pl.PolicyRepealed(**_base("p1"), policy=victim.id)]
    if "same as" in kind or kind == "settle nothing":
        return [*events, *_identity_mistake(draw, events, victim, kind)]
    retraction = pl.Retracted(**_base("r4"), target=victim.id, reason="r")
    covering = pl.StatisticReported(
        **_base("s1"), metric="m", value=1, unit="家", kind="total", covers=("r4",)
    )
    return [*events, retraction, covering]


def _identity_mistake(
    draw: st.DrawFn, events: list[pl.Event], victim: pl.Event, kind: str
) -> list[pl.Event]:
    """Events that join facts wrongly: a claim of another type or region than the fact it
    names, of a missing event or an amendment, a cycle of claims, a settlement of nothing,
    a correction that changes what a fact is the same as."""
    claim = attrs.evolve(victim, id="j1", same_as=victim.id)
    if kind == "same as another type":
        kinds = {victim.type_name, "AgreementSigned"}  # an agreement is filed where its parties are
        other = draw(facts("j1").filter(lambda e: e.type_name not in kinds))
        return [attrs.evolve(other, region=victim.region, same_as=victim.id)]
    if kind == "same as another region":
        elsewhere = "330200" if victim.region != "330200" else "330300"
        if isinstance(victim, pl.AgreementSigned):  # filed in its own region: valid by chance
            return [claim]
        return [attrs.evolve(claim, region=elsewhere)]
    if kind == "same as nothing":
        return [attrs.evolve(claim, same_as="nowhere")]
    if kind == "same as a cycle":
        one = attrs.evolve(victim, id="j2", same_as="j3")
        return [one, attrs.evolve(victim, id="j3", same_as="j2")]
    if kind == "same as an amendment":
        retraction = pl.Retracted(**_base("r5"), target=victim.id, reason="r")
        return [retraction, attrs.evolve(claim, same_as="r5")]
    if kind == "settle nothing":
        return [pl.Settled(**_base("t1"), target="nowhere", reason="r")]
    fix = attrs.evolve(victim, same_as=None)
    return [
        claim,
        pl.Corrected(
            **_base("c4"), target="j1", reason="r", replacement=attrs.evolve(fix, id="j1")
        ),
    ]


@st.composite
def batch_sequences(draw: st.DrawFn) -> list[list[pl.Event]]:
    """One to three batches cut from a timeline, each perhaps with a mistake made in it."""
    events = draw(timelines(max_facts=8, sources=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(events)), max_size=2)))
    pieces = [events[a:b] for a, b in zip([0, *cuts], [*cuts, len(events)], strict=True)]
    return [_mistake(draw, piece, draw(st.sampled_from(MISTAKES))) for piece in pieces]


def _loads(directory: Path, events: list[pl.Event]) -> pl.Timeline | None:
    path = directory / "all.jsonl"
    path.write_bytes(b"".join(encode_line(e) + b"\n" for e in events))
    try:
        return pl.load(path)
    except pl.DecodeError:
        return None


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60)
@given(batch_sequences())
def test_a_store_takes_a_batch_exactly_when_load_takes_its_lines(
    kind: str, batches: list[list[pl.Event]]
) -> None:
    """append accepts iff load of (stored + batch) accepts; the store always loads after."""
    with tempfile.TemporaryDirectory() as scratch, new_store(kind, Path(scratch)) as store:
        taken: list[pl.Event] = []
        for batch in batches:
            expected = _loads(Path(scratch), [*taken, *batch])
            lines = [encode_line(e).decode() for e in batch]
            try:
                store.append_lines(lines, file="batch.jsonl")
            except pl.DecodeError:
                accepted = False
            else:
                accepted = True
            event("taken" if accepted else "refused")
            assert accepted == (expected is not None), batch
            if accepted:
                taken += batch
            timeline = pl.load(store)
            assert timeline.events == pl.Timeline(taken).events


def _lines(tmp_path: Path, *objects: dict[str, object]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects))
    return path


def _fact(event_id: str, **payload: object) -> dict[str, object]:
    return {
        "id": event_id,
        "type": "ProgramLaunched",
        "region": "330100",
        "effective": "2005",
        "recorded": "2006",
        "source": {"document": "t.txt", "quote": "q"},
        "payload": {"name": "n", **payload},
    }


def _problem(path: Path) -> list[str]:
    with pytest.raises(pl.DecodeError) as caught:
        pl.load(path)
    return [str(p) for p in caught.value.problems]


def test_a_conflicting_duplicate_is_reported_at_the_later_line(tmp_path: Path) -> None:
    """The second use of an id is the offending line; the first is where the id was used."""
    path = _lines(tmp_path, _fact("a"), _fact("b"), _fact("a", description="other"))
    (problem,) = _problem(path)
    assert problem.startswith(f"{path}:3: $.id: 'a' is the id of a different event at {path}:1")


def test_a_correction_of_another_type_is_reported_at_its_line(tmp_path: Path) -> None:
    """A correction whose replacement is not of its target's type names its own line."""
    fix = {
        **_fact("fix"),
        "type": "Corrected",
        "payload": {
            "target": "a",
            "reason": "r",
            "replacement": {**_fact("a"), "type": "PlatformLaunched"},
        },
    }
    (problem,) = _problem(_lines(tmp_path, _fact("a"), fix))
    assert ":2: $.payload.replacement.type: a PlatformLaunched, but the target 'a'" in problem


def test_a_correction_of_a_correction_is_refused(tmp_path: Path) -> None:
    """Corrections target facts: a chain of corrections is refused at the second."""
    first = {
        **_fact("c1"),
        "type": "Corrected",
        "payload": {"target": "a", "reason": "r", "replacement": _fact("a", description="x")},
    }
    second = {
        **_fact("c2"),
        "type": "Corrected",
        "payload": {"target": "c1", "reason": "r", "replacement": _fact("c1")},
    }
    (problem,) = _problem(_lines(tmp_path, _fact("a"), first, second))
    assert ":3: $.payload.target: points at 'c1', a Corrected: expected a fact" in problem


def test_retraction_cycles_and_self_retraction_are_refused(tmp_path: Path) -> None:
    """A retraction may retract a retraction, but retractions never form a cycle."""
    retract = {"type": "Retracted"}
    one = {**_fact("r1"), **retract, "payload": {"target": "r2", "reason": "x"}}
    two = {**_fact("r2"), **retract, "payload": {"target": "r1", "reason": "x"}}
    itself = {**_fact("r3"), **retract, "payload": {"target": "r3", "reason": "x"}}
    problems = _problem(_lines(tmp_path, one, two, itself))
    assert [p.split(": $")[0].rsplit(":", 1)[1] for p in problems] == ["1", "2", "3"]
    assert all("retractions form a cycle" in p for p in problems)


def test_a_retracted_retraction_restores_the_fact(tmp_path: Path) -> None:
    """Retracting a retraction is how a mistaken retraction is undone."""
    retract = {"type": "Retracted"}
    one = {**_fact("r1"), **retract, "payload": {"target": "a", "reason": "x"}}
    two = {**_fact("r2"), **retract, "payload": {"target": "r1", "reason": "undo"}}
    timeline = pl.load(_lines(tmp_path, _fact("a"), one, two))
    assert [e.id for e in timeline.facts()] == ["a"]
    assert pl.load(_lines(tmp_path, _fact("a"), one)).facts() == ()


def test_a_repeal_must_point_at_a_policy(tmp_path: Path) -> None:
    """What a reference may point at is declared with the field: a repeal, at a policy."""
    repeal = {**_fact("p"), "type": "PolicyRepealed", "payload": {"policy": "a"}}
    (problem,) = _problem(_lines(tmp_path, _fact("a"), repeal))
    assert ":2: $.payload.policy: points at 'a', a ProgramLaunched, not a PolicyIssued" in problem


def test_python_batches_name_their_position(tmp_path: Path) -> None:
    """Events built in Python are checked by the same rules; problems name the position."""
    event = pl.ProgramLaunched(**_base("a"), name="n")
    retraction = pl.Retracted(**_base("r"), target="missing", reason="x")
    with pytest.raises(pl.DecodeError, match=r"batch position 1: \$\.payload\.target"):
        pl.Timeline([event, retraction])


def test_a_same_as_names_a_fact_of_its_type_in_its_region(tmp_path: Path) -> None:
    """A claim of another source is the same as a fact of its own type, filed in its own
    region, that exists; each mistake is named at its line and field, and nothing is taken."""
    policy = {"title": "t", "issuer": "x"}
    other_type = {**_fact("b"), "type": "PolicyIssued", "same_as": "a", "payload": policy}
    other_place = {**_fact("c"), "region": "330200", "same_as": "a"}
    missing = {**_fact("d"), "same_as": "nowhere"}
    itself = {**_fact("e"), "same_as": "e"}
    problems = _problem(_lines(tmp_path, _fact("a"), other_type, other_place, missing, itself))
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["2", "3", "4", "5"]
    assert (
        ":2: $.same_as: points at 'a', a ProgramLaunched: the same fact is of one type"
        in (problems[0])
    )
    assert (
        ":3: $.same_as: points at 'a', filed in 330100: the same fact is filed in one"
        in (problems[1])
    )
    assert ":4: $.same_as: points at 'nowhere', which does not exist" in problems[2]
    assert ":5: $.same_as: a fact is not the same as itself" in problems[3]


def test_claims_never_form_a_cycle_and_a_correction_keeps_the_link(tmp_path: Path) -> None:
    """Claims in one batch may name each other forward, but not in a circle; a correction
    of a claim keeps what it is the same as."""
    one, two = {**_fact("j1"), "same_as": "j2"}, {**_fact("j2"), "same_as": "j1"}
    problems = _problem(_lines(tmp_path, one, two))
    assert all("same_as links form a cycle" in p for p in problems)
    assert len(problems) == 2
    claim = {**_fact("b"), "same_as": "a"}
    fix = {
        **_fact("fix"),
        "type": "Corrected",
        "payload": {"target": "b", "reason": "r", "replacement": _fact("b", description="x")},
    }
    (problem,) = _problem(_lines(tmp_path, _fact("a"), claim, fix))
    assert ":3: $.payload.replacement.same_as: None, but the target 'b' is the same as 'a'" in (
        problem
    )


def test_a_settlement_names_a_claim(tmp_path: Path) -> None:
    """A settlement points at a fact (a claim of one); at an amendment or nothing, it is refused."""
    settle = {"type": "Settled"}
    nothing = {**_fact("t1"), **settle, "payload": {"target": "nowhere", "reason": "x"}}
    (problem,) = _problem(_lines(tmp_path, _fact("a"), nothing))
    assert ":2: $.payload.target: points at 'nowhere', which does not exist" in problem
    retract = {**_fact("r1"), "type": "Retracted", "payload": {"target": "a", "reason": "x"}}
    amendment = {**_fact("t2"), **settle, "payload": {"target": "r1", "reason": "x"}}
    (problem,) = _problem(_lines(tmp_path, _fact("a"), retract, amendment))
    assert ":3: $.payload.target: points at 'r1', a Retracted: expected a fact" in problem


def test_a_fact_filed_under_a_unit_of_another_time_is_refused(tmp_path: Path) -> None:
    """A code that was no division on any day the fact's date allows is refused at its line,
    saying when the unit was listed and what it became; the year-end lists leave the year
    before a unit is first listed open (临平区, first listed at the end of 2021, may have
    facts from 2021 on)."""
    early = {**_fact("a"), "region": "330113", "effective": "2019"}
    late = {**_fact("b"), "region": "330104", "effective": "2023-05"}
    party = {
        **_fact("c"),
        "type": "AgreementSigned",
        "effective": "2010",
        "payload": {"title": "t", "parties": ["x", "y"], "regions": ["330100", "330114"]},
    }
    problems = _problem(_lines(tmp_path, early, late, party))
    assert (
        ":1: $.region: 330113 was no division in 2019: 临平区 (330113) is listed from the"
        in (problems[0])
    )
    assert ":2: $.region: 330104 was no division in 2023-05: 江干区 (330104)" in problems[1]
    assert "it became 330102 上城区, 330114 钱塘区" in problems[1]
    assert ":3: $.payload.regions: 330114 was no division in 2010" in problems[2]
    assert len(problems) == 3
    fine = {**_fact("d"), "region": "330113", "effective": "2021-06"}
    assert [e.id for e in pl.load(_lines(tmp_path, fine)).events] == ["d"]
