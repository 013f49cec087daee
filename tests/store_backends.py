"""Fresh stores of every kind for the store tests: JSON Lines, SQLite and PostgreSQL.

PostgreSQL needs a server: ``POLICYLINE_TEST_POSTGRES_URL`` names a database in which the
tests may create and drop schemas (``.ci/run`` starts one and sets it). Without it the
PostgreSQL tests skip on a developer machine, and fail under ``CI=true``.
"""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline._regions import children
from policyline.testing.strategies import ZHEJIANG_CODES

KINDS = ("jsonl", "sqlite", "postgres")
POSTGRES_HOWTO = (
    "PostgreSQL store tests need a server: set POLICYLINE_TEST_POSTGRES_URL to an empty"
    " database, e.g. postgresql://postgres@127.0.0.1:5432/policyline_test, or run .ci/run,"
    " which installs and starts one (see 'Running the PostgreSQL tests locally' in docs/stores.md)"
)


def postgres_url() -> str:
    """The test server's URL; skip without one, but fail under CI=true."""
    url = os.environ.get("POLICYLINE_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{POSTGRES_HOWTO} (CI=true, so this is a failure, not a skip)")
    pytest.skip(POSTGRES_HOWTO)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose tables live in a new, empty schema, dropped afterwards."""
    import psycopg

    base = postgres_url()
    schema = f"test_{uuid.uuid4().hex}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def store_url(kind: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty store of ``kind`` under ``directory``."""
    name = uuid.uuid4().hex
    if kind == "jsonl":
        yield str(directory / f"{name}.jsonl")
    elif kind == "sqlite":
        yield f"sqlite:///{directory / name}.db"
    else:
        with postgres_schema() as url:
            yield url


@contextmanager
def new_store(kind: str, directory: Path) -> Iterator[pl.Store]:
    """A new, empty, open store of ``kind``, closed afterwards."""
    with store_url(kind, directory) as url, pl.open(url) as store:
        yield store


Law = Callable[[st.DataObject], None]


def store_law(kind: str, examples: int = 40) -> Callable[[Law], Callable[[], None]]:
    """A hypothesis law over stores of ``kind``: ``examples`` examples (a quarter of them,
    at least 10, on PostgreSQL, where each store is a schema made and dropped)."""
    count = max(10, examples // 4) if kind == "postgres" else examples
    chosen = settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )

    def decorate(law: Law) -> Callable[[], None]:
        return chosen(given(data=st.data())(law))

    return decorate


def assert_scoped_reads_agree(
    kind: str, tmp_path: Path, events: list[pl.Event], asked: str, day: datetime.date
) -> None:
    """In a new store of ``kind`` holding ``events``: the scoped read of ``asked`` (rolled
    up or not) as of ``day`` and the read model's figures give the whole timeline's answer."""
    whole = pl.Timeline(events).as_of(day)
    with new_store(kind, tmp_path) as store:
        store.append(events)
        scoped = pl.load(store, region=asked).as_of(day)
        for rollup in (False, True):
            expected = whole.region(asked, rollup=rollup)
            assert scoped.region(asked, rollup=rollup).events == expected.events
            assert pl.figures(store, day, region=asked, rollup=rollup) == expected.statistics


PREFECTURES = tuple(code for code in ZHEJIANG_CODES if code.endswith("00") and code != "330000")


@st.composite
def neighbourhoods(draw: st.DrawFn) -> tuple[str, ...]:
    """Two prefectures and some of their counties: a question's region, its subtree, and
    regions beyond it where amendments and moved facts can come from."""
    first, second = draw(
        st.lists(st.sampled_from(PREFECTURES), min_size=2, max_size=2, unique=True)
    )
    below = [c.code for p in (first, second) for c in children(p) if c.code in ZHEJIANG_CODES]
    counties = draw(st.lists(st.sampled_from(below), min_size=1, max_size=3, unique=True))
    return (first, second, *counties)
