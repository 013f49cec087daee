"""Events validate themselves: a bad field raises naming the field and the value."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from policyline import (
    AgreementSigned,
    Corrected,
    CQOAppointed,
    PolicyIssued,
    Source,
    StatisticReported,
)
from policyline.errors import (
    InvalidEvent,
)

ENVELOPE: dict[str, Any] = {
    "id": "e1",
    "region": "330300",
    "effective": "2006",
    "recorded": "2010-11-18/2010-12-31",
    "source": Source("003.txt", "2006年"),
}


def test_events_are_frozen() -> None:
    """An event cannot be changed after construction."""
    event = PolicyIssued(**ENVELOPE, title="规划", issuer="温州市政府")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"region": "温州"}, "region", "温州"),
        ({"effective": "2006-13"}, "effective", "2006-13"),
        ({"recorded": 2010}, "recorded", 2010),
        ({"id": ""}, "id", ""),
        ({"title": None}, "title", None),
        ({"validity": "2020/2006"}, "validity", "2020/2006"),
    ],
)
def test_bad_fields_are_named(changes: dict[str, Any], field: str, value: object) -> None:
    """InvalidEvent carries the field, the value and what was expected."""
    fields: dict[str, Any] = {**ENVELOPE, "title": "规划", "issuer": "温州市政府", **changes}
    with pytest.raises(InvalidEvent) as caught:
        PolicyIssued(**fields)
    assert caught.value.field == field
    assert caught.value.value == value
    assert field in str(caught.value)


def test_statistic_rejects_unknown_kind_and_non_numbers() -> None:
    """kind must be total, increment or rate; value must be a finite number."""
    base: dict[str, Any] = {**ENVELOPE, "metric": "m", "unit": "家"}
    with pytest.raises(InvalidEvent, match="kind"):
        StatisticReported(**base, value=1, kind="sum")
    with pytest.raises(InvalidEvent, match="value"):
        StatisticReported(**base, value=True, kind="total")
    with pytest.raises(InvalidEvent, match="value"):
        StatisticReported(**base, value=float("nan"), kind="total")


def test_cqo_needs_a_person_or_an_organization() -> None:
    """A CQO appointment names someone or somewhere."""
    with pytest.raises(InvalidEvent, match="person"):
        CQOAppointed(**ENVELOPE)


def test_agreement_includes_its_own_region() -> None:
    """An agreement's regions include the region it is filed under."""
    with pytest.raises(InvalidEvent, match="regions"):
        AgreementSigned(**ENVELOPE, title="协议", parties=("a",), party_regions=("350900",))


def test_correction_replacement_keeps_the_target_id() -> None:
    """A correction's replacement is the corrected target: same id."""
    replacement = PolicyIssued(**ENVELOPE, title="规划", issuer="温州市政府")
    with pytest.raises(InvalidEvent, match=r"replacement\.id"):
        Corrected(**{**ENVELOPE, "id": "c1"}, target="other", reason="r", replacement=replacement)
