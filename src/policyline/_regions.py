"""The gazetteer: the nation, Zhejiang's regions with GB/T 2260 codes, parents and names.

Nation > province > prefecture-level city > district or county-level unit. The nation
(全国) has no GB/T 2260 code; it is ``100000``, the code Chinese map services (Amap's
district codes, DataV.GeoAtlas) give the whole country, so national facts have a home.
The nation and Fujian are *partial*: only the provinces and cities the corpus names are
listed, so a sum over their children is never taken for a complete total. Zhejiang is complete:
its 11 prefecture-level cities and all 90 county-level units (市辖区, 县级市, 县, 自治县)
of the 2021 division list, Hangzhou's 2021 districts and 龙港市 (2019) included; Fujian
and Ningde are there for the corpus. Codes and names are checked against two public lists,
modood/Administrative-divisions-of-China (dist/areas.csv) and
xiangyuecn/AreaCity-JsSpider-StatsGov (src/采集到的数据/ok_data_level3.csv, also the source
of the short names and pinyin); statistics-only codes such as 330371, a development zone,
are not divisions and are left out. Traditional names are OpenCC's ``s2t``.

Every region can be looked up by its code, its full or short name in simplified or
traditional script, or its English name; an unknown name raises :class:`UnknownRegion`
with the closest matches. A spelling that names two regions finds neither: it raises
:class:`UnknownRegion` suggesting each of them, so a lookup never silently picks one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from policyline._caching import memoized
from policyline._hanzi import fold
from policyline.errors import UnknownRegion

Level = Literal["nation", "province", "prefecture", "county"]


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
    partial: bool = False
    """The gazetteer lists only some of the regions directly below this one (the nation's
    provinces, Fujian's cities): a sum over its children can never be complete."""

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
    *,
    partial: bool = False,
) -> Region:
    return Region(code, name, short, traditional, english, level, parent, partial)


NATION, ZJ, FJ = "100000", "330000", "350000"
_REGIONS: tuple[Region, ...] = (
    _r(NATION, "全国", "中国", "全國", "China", "nation", None, partial=True),
    _r(ZJ, "浙江省", "浙江", "浙江省", "Zhejiang", "province", NATION),
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
    # 杭州市: 13
    _r("330102", "上城区", "上城", "上城區", "Shangcheng", "county", "330100"),
    _r("330105", "拱墅区", "拱墅", "拱墅區", "Gongshu", "county", "330100"),
    _r("330106", "西湖区", "西湖", "西湖區", "Xihu", "county", "330100"),
    _r("330108", "滨江区", "滨江", "濱江區", "Binjiang", "county", "330100"),
    _r("330109", "萧山区", "萧山", "蕭山區", "Xiaoshan", "county", "330100"),
    _r("330110", "余杭区", "余杭", "餘杭區", "Yuhang", "county", "330100"),
    _r("330111", "富阳区", "富阳", "富陽區", "Fuyang", "county", "330100"),
    _r("330112", "临安区", "临安", "臨安區", "Lin'an", "county", "330100"),
    _r("330113", "临平区", "临平", "臨平區", "Linping", "county", "330100"),
    _r("330114", "钱塘区", "钱塘", "錢塘區", "Qiantang", "county", "330100"),
    _r("330122", "桐庐县", "桐庐", "桐廬縣", "Tonglu", "county", "330100"),
    _r("330127", "淳安县", "淳安", "淳安縣", "Chun'an", "county", "330100"),
    _r("330182", "建德市", "建德", "建德市", "Jiande", "county", "330100"),
    # 宁波市: 10
    _r("330203", "海曙区", "海曙", "海曙區", "Haishu", "county", "330200"),
    _r("330205", "江北区", "江北", "江北區", "Jiangbei", "county", "330200"),
    _r("330206", "北仑区", "北仑", "北侖區", "Beilun", "county", "330200"),
    _r("330211", "镇海区", "镇海", "鎮海區", "Zhenhai", "county", "330200"),
    _r("330212", "鄞州区", "鄞州", "鄞州區", "Yinzhou", "county", "330200"),
    _r("330213", "奉化区", "奉化", "奉化區", "Fenghua", "county", "330200"),
    _r("330225", "象山县", "象山", "象山縣", "Xiangshan", "county", "330200"),
    _r("330226", "宁海县", "宁海", "寧海縣", "Ninghai", "county", "330200"),
    _r("330281", "余姚市", "余姚", "餘姚市", "Yuyao", "county", "330200"),
    _r("330282", "慈溪市", "慈溪", "慈谿市", "Cixi", "county", "330200"),
    # 温州市: 12
    _r("330302", "鹿城区", "鹿城", "鹿城區", "Lucheng", "county", "330300"),
    _r("330303", "龙湾区", "龙湾", "龍灣區", "Longwan", "county", "330300"),
    _r("330304", "瓯海区", "瓯海", "甌海區", "Ouhai", "county", "330300"),
    _r("330305", "洞头区", "洞头", "洞頭區", "Dongtou", "county", "330300"),
    _r("330324", "永嘉县", "永嘉", "永嘉縣", "Yongjia", "county", "330300"),
    _r("330326", "平阳县", "平阳", "平陽縣", "Pingyang", "county", "330300"),
    _r("330327", "苍南县", "苍南", "蒼南縣", "Cangnan", "county", "330300"),
    _r("330328", "文成县", "文成", "文成縣", "Wencheng", "county", "330300"),
    _r("330329", "泰顺县", "泰顺", "泰順縣", "Taishun", "county", "330300"),
    _r("330381", "瑞安市", "瑞安", "瑞安市", "Rui'an", "county", "330300"),
    _r("330382", "乐清市", "乐清", "樂清市", "Yueqing", "county", "330300"),
    _r("330383", "龙港市", "龙港", "龍港市", "Longgang", "county", "330300"),
    # 嘉兴市: 7
    _r("330402", "南湖区", "南湖", "南湖區", "Nanhu", "county", "330400"),
    _r("330411", "秀洲区", "秀洲", "秀洲區", "Xiuzhou", "county", "330400"),
    _r("330421", "嘉善县", "嘉善", "嘉善縣", "Jiashan", "county", "330400"),
    _r("330424", "海盐县", "海盐", "海鹽縣", "Haiyan", "county", "330400"),
    _r("330481", "海宁市", "海宁", "海寧市", "Haining", "county", "330400"),
    _r("330482", "平湖市", "平湖", "平湖市", "Pinghu", "county", "330400"),
    _r("330483", "桐乡市", "桐乡", "桐鄉市", "Tongxiang", "county", "330400"),
    # 湖州市: 5
    _r("330502", "吴兴区", "吴兴", "吳興區", "Wuxing", "county", "330500"),
    _r("330503", "南浔区", "南浔", "南潯區", "Nanxun", "county", "330500"),
    _r("330521", "德清县", "德清", "德清縣", "Deqing", "county", "330500"),
    _r("330522", "长兴县", "长兴", "長興縣", "Changxing", "county", "330500"),
    _r("330523", "安吉县", "安吉", "安吉縣", "Anji", "county", "330500"),
    # 绍兴市: 6
    _r("330602", "越城区", "越城", "越城區", "Yuecheng", "county", "330600"),
    _r("330603", "柯桥区", "柯桥", "柯橋區", "Keqiao", "county", "330600"),
    _r("330604", "上虞区", "上虞", "上虞區", "Shangyu", "county", "330600"),
    _r("330624", "新昌县", "新昌", "新昌縣", "Xinchang", "county", "330600"),
    _r("330681", "诸暨市", "诸暨", "諸暨市", "Zhuji", "county", "330600"),
    _r("330683", "嵊州市", "嵊州", "嵊州市", "Shengzhou", "county", "330600"),
    # 金华市: 9
    _r("330702", "婺城区", "婺城", "婺城區", "Wucheng", "county", "330700"),
    _r("330703", "金东区", "金东", "金東區", "Jindong", "county", "330700"),
    _r("330723", "武义县", "武义", "武義縣", "Wuyi", "county", "330700"),
    _r("330726", "浦江县", "浦江", "浦江縣", "Pujiang", "county", "330700"),
    _r("330727", "磐安县", "磐安", "磐安縣", "Pan'an", "county", "330700"),
    _r("330781", "兰溪市", "兰溪", "蘭谿市", "Lanxi", "county", "330700"),
    _r("330782", "义乌市", "义乌", "義烏市", "Yiwu", "county", "330700"),
    _r("330783", "东阳市", "东阳", "東陽市", "Dongyang", "county", "330700"),
    _r("330784", "永康市", "永康", "永康市", "Yongkang", "county", "330700"),
    # 衢州市: 6
    _r("330802", "柯城区", "柯城", "柯城區", "Kecheng", "county", "330800"),
    _r("330803", "衢江区", "衢江", "衢江區", "Qujiang", "county", "330800"),
    _r("330822", "常山县", "常山", "常山縣", "Changshan", "county", "330800"),
    _r("330824", "开化县", "开化", "開化縣", "Kaihua", "county", "330800"),
    _r("330825", "龙游县", "龙游", "龍游縣", "Longyou", "county", "330800"),
    _r("330881", "江山市", "江山", "江山市", "Jiangshan", "county", "330800"),
    # 舟山市: 4
    _r("330902", "定海区", "定海", "定海區", "Dinghai", "county", "330900"),
    _r("330903", "普陀区", "普陀", "普陀區", "Putuo", "county", "330900"),
    _r("330921", "岱山县", "岱山", "岱山縣", "Daishan", "county", "330900"),
    _r("330922", "嵊泗县", "嵊泗", "嵊泗縣", "Shengsi", "county", "330900"),
    # 台州市: 9
    _r("331002", "椒江区", "椒江", "椒江區", "Jiaojiang", "county", "331000"),
    _r("331003", "黄岩区", "黄岩", "黃巖區", "Huangyan", "county", "331000"),
    _r("331004", "路桥区", "路桥", "路橋區", "Luqiao", "county", "331000"),
    _r("331022", "三门县", "三门", "三門縣", "Sanmen", "county", "331000"),
    _r("331023", "天台县", "天台", "天台縣", "Tiantai", "county", "331000"),
    _r("331024", "仙居县", "仙居", "仙居縣", "Xianju", "county", "331000"),
    _r("331081", "温岭市", "温岭", "溫嶺市", "Wenling", "county", "331000"),
    _r("331082", "临海市", "临海", "臨海市", "Linhai", "county", "331000"),
    _r("331083", "玉环市", "玉环", "玉環市", "Yuhuan", "county", "331000"),
    # 丽水市: 9
    _r("331102", "莲都区", "莲都", "蓮都區", "Liandu", "county", "331100"),
    _r("331121", "青田县", "青田", "青田縣", "Qingtian", "county", "331100"),
    _r("331122", "缙云县", "缙云", "縉雲縣", "Jinyun", "county", "331100"),
    _r("331123", "遂昌县", "遂昌", "遂昌縣", "Suichang", "county", "331100"),
    _r("331124", "松阳县", "松阳", "松陽縣", "Songyang", "county", "331100"),
    _r("331125", "云和县", "云和", "雲和縣", "Yunhe", "county", "331100"),
    _r("331126", "庆元县", "庆元", "慶元縣", "Qingyuan", "county", "331100"),
    _r("331127", "景宁畲族自治县", "景宁", "景寧畲族自治縣", "Jingning", "county", "331100"),
    _r("331181", "龙泉市", "龙泉", "龍泉市", "Longquan", "county", "331100"),
    _r(FJ, "福建省", "福建", "福建省", "Fujian", "province", NATION, partial=True),
    _r("350900", "宁德市", "宁德", "寧德市", "Ningde", "prefecture", FJ, partial=True),
)

_BY_CODE: dict[str, Region] = {r.code: r for r in _REGIONS}


def _index(
    regions: Iterable[Region],
) -> tuple[dict[str, Region], dict[str, tuple[Region, ...]]]:
    """Every spelling of every region, folded: those naming one region, and the shared ones.

    A spelling shared by two regions (say two districts called 鼓楼区) is kept apart rather
    than left to whichever region came last.
    """
    named: dict[str, list[Region]] = {}
    for region in regions:
        spellings = (region.code, region.name, region.short, region.traditional, region.english)
        for key in dict.fromkeys(fold(spelling) for spelling in spellings):
            named.setdefault(key, []).append(region)
    unique = {key: found[0] for key, found in named.items() if len(found) == 1}
    shared = {key: tuple(found) for key, found in named.items() if len(found) > 1}
    return unique, shared


_NAMES: list[tuple[dict[str, Region], dict[str, tuple[Region, ...]]]] = []


def _by_name() -> tuple[dict[str, Region], dict[str, tuple[Region, ...]]]:
    """Every spelling's region, built on the first lookup by name (it folds every name)."""
    if not _NAMES:
        _NAMES.append(_index(_REGIONS))
    return _NAMES[0]


def region(name_or_code: str) -> Region:
    """Find a region by code, full or short name (either script) or English name."""
    found = _BY_CODE.get(name_or_code)
    if found is not None:
        return found
    if not isinstance(name_or_code, str):
        raise UnknownRegion(repr(name_or_code), ())
    index, shared = _by_name()
    key = fold(name_or_code)
    found = index.get(key)
    if found is not None:
        return found
    if key in shared:
        raise UnknownRegion(name_or_code, [str(r) for r in shared[key]])
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.3)
    suggestions = list(dict.fromkeys(str(index[k]) for k in close))
    raise UnknownRegion(name_or_code, suggestions)


def is_known_code(code: str) -> bool:
    """Is ``code`` a region code in the gazetteer?"""
    return code in _BY_CODE


def region_codes() -> tuple[str, ...]:
    """Every region code in the gazetteer."""
    return tuple(_BY_CODE)


def all_regions() -> tuple[Region, ...]:
    """Every region in the gazetteer, the nation first, then each province and its cities."""
    return _REGIONS


def provinces() -> tuple[Region, ...]:
    """The provinces in the gazetteer."""
    return tuple(r for r in _REGIONS if r.level == "province")


@memoized(1_000)
def children(code: str) -> tuple[Region, ...]:
    """The regions directly below ``code``."""
    return tuple(r for r in _REGIONS if r.parent == code)


@memoized(1_000)
def subtree(code: str) -> frozenset[str]:
    """The codes of ``code`` and of every region below it."""
    return frozenset(within(code))


@memoized(1_000)
def within(code: str) -> tuple[str, ...]:
    """The codes of ``code`` and of every region below it, in gazetteer order."""
    return tuple(r.code for r in _REGIONS if is_within(r.code, code))


def ancestors(code: str) -> Iterator[Region]:
    """The regions above ``code``, nearest first."""
    parent = _BY_CODE[code].parent
    while parent is not None:
        yield _BY_CODE[parent]
        parent = _BY_CODE[parent].parent


def is_within(code: str, ancestor: str) -> bool:
    """Is ``code`` the region ``ancestor`` or below it?"""
    return code == ancestor or any(a.code == ancestor for a in ancestors(code))
