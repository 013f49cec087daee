"""A model-based test: append events and query, against a list and the naive fold."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from policyline import DecodeError, Event, Timeline
from policyline._dates import day_number
from policyline.testing.naive import naive_region_state
from policyline.testing.strategies import REGION_CODES, days, facts


class TimelineMachine(RuleBasedStateMachine):
    """The real Timeline against a model: a plain list of events and the naive fold."""

    def __init__(self) -> None:
        super().__init__()
        self.model: list[Event] = []
        self.timeline = Timeline()

    @rule(data=st.data())
    def append_new_event(self, data: st.DataObject) -> None:
        event = data.draw(facts(f"m{len(self.model)}"))
        self.timeline = self.timeline.extend([event])
        self.model.append(event)

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def append_identical_duplicate(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.model))
        self.timeline = self.timeline.extend([attrs.evolve(event)])

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def append_conflicting_event_is_refused(self, data: st.DataObject) -> None:
        event = data.draw(st.sampled_from(self.model))
        before = self.timeline
        with pytest.raises(DecodeError):
            self.timeline = self.timeline.extend(
                [
                    attrs.evolve(event, note="changed")
                    if event.note != "changed"
                    else attrs.evolve(event, note="other")
                ]
            )
        assert self.timeline is before

    @rule(day=days(), code=st.sampled_from(REGION_CODES))
    def as_of_matches_the_model(self, day: object, code: str) -> None:
        number = day_number(day)  # type: ignore[arg-type]
        assert (
            self.timeline.as_of(day).region(code).facts  # type: ignore[arg-type]
            == naive_region_state(self.model, code, number, None)
        )

    @invariant()
    def same_events(self) -> None:
        assert sorted(e.id for e in self.timeline) == sorted(e.id for e in self.model)


TestTimelineMachine = TimelineMachine.TestCase
