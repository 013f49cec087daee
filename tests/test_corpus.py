"""Whole-corpus checks on ``events/``: it loads cleanly and every event keeps the corpus rules.

The rules are those of ``events/README.md``: every quote is verbatim from its seed article
(ignoring only the romanisation inserted into 003 and 004), every ``recorded`` is the
article's publication date as the README's table gives it, ids are unique, regions are in
the gazetteer, percentages are rates and a nomination is never encoded as an award.
"""

from __future__ import annotations

import json
import re
import warnings
from functools import cache
from pathlib import Path

import pytest

import policyline as pl

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
SEEDS = ROOT.parent / "shared" / "seeds"
FILES = sorted(EVENTS.glob("*.jsonl"))

ROMANISATION = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
"""A pinyin group such as ``(zhì)`` inserted after a character in the 003/004 seeds."""

TABLE_ROW = re.compile(
    r"^\| `(?P<file>\d{3}_\w+\.jsonl)` \|.*\| `(?P<recorded>[^`]+)` \| (?P<n>\d+) \|$"
)

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not at {SEEDS}")


@cache
def readme_table() -> dict[str, tuple[str, int]]:
    """``events/README.md``'s layout table: file name -> (publication date, event count)."""
    rows = {}
    for line in (EVENTS / "README.md").read_text(encoding="utf-8").splitlines():
        if match := TABLE_ROW.match(line):
            rows[match["file"]] = (match["recorded"], int(match["n"]))
    return rows


@cache
def seed_text(document: str) -> str:
    """A seed article's text with the inserted romanisation removed."""
    return ROMANISATION.sub("", (SEEDS / document).read_text(encoding="utf-8"))


def load_quietly(path: Path) -> pl.Timeline:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return pl.load(path)


def test_there_is_one_file_per_seed_article() -> None:
    """The corpus has the five article files the README lists, and nothing else."""
    assert [f.name for f in FILES] == sorted(readme_table())
    assert [f.name[:3] for f in FILES] == ["000", "001", "002", "003", "004"]


def test_the_whole_corpus_loads_with_no_error_or_warning() -> None:
    """``pl.load("events")`` reads every line of every file, raising and warning nothing."""
    timeline = load_quietly(EVENTS)
    lines = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in FILES)
    assert len(timeline) == lines == 168


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_file_has_the_count_and_publication_date_the_readme_gives(file: Path) -> None:
    """Each event's ``recorded`` is its article's one publication date (README table), and
    the README's event count is the file's."""
    recorded, count = readme_table()[file.name]
    timeline = load_quietly(file)
    assert len(timeline) == count
    assert {str(e.recorded) for e in timeline} == {recorded}


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_event_cites_its_own_article(file: Path) -> None:
    """All events of ``NNN_*.jsonl`` cite the seed ``NNN_*.txt``, one document per file."""
    documents = {e.source.document for e in load_quietly(file)}
    assert len(documents) == 1
    (document,) = documents
    assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", document)
    assert document[:3] == file.name[:3]


@needs_seeds
@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_quote_is_verbatim_in_its_seed(file: Path) -> None:
    """Every ``source.quote`` is a substring of its seed article (romanisation removed)."""
    missing = [
        (e.id, e.source.quote)
        for e in load_quietly(file)
        if e.source.quote not in seed_text(e.source.document)
    ]
    assert missing == []


@needs_seeds
def test_romanisation_is_removed_only_where_it_was_inserted() -> None:
    """Removing pinyin groups changes 003 and 004 only, and leaves no ``(zhì)`` behind."""
    changed = {
        path.name[:3]
        for path in SEEDS.glob("*.txt")
        if seed_text(path.name) != path.read_text(encoding="utf-8")
    }
    assert changed == {"003", "004"}
    assert "質量" in seed_text("003_2ce0a9b537d74b60.txt")
    assert "(zhì)" not in seed_text("004_43f4e11fca869368.txt")


def test_ids_are_unique_across_the_corpus() -> None:
    """No id appears on two lines, in one file or across files (the loader would merge
    identical duplicates silently, so this reads the raw lines)."""
    ids = [
        json.loads(line)["id"]
        for file in FILES
        for line in file.read_text(encoding="utf-8").splitlines()
    ]
    assert len(ids) == len(set(ids)) == 168
    assert all(i.startswith(f"{i[:3]}-") and i[:3].isdigit() for i in ids)


def test_every_region_code_is_in_the_gazetteer() -> None:
    """Every region an event names (agreements: every party region) is a known region."""
    for event in load_quietly(EVENTS):
        for code in event.regions:
            assert pl.region(code).code == code


def test_every_percentage_is_a_rate() -> None:
    """A statistic in ``%`` is a rate: percentages never add up in a rollup."""
    percentages = [
        e for e in load_quietly(EVENTS) if isinstance(e, pl.StatisticReported) and e.unit == "%"
    ]
    assert len(percentages) == 7  # 基本實現…全覆蓋 is not a number (issue 11)
    assert {e.kind for e in percentages} == {"rate"}


def test_every_increment_has_a_period_and_no_total_or_rate_has_one_it_should_not() -> None:
    """新增 / 今年以来 are increments over a period; a total is as of a date, with no period."""
    statistics = [e for e in load_quietly(EVENTS) if isinstance(e, pl.StatisticReported)]
    assert all(e.period is not None for e in statistics if e.kind == "increment")
    assert all(e.period is None for e in statistics if e.kind == "total")


def test_no_nomination_is_encoded_as_an_award() -> None:
    """Being on a 提名 list is an AwardNominated, never an AwardGranted."""
    events = list(load_quietly(EVENTS))
    granted = [e for e in events if isinstance(e, pl.AwardGranted)]
    assert granted
    assert [e.id for e in granted if "提名" in e.award] == []
    assert all(
        "提名" in e.award or "提名" in e.source.quote
        for e in events
        if isinstance(e, pl.AwardNominated)
    )


def test_no_fact_takes_effect_after_it_was_recorded() -> None:
    """An article cannot report what had not happened by its publication: every
    ``effective`` ends no later than ``recorded`` ends."""
    late = [e.id for e in load_quietly(EVENTS) if e.effective.latest > e.recorded.latest]
    assert late == []


def test_every_covered_event_is_in_the_same_article() -> None:
    """``covers`` links a count to events of the same article (so they can be compared)."""
    timeline = load_quietly(EVENTS)
    for event in timeline:
        if isinstance(event, pl.StatisticReported):
            for target in event.covers:
                assert timeline[target].source.document == event.source.document


PHRASE_DATED = {
    "000-hangzhou-hikvision-cqa4-nomination-list": "近日",
    "000-hangzhou-offline-cqo-exchange-platform": "去年9月",
    "002-zhejiang-tmall-quality-channel": "8月份",
    "002-zhejiang-alibaba-ecommerce-supervision-memo": "今年初",  # the first half: read widely
    "003-wenzhou-quality-product-demo-zone-document": "最近",
    "003-ruian-quality-province-pilot-city": "今年",
    "004-jiaxing-three-in-one-quality-service-model": "去年",  # launched 去年 (以来: since)
}


@pytest.mark.parametrize(("event_id", "phrase"), sorted(PHRASE_DATED.items()))
def test_relative_dates_are_read_as_the_library_reads_them(event_id: str, phrase: str) -> None:
    """A date the corpus resolved from a relative phrase equals pl.parse_date_zh's reading of
    that phrase against the article's publication date: one meaning per phrase."""
    timeline = pl.load(EVENTS)
    event = timeline[event_id]
    assert event.inferred
    assert event.effective == pl.parse_date_zh(phrase, relative_to=event.recorded)


ONE_ROUND = {
    "000-hangzhou-cqa4-nomination-list-organisations": "2021-08-17/2021-09-15",
    "002-zhejiang-tmall-quality-channel-first-batch": "2017-01-01/2017-10-23",
    "004-jiaxing-mayor-quality-award-enterprises": "2022/2024",
    "004-jiaxing-mayor-quality-award-funds": "2022/2024",
    "004-jiaxing-supervision-spot-checks": "2022/2024",
}


@pytest.mark.parametrize(("event_id", "period"), sorted(ONE_ROUND.items()))
def test_a_count_for_one_round_is_an_increment_over_its_period(event_id: str, period: str) -> None:
    """A count for one round, edition, batch or reporting period (one list, one selection
    round, one batch, a period's spot checks) is an increment with its period, recorded at
    publication: never a running total."""
    event = pl.load(EVENTS)[event_id]
    assert isinstance(event, pl.StatisticReported)
    assert (event.kind, str(event.period)) == ("increment", period)
    assert event.effective == event.recorded


def test_national_facts_are_under_the_nation() -> None:
    """The seeds' national facts (002: the 党中央/国务院 guideline, the 42 national
    demonstration projects) are under 100000, and only they are."""
    national = sorted(e.id for e in load_quietly(EVENTS) if e.region == "100000")
    assert national == [
        "002-national-demo-zones-approved",
        "002-national-quality-improvement-action-guideline",
    ]
