"""Field kinds: each converter is the only rule of its fields, and the decoder's shortcuts
never accept what the converter would not return unchanged."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyline import fields
from policyline._fields import KINDS, kind_of, visible
from policyline.errors import InvalidEvent

TRICKY_TEXT = st.sampled_from(
    ["", " ", "\u3000", "\t\n", "x", " x ", "2021", "330100", "家", "\u200b", "\u200b家", "\u202e"]
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=4)
    | TRICKY_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=2)
    ),
    max_leaves=4,
)


def _accepted(expression: str, value: object) -> bool:
    names = {"isfinite": math.isfinite, "visible": visible}
    return bool(eval(expression.format(v="value"), names, {"value": value}))


@given(JSON_VALUES)
def test_a_shortcut_takes_only_values_its_converter_returns_unchanged(value: Any) -> None:
    """For every kind with ``accepts``: if the expression takes a value, the converter
    returns that very value (so skipping the call changes nothing)."""
    for converter, kind in KINDS.items():
        if kind.accepts is not None and _accepted(kind.accepts, value):
            assert converter(value, "f") is value, (converter.__name__, value)


@given(JSON_VALUES)
def test_a_known_value_is_what_its_converter_returns(value: Any) -> None:
    """Whatever a converter has accepted and remembered (``known``) is what it returns
    for that text again, the very object."""
    for converter, kind in KINDS.items():
        if kind.known is None:
            continue
        with contextlib.suppress(InvalidEvent):
            converter(value, "f")
        for text, remembered in list(kind.known.items())[-50:]:
            assert converter(text, "f") is remembered


@pytest.mark.parametrize(
    ("converter", "value", "expected"),
    [
        (fields.text, "  ", "a non-empty string"),
        (fields.text, 3, "a non-empty string"),
        (fields.text, "\u200b\u200d\u2060", "a string with a visible character"),
        (fields.text, "\u202e ", "a string with a visible character"),
        (fields.text, "质量\ud800", "text without lone surrogates"),
        (fields.texts, ["ok", "\ufeff"], "a list of non-empty strings"),
        (fields.word, "", "a non-empty string"),
        (fields.date, "2021-02-30", "day 30 does not exist"),
        (fields.date, 2021, "an EDTF date such as"),
        (fields.number, True, "a number"),
        (fields.number, 10**400, "a finite number"),
        (fields.number, math.inf, "a finite number"),
        (fields.region_code, "999999", "region code in the gazetteer"),
        (fields.region_code_list, ["330100", "x"], "region code in the gazetteer"),
        (fields.texts, "abc", "a list of non-empty strings"),
        (fields.event_ids, ["a", ""], "a list of event ids"),
        (fields.statistic_kind, "sum", "one of total, increment, rate"),
        (fields.bound, "roughly", "one of exact, at_least"),
        (fields.flag, 1, "true or false"),
    ],
)
def test_a_converter_says_what_it_expected_and_what_it_got(
    converter: Any, value: object, expected: str
) -> None:
    """Each refusal is an InvalidEvent naming the field it was asked about."""
    with pytest.raises(InvalidEvent) as caught:
        converter(value, "the_field")
    assert caught.value.field == "the_field"
    assert expected in caught.value.expected


def test_a_converter_of_ones_own_is_a_plain_kind() -> None:
    """A field whose converter policyline does not know is written as it is."""
    assert kind_of(lambda value: value).to_json is None
    assert kind_of(None).references is None
