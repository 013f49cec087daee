"""The gazetteer: every spelling finds its region; unknown names get suggestions."""

from __future__ import annotations

import pytest

from policyline import UnknownRegion, region
from policyline.regions import all_regions, ancestors, children


@pytest.mark.parametrize("name", ["330100", "杭州", "杭州市", "Hangzhou", "hangzhou"])
def test_hangzhou_by_any_name(name: str) -> None:
    """Code, short and full name, English name in any case."""
    assert region(name).code == "330100"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("溫州", "330300"),
        ("溫州市", "330300"),
        ("餘杭區", "330110"),
        ("嘉興", "330400"),
        ("樂清市", "330382"),
        ("寧德市", "350900"),
    ],
)
def test_traditional_spellings(name: str, code: str) -> None:
    """Traditional spellings find the same regions as simplified ones."""
    assert region(name).code == code


def test_unknown_region_suggests_close_matches() -> None:
    """A typo raises UnknownRegion (a LookupError) with the closest names."""
    with pytest.raises(UnknownRegion) as caught:
        region("杭州市市")
    assert isinstance(caught.value, LookupError)
    assert any("杭州" in s for s in caught.value.suggestions)
    assert "did you mean" in str(caught.value)


def test_hierarchy_has_eleven_cities_under_zhejiang() -> None:
    """Zhejiang has 11 prefecture-level cities; every county's parent is a city."""
    assert len(children("330000")) == 11
    for county in (r for r in all_regions() if r.level == "county"):
        assert [a.level for a in ancestors(county.code)] == ["prefecture", "province"]


def test_codes_follow_gb_t_2260_nesting() -> None:
    """A child's code starts with its parent's province (and city) digits."""
    for found in all_regions():
        if found.parent is not None:
            prefix = found.parent.rstrip("0")
            assert found.code.startswith(prefix[:4] if len(prefix) > 2 else prefix[:2])
