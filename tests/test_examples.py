"""Every script in ``examples/`` runs, prints its key answers, and its functions answer exactly.

The scripts run as a user runs them (``python examples/x.py`` from the repository root);
the main job writes its SQLite store into a temporary directory (``--db``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from examples import (
    cities_side_by_side,
    cqo_systems,
    demonstration_zones,
    imprecise_dates,
    main_job,
    wenzhou_quality_road,
)

import policyline as pl

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))

KEY_OUTPUT = {
    "main_job.py": [
        "168 events stored",
        "As of 2021-09-15 Hangzhou had 2 CQO platforms",
        "许乃平, 浙江吉利控股集团有限公司",
        "its CQO platform had 86 member units",
        "Wenzhou had 4 policies in force",
        "《關于深化名牌發展戰略 創建區域品牌的指導意見》 (issued 2008)",
        "before the article appeared, they showed 0",
        "had possibly, but not certainly, been launched",
        "holds ≥14 浙江省政府质量奖 (reported: 杭州市 12 家 (2021-09-15), 温州市 2 個",
        "9 of 11 cities not reported)",
    ],
    "wenzhou_quality_road.py": [
        "1993–2005",
        "≥85 %",
        "《溫州市千家企業名牌培育工程(2006-2010)》",
        "規模以上企業重點產品采標率從1993年的40%提高到現在的85%以上",
    ],
    "cqo_systems.py": ["not reported yet", "86 家", "669 名", ">660 家", "许乃平"],
    "demonstration_zones.py": [
        "获批国家级产品质量提升示范项目(区): 20, of which named 3",
        "unnamed 17",
        "possible",
    ],
    "cities_side_by_side.py": ["杭州市", "温州市", "嘉兴市", "浙江省", "培育 ≥347 名"],
    "imprecise_dates.py": ["possibly issued:   《溫州市質量與品牌發展規劃(2006-2020)》"],
}


@pytest.fixture(scope="module")
def timeline() -> pl.Timeline:
    return pl.load(ROOT / "events")


def test_every_example_is_checked() -> None:
    """There are at least five examples, and each one has key output checked here."""
    assert len(SCRIPTS) >= 5
    assert sorted(KEY_OUTPUT) == [p.name for p in SCRIPTS]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs_and_prints_its_key_answers(script: Path, tmp_path: Path) -> None:
    """The script exits 0, writes nothing to stderr and prints its key answers."""
    extra = ["--db", str(tmp_path / "policyline.db")] if script.name == "main_job.py" else []
    result = subprocess.run(
        [sys.executable, str(script), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for expected in KEY_OUTPUT[script.name]:
        assert expected in result.stdout


def test_main_job_imports_once_and_replays_from_the_store(tmp_path: Path) -> None:
    """A second import is a no-op, and the stored events are exactly the corpus."""
    db = tmp_path / "store.db"
    first, stored = main_job.import_corpus(db)
    again, _ = main_job.import_corpus(db)
    assert first == again == 168
    assert db.exists()
    assert {e.id for e in stored} == {e.id for e in pl.load(ROOT / "events")}


def test_main_job_default_store_is_git_ignored() -> None:
    """The default store sits in the repository root under a name ``*.db`` ignores."""
    assert main_job.DEFAULT_DB.parent == ROOT
    assert main_job.DEFAULT_DB.suffix == ".db"
    assert "*.db" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_main_job_answers(timeline: pl.Timeline) -> None:
    """The five answers, exactly: the numbers the articles give."""
    hangzhou, wenzhou_2008, _known, possible, tally = main_job.answers(timeline)
    assert "线下企业首席质量官交流平台、首席质量官交流学习平台" in hangzhou
    assert (
        "3 policies in force (《关于加强质量促进工作的决定》、《杭州市质量促进办法》、" in hangzhou
    )
    assert wenzhou_2008.count("(issued 2006)") == 2
    assert len(main_job.known_about_2010(timeline, "2011-01-01")) == 35
    assert main_job.known_about_2010(timeline, "2010-11-17") == []
    assert "possibly, but not certainly" in possible
    value = main_job.zhejiang_award_tally(timeline)[1]
    assert value.value == 14
    assert sorted(value.counted) == [
        "000-hangzhou-zhejiang-gov-quality-award-holders",
        "003-wenzhou-chint-first-provincial-quality-award",
        "003-wenzhou-kangnai-first-provincial-quality-award",
        "003-wenzhou-provincial-gov-quality-awards",
    ]
    assert "14" in tally


def test_wenzhou_road_year_by_year(timeline: pl.Timeline) -> None:
    """Policies in force at each year end: 0 until 2005, 2 from 2006, 3 in 2007 (the
    work-report priority), 4 in 2008, 5 in 2009, 10 in 2010; the 采标率 is 40% from 1993 and
    at least 85% by the end of 2010."""
    years = {y.year: y for y in wenzhou_quality_road.road(timeline)}
    assert sorted(years) == list(range(1993, 2011))
    assert [len(years[y].policies) for y in (1993, 2005, 2006, 2007, 2008, 2009, 2010)] == [
        0,
        0,
        2,
        3,
        4,
        5,
        10,
    ]
    assert years[1993].programs == ("質量立市",)
    rate_1993, rate_2010 = years[1993].adoption_rate, years[2010].adoption_rate
    assert rate_1993 is not None
    assert (rate_1993.value, rate_1993.bound) == (40, "exact")
    assert rate_2010 is not None
    assert (rate_2010.value, rate_2010.bound) == (85, "at_least")
    assert years[2009].adoption_rate == rate_1993
    assert wenzhou_quality_road.ended_by(timeline, "2010-12-31") == ()
    assert wenzhou_quality_road.ended_by(timeline, "2011-01-01") == (
        "《溫州市千家企業名牌培育工程(2006-2010)》",
    )
    assert [r[:2] for r in wenzhou_quality_road.adoption_rate_history(timeline)] == [
        ("1993", "40 %"),
        ("2010-11-18/2010-12-31", "≥85 %"),
    ]


def test_cqo_snapshots(timeline: pl.Timeline) -> None:
    """Hangzhou's offline platform: absent 2020-08-31, possible 2020-09-15, there 2020-09-30;
    the 86 member units from 2021-09-15; Yuhang's 669 certificate holders from 2025-05-16."""
    shot = {(s.region, s.date): s for s in cqo_systems.snapshots(timeline)}
    members = "首席质量官平台成员单位"
    certified = "通过考核获得企业首席质量官任职培训证书的企业质量管理人员"
    assert shot["杭州市", "2020-08-31"].platforms == ()
    assert shot["杭州市", "2020-09-15"].possible_platforms == ("线下企业首席质量官交流平台",)
    assert shot["杭州市", "2020-09-30"].platforms == ("线下企业首席质量官交流平台",)
    assert shot["杭州市", "2020-09-30"].numbers[members] == cqo_systems.NOT_YET
    assert shot["杭州市", "2021-09-15"].numbers[members] == "86 家"
    assert shot["杭州市", "2021-09-15"].cqos == ("许乃平(浙江吉利控股集团有限公司)",)
    assert shot["余杭区", "2025-05-15"].numbers[certified] == cqo_systems.NOT_YET
    assert shot["余杭区", "2025-05-16"].numbers[certified] == "669 名"
    # Only Yuhang reported it: rolled up to Hangzhou it is a lower bound, not a city total.
    assert shot["杭州市", "2025-05-16"].numbers[certified] == "≥669 名"
    assert len(shot["杭州市", "2025-05-16"].platforms) == 4


def test_demonstration_zones(timeline: pl.Timeline) -> None:
    """The 20 approved zones include the 3 named in the list (嵊州厨具 is cited only for its
    output growth and is not a zone); before 2017-10-23 the 3 are only possible (dated
    2013/2017-10-23) and the 20 is not reported yet."""
    zones = demonstration_zones.ZONES_APPROVED
    before = demonstration_zones.count(timeline, "2017-10-22", zones)
    assert before.value is None
    after = demonstration_zones.count(timeline, "2017-10-23", zones)
    assert (after.value, after.unnamed) == (20, 17)
    assert sorted(after.named) == sorted(["台州智能马桶", "天台汽车内饰品", "浦江挂锁"])
    middle = demonstration_zones.designations(timeline, "2015-06-30")
    assert sorted(d.designee for d in middle if not d.certain) == sorted(after.named)
    brands = demonstration_zones.count(timeline, "2010-12-31", demonstration_zones.REGIONAL_BRANDS)
    assert (brands.value, brands.unnamed) == (3, 0)


def test_cities_side_by_side(timeline: pl.Timeline) -> None:
    """As of 2025-05-16: Hangzhou holds 12 provincial quality awards, Wenzhou 2, the province
    rolled up 14; the province's platforms are its cities' and its own two."""
    rows = {r.region: r for r in cities_side_by_side.rows(timeline, "2025-05-16")}
    assert list(rows) == ["杭州市", "温州市", "嘉兴市", "绍兴市", "金华市", "台州市", "浙江省"]
    assert [rows[c].award_tally for c in ("杭州市", "温州市", "嘉兴市", "浙江省")] == [12, 2, 0, 14]
    # Two of eleven cities reported the award, eleven years apart: the province's 14 is a
    # lower bound, and the row says so.
    assert [rows[c].award_shown for c in ("杭州市", "浙江省")] == ["12", "≥14"]
    assert rows["浙江省"].award_coverage.endswith("9 of 11 cities not reported")
    assert rows["嘉兴市"].awards == 4
    assert rows["浙江省"].designations == 12
    cities = sum(r.platforms for n, r in rows.items() if n != "浙江省")
    assert (
        rows["浙江省"].platforms == cities + 2
    )  # the province's own: 天猫·品质频道, 三同 platform
    assert rows["嘉兴市"].cqo_numbers == "培育 ≥347 名"  # 培育: at least, either reading
    early = cities_side_by_side.rows(timeline, "2009-12-31")
    assert [r.region for r in early] == ["温州市", "浙江省"]


def test_imprecise_dates(timeline: pl.Timeline) -> None:
    """Year-dated 2006 policies: possible on 2006-06-30, in force on 2006-12-31. Article 004
    (2023-03-30/2024-12-31): on 2021-12-31 only the 零的突破 baseline (0) is certain; by
    mid-2024 that 0 and the service model begun 去年 (2022/2023) are certain and the other 57
    Jiaxing facts possible; all 59 are certain on 2024-12-31, unknown with known=2024-12-30."""
    plan = "《溫州市質量與品牌發展規劃(2006-2020)》"
    assert imprecise_dates.certain_policies(timeline, "温州", "2006-06-30") == ()
    assert plan in imprecise_dates.possible_policies(timeline, "温州", "2006-06-30")
    assert plan in imprecise_dates.certain_policies(timeline, "温州", "2006-12-31")
    assert imprecise_dates.possible_policies(timeline, "温州", "2006-12-31") == ()
    early = imprecise_dates.answer(timeline, "嘉兴", "2021-12-31")
    assert early.certain == ("004-jiaxing-pinzibiao-zhejiang-service-enterprises-before",)
    middle = imprecise_dates.answer(timeline, "嘉兴", "2024-06-30")
    assert (len(middle.certain), len(middle.possible)) == (2, 57)  # + the 去年 model (2022/2023)
    end = imprecise_dates.answer(timeline, "嘉兴", "2024-12-31")
    assert (len(end.certain), len(end.possible)) == (59, 0)
    unknown = imprecise_dates.answer(timeline, "嘉兴", "2024-12-31", "2024-12-30")
    assert (unknown.certain, unknown.possible) == ((), ())
