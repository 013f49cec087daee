"""Old data keeps loading: events stored in schema version 1 are upcast on read."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import policyline as pl
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
    )
]


def stored_bodies(kind: str, url: str) -> list[str]:
    """The JSON text each store holds, read around policyline."""
    if kind == "jsonl":
        return Path(url).read_text(encoding="utf-8").splitlines()
    if kind == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            query = "SELECT body FROM policyline_events ORDER BY position"
            return [body for (body,) in connection.execute(query)]
    import psycopg

    with psycopg.connect(url) as connection:
        query = "SELECT body FROM policyline_events ORDER BY position"
        return [body for (body,) in connection.execute(query)]


@pytest.mark.parametrize("kind", KINDS)
def test_version_1_data_is_kept_as_written_and_read_upcast(kind: str, tmp_path: Path) -> None:
    """Lines in the old shape (no inferred, ``at_least: true``) are stored as written and
    come back as current events (bound at_least, inferred false, schema_version 2)."""
    with store_url(kind, tmp_path) as url:
        with pl.open(url) as store:
            store.append_lines(OLD_LINES, file="old.jsonl")
        assert [json.loads(b) for b in stored_bodies(kind, url)] == [
            json.loads(text) for text in OLD_LINES
        ]
        with pl.open(url) as store:
            plan, count = store.read()
            assert store.append([count]) == 2  # the upcast event is the stored one
    assert isinstance(count, pl.StatisticReported)
    assert (count.bound, count.value, count.covers) == ("at_least", 85, ())
    assert (plan.schema_version, plan.inferred, count.inferred) == (2, False, False)
    assert plan == pl.decode(json.loads(OLD_LINES[0]))


def test_version_1_file_in_a_directory_loads_upcast(tmp_path: Path) -> None:
    """A JSON Lines file written in version 1, never touched by a store, reads upcast."""
    (tmp_path / "old.jsonl").write_text("\n".join(OLD_LINES) + "\n", encoding="utf-8")
    with pl.open(tmp_path) as store:
        events = list(store.read())
    assert [e.schema_version for e in events] == [2, 2]
    assert isinstance(events[1], pl.StatisticReported)
    assert events[1].bound == "at_least"
