"""Old data keeps loading: events stored in schema versions 1 and 2 are upcast on read."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import policyline as pl
from policyline import SCHEMA_VERSION
from tests.store_backends import KINDS, store_url

SOURCE = {"document": "003_old.txt", "quote": "至少85家"}
OLD_LINES = [
    json.dumps(obj, ensure_ascii=False)
    for obj in (
        {
            "id": "old-plan",
            "type": "PolicyIssued",
            "schema_version": 1,
            "region": "330300",
            "effective": "2006",
            "recorded": "2006-05",
            "source": SOURCE,
            "note": None,
            "payload": {"title": "质量兴市规划", "issuer": "温州市政府", "validity": "2006/2020"},
        },
        {
            "id": "old-count",
            "type": "StatisticReported",
            "schema_version": 1,
            "region": "330300",
            "effective": "2020",
            "recorded": "2021-01-05",
            "source": SOURCE,
            "note": None,
            "payload": {
                "metric": "品字标企业",
                "value": 85,
                "unit": "家",
                "kind": "total",
                "at_least": True,
                "period": None,
            },
        },
        {
            "id": "old-nominee",
            "type": "AwardNominated",
            "schema_version": 2,
            "region": "330100",
            "effective": "2021-08-17/2021-09-15",
            "recorded": "2021-09-15",
            "inferred": True,
            "source": {"document": "000_old.txt", "quote": "董事长王水福入选"},
            "note": None,
            "payload": {
                "award": "中国质量奖提名奖",
                "nominee": "王水福(西子联合控股有限公司董事长)",
            },
        },
    )
]
UNKNOWN_KIND = pl.Party(None, "王水福(西子联合控股有限公司董事长)")
"""What a version-2 nominee reads as: its text is the name; whether it names a person or
an organisation the old shape did not say."""


def stored_bodies(kind: str, url: str) -> list[str]:
    """The JSON text each store holds, read around policyline."""
    if kind == "jsonl":
        path = Path(url)
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if kind == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            query = "SELECT body FROM policyline_events ORDER BY position"
            return [body for (body,) in connection.execute(query)]
    import psycopg

    with psycopg.connect(url) as connection:
        query = "SELECT body::text FROM policyline_events ORDER BY position"
        return [body for (body,) in connection.execute(query)]


@pytest.mark.parametrize("kind", KINDS)
def test_old_data_is_kept_as_written_and_read_upcast(kind: str, tmp_path: Path) -> None:
    """Lines in old shapes (no inferred, ``at_least: true``; a nominee in free text) are
    stored as written and come back as current events (bound at_least, inferred false, a
    nominee of unknown kind, the current schema version)."""
    with store_url(kind, tmp_path) as url:
        with pl.open(url) as store:
            store.append_lines(OLD_LINES, file="old.jsonl")
        assert [json.loads(b) for b in stored_bodies(kind, url)] == [
            json.loads(text) for text in OLD_LINES
        ]
        with pl.open(url) as store:
            plan, count, nominated = store.read()
            assert store.append([count, nominated]) == 3  # the upcast events are the stored ones
            assert pl.load(store).as_of("2021-09-15").region("杭州").nominations == (nominated,)
    assert isinstance(count, pl.StatisticReported)
    assert (count.bound, count.value, count.covers) == ("at_least", 85, ())
    assert (plan.schema_version, plan.inferred, count.inferred) == (SCHEMA_VERSION, False, False)
    assert plan == pl.decode(json.loads(OLD_LINES[0]))
    assert isinstance(nominated, pl.AwardNominated)
    assert nominated.nominee == UNKNOWN_KIND
    assert pl.decode(pl.encode(nominated)) == nominated


def test_version_1_file_in_a_directory_loads_upcast(tmp_path: Path) -> None:
    """A JSON Lines file written in version 1, never touched by a store, reads upcast."""
    (tmp_path / "old.jsonl").write_text("\n".join(OLD_LINES) + "\n", encoding="utf-8")
    with pl.open(tmp_path) as store:
        events = list(store.read())
    assert [e.schema_version for e in events] == [SCHEMA_VERSION] * 3
    assert isinstance(events[1], pl.StatisticReported)
    assert events[1].bound == "at_least"
