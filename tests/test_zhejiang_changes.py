"""Zhejiang's division changes since 2000, each checked against the lists and documents.

Each case names the approving document as the data records it (国函, 民函, 浙政发); the
day is the list that first shows the change: 31 December of its year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from policyline._regions import (
    children,
    exists_on,
    predecessors,
    region,
    subtree,
    successors,
)
from policyline.errors import NotADivision, RegionNotOnDay, UnknownRegion


def _became(code: str) -> set[tuple[str, str, str]]:
    return {(c.after, c.kind, c.day.isoformat()) for c in successors(code)}


@pytest.mark.parametrize(
    ("before", "after", "kind", "year", "document"),
    [
        ("330181", "330109", "conversion", 2001, "国函〔2001〕13号"),  # 萧山市 -> 萧山区
        ("330184", "330110", "conversion", 2001, "国函〔2001〕13号"),  # 余杭市 -> 余杭区
        ("330227", "330212", "conversion", 2002, "国函〔2002〕8号"),  # 鄞县 -> 鄞州区
        ("330183", "330111", "conversion", 2014, "国函〔2014〕157号"),  # 富阳市 -> 富阳区
        ("330322", "330305", "conversion", 2015, "国函〔2015〕122号"),  # 洞头县 -> 洞头区
        ("330283", "330213", "conversion", 2016, "国函〔2016〕158号"),  # 奉化市 -> 奉化区
        ("330204", "330212", "merge", 2016, "国函〔2016〕158号"),  # 江东区 into 鄞州区
        ("330185", "330112", "conversion", 2017, "国函〔2017〕102号"),  # 临安市 -> 临安区
        ("331021", "331083", "conversion", 2017, "民函〔2017〕70号"),  # 玉环县 -> 玉环市
        ("330327", "330383", "transfer", 2019, "民函〔2019〕83号"),  # 龙港市 from 苍南县
        ("330682", "330604", "conversion", 2013, "国函〔2013〕112号"),  # 上虞市 -> 上虞区
        ("332500", "331100", "conversion", 2000, "国函〔2000〕46号"),  # 丽水地区 -> 丽水市
        ("330402", "330402", "rename", 2005, "民函〔2005〕103号"),  # 秀城区 -> 南湖区
    ],
)
def test_a_change_of_zhejiang(before: str, after: str, kind: str, year: int, document: str) -> None:
    """The change is recorded with its kind, its list date and its document."""
    (change,) = [c for c in successors(before) if c.after == after]
    assert (change.kind, change.day, change.document) == (kind, dt.date(year, 12, 31), document)
    assert change in predecessors(after)
    assert change.approved is not None
    assert change.approved.year == year


def test_hangzhous_2021_reorganization() -> None:
    """浙政发〔2021〕7号: 上城 and 江干 make the new 上城 (without 下沙, 白杨), 下城 and 拱墅
    the new 拱墅; 临平 from part of 余杭; 钱塘 from 江干's 下沙, 白杨 and part of 萧山."""
    day = dt.date(2021, 12, 31)
    assert _became("330104") == {
        ("330102", "split", "2021-12-31"),
        ("330114", "split", "2021-12-31"),
    }
    assert _became("330103") == {("330105", "merge", "2021-12-31")}
    assert {(c.before, c.kind) for c in predecessors("330113")} == {("330110", "transfer")}
    assert {(c.before, c.kind) for c in predecessors("330114")} == {
        ("330104", "split"),
        ("330109", "transfer"),
    }
    before = {r.short for r in children("330100", on=day - dt.timedelta(days=1))}
    after = {r.short for r in children("330100", on=day)}
    assert before - after == {"下城", "江干"}
    assert after - before == {"临平", "钱塘"}
    assert len(before) == len(after) == 13
    assert "330104" in subtree("330100", on=dt.date(2021, 6, 1))
    assert "330104" not in subtree("330100")


def test_a_name_resolves_to_the_code_of_the_day() -> None:
    """余杭 was the county-level city 330184 until the 2001 list, the district 330110 after;
    without a day, the current one. 秀城区 became 南湖区 under one code."""
    assert region("余杭", on=dt.date(2000, 6, 1)).code == "330184"
    assert region("余杭", on=dt.date(2002, 1, 1)).code == "330110"
    assert region("余杭").code == "330110"
    assert region("萧山", on=dt.date(2001, 12, 30)).name == "萧山市"
    assert region("萧山").name == "萧山区"
    assert region("330402", on=dt.date(2004, 6, 1)).name == "秀城区"
    assert region("330402").name == "南湖区"
    assert region("上城区", on=dt.date(2020, 1, 1)) == region("上城区", on=dt.date(2022, 1, 1))


def test_ended_units_are_found_by_code_and_name() -> None:
    """江干区, 下城区 and the county-level 萧山市 are no longer listed, but found."""
    for spelling, code in [
        ("330104", "330104"),
        ("江干区", "330104"),
        ("330103", "330103"),
        ("下城区", "330103"),
        ("330181", "330181"),
        ("萧山市", "330181"),
        ("蕭山市", "330181"),
    ]:
        found = region(spelling)
        assert found.code == code
        assert not found.current
    assert region("江干区").valid_to == dt.date(2021, 12, 31)
    assert not exists_on("330104", dt.date(2022, 1, 1))
    assert exists_on("330104", dt.date(2021, 12, 30))


def test_a_unit_not_listed_on_the_day_names_its_span_and_what_it_became() -> None:
    """The refusal names the code, the day, the list dates and the successors."""
    with pytest.raises(RegionNotOnDay) as caught:
        region("330104", on=dt.date(2022, 1, 1))
    message = str(caught.value)
    for part in ("330104", "2022-01-01", "2021-12-31", "330102 上城区", "330114 钱塘区"):
        assert part in message
    assert isinstance(caught.value, UnknownRegion)
    assert caught.value.became == ("330102 上城区", "330114 钱塘区")
    with pytest.raises(RegionNotOnDay, match="list of 2021-12-31"):
        region("临平区", on=dt.date(2021, 6, 1))


def test_a_development_zone_is_refused_not_filed_under_its_city() -> None:
    """330371 (温州经济技术开发区), in the statistics bureau's 2018 list only."""
    for spelling in ("330371", "温州经济技术开发区"):
        with pytest.raises(NotADivision) as caught:
            region(spelling)
        assert "330371" in str(caught.value)
        assert "温州市 (330300)" in str(caught.value)
        assert caught.value.parent == "温州市 (330300)"


def test_shared_names_across_china_find_no_one() -> None:
    """鼓楼区, 朝阳区, 普陀区 and 西湖区 name districts of several cities."""
    for name in ("鼓楼区", "朝阳区", "普陀区", "西湖区", "Taizhou"):
        with pytest.raises(UnknownRegion) as caught:
            region(name)
        assert len(caught.value.suggestions) >= 2
    with pytest.raises(UnknownRegion) as caught:
        region("西湖区")
    assert any("330106" in s and "杭州" in s for s in caught.value.suggestions)
