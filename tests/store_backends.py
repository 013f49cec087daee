"""Fresh stores of every kind for the store tests: JSON Lines, SQLite and PostgreSQL.

PostgreSQL needs a server: ``POLICYLINE_TEST_POSTGRES_URL`` names a database in which the
tests may create and drop schemas (``.ci/run`` starts one and sets it). Without it the
PostgreSQL tests skip on a developer machine, and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import policyline as pl

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
