"""The contract every store keeps, checked on JSON Lines, SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

import policyline as pl
from policyline import errors
from policyline.testing.strategies import REGION_CODES, facts, timelines
from tests.store_backends import KINDS, new_store, store_url

StoreFactory = Callable[[], AbstractContextManager[pl.Store]]
SOURCE = pl.Source("t.txt", "原文")


def program(
    event_id: str, region: str = "330100", effective: str = "2020", recorded: str = "2021"
) -> pl.Event:
    """A plain fact with the given id, region and dates."""
    return pl.ProgramLaunched(
        id=event_id,
        region=region,
        effective=effective,
        recorded=recorded,
        source=SOURCE,
        name=f"programme {event_id}",
    )


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    """Each kind of store in turn."""
    return str(request.param)


@pytest.fixture
def make_store(kind: str, tmp_path: Path) -> StoreFactory:
    """Make new, empty stores of the kind under test."""
    return lambda: new_store(kind, tmp_path)


@pytest.fixture
def store(make_store: StoreFactory) -> Iterator[pl.Store]:
    """A new, empty store of the kind under test."""
    with make_store() as opened:
        yield opened


def test_append_then_read_gives_the_events_in_append_order(store: pl.Store) -> None:
    """read() gives every event back, equal and in append order; version counts them."""
    first = [program("b"), program("a")]
    second = [program("c", effective="1999")]
    assert store.version == 0
    assert store.append(first) == 2
    assert store.append(second) == 3
    assert list(store.read()) == [*first, *second]
    assert store.version == store.count() == 3


def test_read_is_lazy_and_sees_the_version_it_started_at(store: pl.Store) -> None:
    """read() is an iterator; an append during a read does not disturb it."""
    store.append([program(f"e{i}") for i in range(3)])
    reading = store.read()
    assert next(reading) == program("e0")
    store.append([program("late")])
    assert [e.id for e in reading] == ["e1", "e2"]
    assert [e.id for e in store.read()] == ["e0", "e1", "e2", "late"]


def test_identical_reappend_is_a_no_op(store: pl.Store) -> None:
    """Appending events already stored, unchanged, stores nothing and keeps the version."""
    events = [program("a"), program("b")]
    store.append(events)
    assert store.append([events[1], program("c"), events[1]]) == 3
    assert [e.id for e in store.read()] == ["a", "b", "c"]


def test_same_id_other_content_rejects_the_whole_batch(store: pl.Store) -> None:
    """A batch holding a different event under a stored id is refused whole, naming where."""
    store.append([program("a")])
    changed = attrs.evolve(program("a"), note="changed")
    with pytest.raises(pl.DecodeError, match=r"batch position 1: \$\.id") as error:
        store.append([program("new"), changed])
    assert "'a' is the id of a different event already stored" in str(error.value)
    assert list(store.read()) == [program("a")]


def test_conflict_inside_one_batch_is_refused(store: pl.Store) -> None:
    """Two different events with one id in the same batch: nothing is stored."""
    with pytest.raises(pl.DecodeError, match="batch position 1"):
        store.append([program("a"), program("a", region="330300")])
    assert store.version == 0


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda b: pl.Retracted(**b, target="ghost", reason="wrong"), "target"),
        (lambda b: pl.PolicyRepealed(**b, policy="ghost"), "policy"),
        (
            lambda b: pl.Corrected(
                **b, target="ghost", reason="fixed", replacement=program("ghost")
            ),
            "target",
        ),
        (
            lambda b: pl.StatisticReported(
                **b, metric="m", value=1, unit="家", kind="total", covers=["ghost"]
            ),
            "covers",
        ),
    ],
)
def test_dangling_reference_rejects_the_whole_batch(
    store: pl.Store, make: Callable[[dict[str, object]], pl.Event], field: str
) -> None:
    """A reference to an id neither stored nor in the batch refuses the batch, naming the
    position and field; nothing stored before changes."""
    store.append([program("kept")])
    base: dict[str, object] = {
        "id": "amend",
        "region": "330100",
        "effective": "2021",
        "recorded": "2021",
        "source": SOURCE,
    }
    with pytest.raises(pl.DecodeError, match=rf"batch position 1: \$\.payload\.{field}"):
        store.append([program("fresh"), make(base)])
    assert list(store.read()) == [program("kept")]


def test_references_resolve_against_the_store_and_the_batch(store: pl.Store) -> None:
    """A retraction may point at a stored event or at one later in its own batch."""
    store.append([program("old")])
    base: dict[str, Any] = {
        "region": "330100",
        "effective": "2021",
        "recorded": "2022",
        "source": SOURCE,
    }
    batch = [
        pl.Retracted(id="r1", **base, target="old", reason="wrong"),
        pl.Retracted(id="r2", **base, target="later", reason="wrong"),
        program("later"),
    ]
    assert store.append(batch) == 4


def test_stale_expected_version_writes_nothing(store: pl.Store) -> None:
    """Optimistic concurrency: a writer that expected another version gets ConcurrencyError."""
    assert store.append([program("a")], expected_version=0) == 1
    with pytest.raises(errors.ConcurrencyError) as error:
        store.append([program("b")], expected_version=0)
    assert (error.value.expected, error.value.actual) == (0, 1)
    assert store.append([program("b")], expected_version=1) == 2
    assert [e.id for e in store.read()] == ["a", "b"]


def test_non_events_are_refused_before_anything_is_stored(store: pl.Store) -> None:
    """Only Event objects can be appended; anything else is a TypeError and stores nothing."""
    with pytest.raises(TypeError, match="expected Event instances"):
        store.append([program("a"), {"id": "b"}])  # type: ignore[list-item]
    assert store.version == 0


def test_read_filters_by_region_and_dates(store: pl.Store) -> None:
    """Region (by code or name, regions below included, every party of an agreement) and
    date ranges (the whole date inside, either end open) select like the in-memory filter."""
    agreement = pl.AgreementSigned(
        id="deal",
        region="330300",
        effective="2019-05",
        recorded="2019-06-01",
        source=SOURCE,
        title="合作协议",
        parties=["温州", "宁德"],
        party_regions=["330300", "350900"],
    )
    events = [
        program("hz", region="330100", effective="2020-03", recorded="2020-04"),
        program("yh", region="330110", effective="2021", recorded="2022-01-05"),
        program("wz", region="330300", effective="2006/2020", recorded="2006"),
        agreement,
    ]
    store.append(events)
    assert [e.id for e in store.read(region="杭州")] == ["hz", "yh"]
    assert [e.id for e in store.read(region="Ningde")] == ["deal"]
    assert [e.id for e in store.read(region="330000")] == ["hz", "yh", "wz", "deal"]
    assert [e.id for e in store.read(effective=("2019", "2020"))] == ["hz", "deal"]
    assert [e.id for e in store.read(effective=(None, "2020"))] == ["hz", "wz", "deal"]
    assert [e.id for e in store.read(recorded=("2020-04-30", None))] == ["yh"]
    assert [e.id for e in store.read(region="温州", effective=("2019", None))] == ["deal"]
    assert store.count(region="杭州", recorded=("2022", "2022")) == 1


def test_unknown_region_in_a_query_is_an_error(store: pl.Store) -> None:
    """Reading by a region the gazetteer does not know raises UnknownRegion."""
    with pytest.raises(errors.UnknownRegion):
        store.read(region="Atlantis")


def test_a_store_loads_as_the_timeline_of_everything_stored(store: pl.Store) -> None:
    """``pl.load(store)`` and ``pl.load(store.url)`` are the Timeline of everything stored."""
    events = [program("a"), program("b", region="330300")]
    store.append(events)
    assert pl.load(store).events == pl.Timeline(events).events
    assert pl.load(store.url).events == pl.Timeline(events).events


def test_appended_events_survive_closing_and_reopening(kind: str, tmp_path: Path) -> None:
    """What an append stored is there when the store is opened again."""
    with store_url(kind, tmp_path) as url:
        with pl.open(url) as first:
            first.append([program("a"), program("b")])
        with pl.open(url) as second:
            assert [e.id for e in second.read()] == ["a", "b"]
            assert second.version == 2


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=timelines(max_facts=8, sources=True))
def test_any_timeline_round_trips_through_the_store_and_a_copy(
    make_store: StoreFactory, events: list[pl.Event]
) -> None:
    """Events go in and come back equal and in order, and copy() to another store and
    back again loses nothing."""
    with make_store() as store, pl.open("sqlite:///:memory:") as other, make_store() as back:
        store.append(events)
        assert list(store.read()) == events
        assert pl.copy(store, other) == len(events)
        assert list(other.read()) == events
        assert pl.copy(other, back) == len(events)
        assert list(back.read()) == events


class StoreMachine(RuleBasedStateMachine):
    """A real store against a model (a list): appends, stale appends, conflicts, reads."""

    def __init__(self, make_store: StoreFactory) -> None:
        super().__init__()
        self._opened = make_store()
        self.store = self._opened.__enter__()
        self.model: list[pl.Event] = []
        self.serial = 0

    def teardown(self) -> None:
        self._opened.__exit__(None, None, None)

    @rule(data=st.data(), size=st.integers(1, 3))
    def append_new_events(self, data: st.DataObject, size: int) -> None:
        batch = []
        for _ in range(size):
            self.serial += 1
            batch.append(data.draw(facts(f"m{self.serial}")))
        assert self.store.append(batch, expected_version=len(self.model)) == len(self.model) + size
        self.model.extend(batch)

    @rule(data=st.data(), offset=st.sampled_from([-2, -1, 1, 2]))
    def stale_append_is_refused(self, data: st.DataObject, offset: int) -> None:
        self.serial += 1
        event = data.draw(facts(f"m{self.serial}"))
        with pytest.raises(errors.ConcurrencyError):
            self.store.append([event], expected_version=len(self.model) + offset)

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def identical_reappend_is_a_no_op(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.model))
        assert self.store.append([event]) == len(self.model)

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def conflicting_append_is_refused(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.model))
        changed = attrs.evolve(event, note="other" if event.note == "changed" else "changed")
        self.serial += 1
        with pytest.raises(pl.DecodeError):
            self.store.append([data.draw(facts(f"m{self.serial}")), changed])

    @rule(code=st.sampled_from(REGION_CODES))
    def read_by_region_matches_the_model(self, code: str) -> None:
        selection = pl.Selection.of(region=code)
        expected = [e for e in self.model if selection.matches(e)]
        assert list(self.store.read(region=code)) == expected
        assert self.store.count(region=code) == len(expected)

    @invariant()
    def everything_reads_back_in_order(self) -> None:
        assert self.store.version == len(self.model)
        assert list(self.store.read()) == self.model


def test_store_matches_the_model(make_store: StoreFactory) -> None:
    """Any sequence of appends, stale appends, conflicts and reads leaves the store equal
    to a plain list of the accepted events."""

    class FreshStoreMachine(StoreMachine):
        def __init__(self) -> None:
            super().__init__(make_store)

    run_state_machine_as_test(
        FreshStoreMachine,
        settings=settings(max_examples=20, stateful_step_count=10, deadline=None),
    )
