"""The gazetteer: Zhejiang's regions with GB/T 2260 codes, parents and names.

Province > prefecture-level city > district or county-level unit. Every region can be
looked up by its code, its full or short name in simplified or traditional script, or its
English name; an unknown name raises :class:`UnknownRegion` with the closest matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import Literal

import attrs

from policyline.errors import UnknownRegion
from policyline.hanzi import fold

Level = Literal["province", "prefecture", "county"]


@attrs.frozen
class Region:
    """One administrative region."""

    code: str
    name: str
    short: str
    traditional: str
    english: str
    level: Level
    parent: str | None

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


def _r(
    code: str,
    name: str,
    short: str,
    traditional: str,
    english: str,
    level: Level,
    parent: str | None,
) -> Region:
    return Region(code, name, short, traditional, english, level, parent)


ZJ, FJ = "330000", "350000"
_REGIONS: tuple[Region, ...] = (
    _r(ZJ, "浙江省", "浙江", "浙江省", "Zhejiang", "province", None),
    _r("330100", "杭州市", "杭州", "杭州市", "Hangzhou", "prefecture", ZJ),
    _r("330200", "宁波市", "宁波", "寧波市", "Ningbo", "prefecture", ZJ),
    _r("330300", "温州市", "温州", "溫州市", "Wenzhou", "prefecture", ZJ),
    _r("330400", "嘉兴市", "嘉兴", "嘉興市", "Jiaxing", "prefecture", ZJ),
    _r("330500", "湖州市", "湖州", "湖州市", "Huzhou", "prefecture", ZJ),
    _r("330600", "绍兴市", "绍兴", "紹興市", "Shaoxing", "prefecture", ZJ),
    _r("330700", "金华市", "金华", "金華市", "Jinhua", "prefecture", ZJ),
    _r("330800", "衢州市", "衢州", "衢州市", "Quzhou", "prefecture", ZJ),
    _r("330900", "舟山市", "舟山", "舟山市", "Zhoushan", "prefecture", ZJ),
    _r("331000", "台州市", "台州", "台州市", "Taizhou", "prefecture", ZJ),
    _r("331100", "丽水市", "丽水", "麗水市", "Lishui", "prefecture", ZJ),
    _r("330110", "余杭区", "余杭", "餘杭區", "Yuhang", "county", "330100"),
    _r("330302", "鹿城区", "鹿城", "鹿城區", "Lucheng", "county", "330300"),
    _r("330324", "永嘉县", "永嘉", "永嘉縣", "Yongjia", "county", "330300"),
    _r("330381", "瑞安市", "瑞安", "瑞安市", "Rui'an", "county", "330300"),
    _r("330382", "乐清市", "乐清", "樂清市", "Yueqing", "county", "330300"),
    _r("330402", "南湖区", "南湖", "南湖區", "Nanhu", "county", "330400"),
    _r("330411", "秀洲区", "秀洲", "秀洲區", "Xiuzhou", "county", "330400"),
    _r("330421", "嘉善县", "嘉善", "嘉善縣", "Jiashan", "county", "330400"),
    _r("330683", "嵊州市", "嵊州", "嵊州市", "Shengzhou", "county", "330600"),
    _r("330726", "浦江县", "浦江", "浦江縣", "Pujiang", "county", "330700"),
    _r("331023", "天台县", "天台", "天台縣", "Tiantai", "county", "331000"),
    _r(FJ, "福建省", "福建", "福建省", "Fujian", "province", None),
    _r("350900", "宁德市", "宁德", "寧德市", "Ningde", "prefecture", FJ),
)

_BY_CODE: dict[str, Region] = {r.code: r for r in _REGIONS}


@cache
def _by_name() -> dict[str, Region]:
    index: dict[str, Region] = {}
    for region in _REGIONS:
        for key in (region.code, region.name, region.short, region.traditional, region.english):
            index[fold(key)] = region
    return index


def region(name_or_code: str) -> Region:
    """Find a region by code, full or short name (either script) or English name."""
    found = _BY_CODE.get(name_or_code)
    if found is not None:
        return found
    if not isinstance(name_or_code, str):
        raise UnknownRegion(repr(name_or_code), ())
    index = _by_name()
    key = fold(name_or_code)
    found = index.get(key)
    if found is not None:
        return found
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.3)
    suggestions = list(dict.fromkeys(str(index[k]) for k in close))
    raise UnknownRegion(name_or_code, suggestions)


def is_known_code(code: str) -> bool:
    """Is ``code`` a region code in the gazetteer?"""
    return code in _BY_CODE


def all_regions() -> tuple[Region, ...]:
    """Every region in the gazetteer, provinces first."""
    return _REGIONS


def children(code: str) -> tuple[Region, ...]:
    """The regions directly below ``code``."""
    return tuple(r for r in _REGIONS if r.parent == code)


def ancestors(code: str) -> Iterator[Region]:
    """The regions above ``code``, nearest first."""
    parent = _BY_CODE[code].parent
    while parent is not None:
        yield _BY_CODE[parent]
        parent = _BY_CODE[parent].parent


def is_within(code: str, ancestor: str) -> bool:
    """Is ``code`` the region ``ancestor`` or below it?"""
    return code == ancestor or any(a.code == ancestor for a in ancestors(code))
