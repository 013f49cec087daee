"""The gazetteer: every spelling finds its region; unknown names get suggestions."""

from __future__ import annotations

import pytest

from policyline import _regions as regions
from policyline import region
from policyline._hanzi import fold
from policyline._regions import (
    NATION,
    Region,
    _index,
    all_regions,
    ancestors,
    children,
    is_known_code,
    provinces,
    within,
)
from policyline.errors import UnknownRegion


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
    for county in (r for r in all_regions() if r.level == "county" and r.code[:2] == "33"):
        assert [a.level for a in ancestors(county.code)] == ["prefecture", "province", "nation"]


def test_codes_follow_gb_t_2260_nesting() -> None:
    """A child's code starts with its parent's province (and city) digits."""
    for found in all_regions():
        if found.parent not in (None, NATION):
            prefix = found.parent.rstrip("0")
            assert found.code.startswith(prefix[:4] if len(prefix) > 2 else prefix[:2])


def test_zhejiang_has_every_county_level_unit() -> None:
    """All 90 county-level units of Zhejiang (2021 division list), each under its city."""
    counties = [r for r in all_regions() if r.level == "county" and r.code.startswith("33")]
    assert len(counties) == 90
    per_city = {city.short: len(children(city.code)) for city in children("330000")}
    assert per_city == {
        "杭州": 13,
        "宁波": 10,
        "温州": 12,
        "嘉兴": 7,
        "湖州": 5,
        "绍兴": 6,
        "金华": 9,
        "衢州": 6,
        "舟山": 4,
        "台州": 9,
        "丽水": 9,
    }


def test_every_code_is_six_digits_under_its_city() -> None:
    """A county's parent is its code's city (first four digits + "00"), which exists, or
    its province where the list has no such city (仙桃市, 济源市: 省直辖)."""
    for found in all_regions():
        assert len(found.code) == 6
        assert found.code.isdigit()
        if found.level == "county" and is_known_code(found.code[:4] + "00"):
            assert found.parent == found.code[:4] + "00"
            assert region(found.parent).level == "prefecture"
        elif found.level == "county":
            assert found.parent == found.code[:2] + "0000"
        elif found.level == "prefecture":
            assert found.parent == found.code[:2] + "0000"
            assert found.code.endswith("00")
        elif found.level == "province":
            assert found.parent == NATION
            assert found.code.endswith("0000")
        else:
            assert (found.code, found.parent, found.partial) == (NATION, None, False)


def test_zhejiang_rolled_up_never_includes_the_nation_or_fujian() -> None:
    """The nation sits above every province; Zhejiang's subtree holds Zhejiang only."""
    assert region("全国") == region("中国") == region("全國") == region("China") == region(NATION)
    zhejiang = within("330000")
    assert NATION not in zhejiang
    assert not any(code.startswith("35") for code in zhejiang)
    assert all(code[:2] == "33" for code in zhejiang)
    assert {r.code for r in children(NATION)} == {r.code for r in provinces()}
    assert len(provinces()) == 34
    assert {"浙江省", "福建省"} <= {r.name for r in provinces()}


def test_only_partly_listed_regions_are_partial() -> None:
    """Every region lists every region below it but those the lists do not divide."""
    partial = {r.code for r in all_regions() if r.partial}
    assert partial == {"710000", "810000", "820000"}


def test_every_prefecture_has_a_county() -> None:
    """Each prefecture-level city has at least one county-level unit below it."""
    for city in (r for r in all_regions() if r.level == "prefecture" and r.parent == "330000"):
        assert children(city.code), city


def test_no_two_regions_of_zhejiang_share_a_code_or_a_name() -> None:
    """In Zhejiang, codes, full, short, traditional and English names each pick out one
    region (across China they do not: see test_zhejiang_changes)."""
    regions = [r for r in all_regions() if r.code[:2] == "33"]
    for field in ("code", "name", "short", "traditional", "english"):
        values = [getattr(r, field) for r in regions]
        assert len(set(values)) == len(values), field


def test_every_unique_spelling_finds_its_region() -> None:
    """The code and every name of every current region no other current region shares
    look up that region and no other; a shared one raises, naming each."""
    spellings: dict[str, list[Region]] = {}
    for found in all_regions():
        for spelling in (found.code, found.name, found.short, found.traditional, found.english):
            if spelling:
                spellings.setdefault(fold(spelling), []).append(found)
    assert len(spellings["330100"]) == 1
    for key, named in spellings.items():
        owners = list(dict.fromkeys(named))
        if len(owners) == 1:
            assert region(key) is owners[0]
            assert region(key.upper()) is owners[0]
        else:
            with pytest.raises(UnknownRegion) as caught:
                region(key)
            assert len(caught.value.suggestions) == len(owners)


def test_the_names_keep_the_gazetteer_style() -> None:
    """Full names end in a unit word, traditional names fold back, English is plain pinyin."""
    for found in (r for r in all_regions() if r.level == "county" and r.code[:2] == "33"):
        assert found.name.endswith(("区", "市", "县"))
        assert found.name.startswith(found.short)
        assert fold(found.traditional) == found.name
        assert found.traditional.endswith(("區", "市", "縣"))
        assert found.english.replace("'", "").isascii()
        assert found.english.replace("'", "").isalpha()
        assert found.english[0].isupper()
        assert found.english[1:] == found.english[1:].lower()


@pytest.mark.parametrize(
    ("name", "code", "parent"),
    [
        ("龙港市", "330383", "330300"),
        ("龍港市", "330383", "330300"),
        ("临平", "330113", "330100"),
        ("临平区", "330113", "330100"),
        ("臨平區", "330113", "330100"),
        ("Linping", "330113", "330100"),
        ("钱塘区", "330114", "330100"),
        ("錢塘區", "330114", "330100"),
        ("上城区", "330102", "330100"),
        ("Lin'an", "330112", "330100"),
        ("Chun'an", "330127", "330100"),
        ("Pan'an", "330727", "330700"),
        ("慈溪市", "330282", "330200"),
        ("慈谿市", "330282", "330200"),
        ("黃巖區", "331003", "331000"),
        ("温岭市", "331081", "331000"),
        ("景宁", "331127", "331100"),
        ("景寧畲族自治縣", "331127", "331100"),
    ],
)
def test_spot_checks(name: str, code: str, parent: str) -> None:
    """A few units checked by hand against the published division list."""
    found = region(name)
    assert (found.code, found.parent, found.level) == (code, parent, "county")


@pytest.mark.parametrize("name", ["龙港", "Longgang", "Jingning", "普陀区"])
def test_names_zhejiang_shares_with_other_provinces(name: str) -> None:
    """龙港 is also 葫芦岛's 龙港区, Longgang also 深圳's 龙岗区, Jingning also 甘肃's
    静宁县, 普陀区 also Shanghai's: each spelling raises, naming Zhejiang's unit too."""
    with pytest.raises(UnknownRegion) as caught:
        region(name)
    assert any(
        s.startswith(("龙港市 (330383)", "景宁", "普陀区 (330903)"))
        for s in caught.value.suggestions
    )


def test_the_development_zone_code_is_not_a_division() -> None:
    """330371 (温州经济技术开发区) is a statistics-only code, not an administrative unit."""
    assert not is_known_code("330371")
    with pytest.raises(UnknownRegion):
        region("330371")


def test_a_shared_spelling_finds_neither_region() -> None:
    """Two regions with one spelling: the index keeps it apart and says which two."""
    gulou_fuzhou = Region("350102", "鼓楼区", "鼓楼", "鼓樓區", "Gulou", "county", "350100")
    gulou_xuzhou = Region("320302", "鼓楼区", "鼓楼", "鼓樓區", "Gulou", "county", "320300")
    unique, every = _index([gulou_fuzhou, gulou_xuzhou])
    assert unique == {"350102": gulou_fuzhou, "320302": gulou_xuzhou}
    assert {key for key, found in every.items() if len(found) > 1} == {"鼓楼区", "鼓楼", "gulou"}
    assert every["gulou"] == (gulou_fuzhou, gulou_xuzhou)


def test_looking_up_a_shared_spelling_raises_with_every_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """region() on a shared spelling raises UnknownRegion suggesting each region."""
    gulou = Region("350102", "鼓楼区", "鼓楼", "鼓樓區", "Gulou", "county", "350100")
    other = Region("320302", "鼓楼区", "鼓楼", "鼓樓區", "Gulou", "county", "320300")
    monkeypatch.setattr(regions, "_by_name", lambda: _index([gulou, other]))
    with pytest.raises(UnknownRegion) as caught:
        region("鼓樓")
    assert [s.split(" in ")[0] for s in caught.value.suggestions] == [
        "鼓楼区 (350102)",
        "鼓楼区 (320302)",
    ]
    assert region("350102") == gulou  # a code is never shared
