"""The PostgreSQL store (psycopg 3): one server shared by a team.

Same tables and contract as the SQLite store. One transaction per batch; it first takes
``LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE``, which admits readers but only one writer
at a time, so positions stay gap-free and the version check sees the state the inserts
will extend. A commit that returned is durable under PostgreSQL's default
``synchronous_commit = on``. The tables are created on first open (under an advisory
lock, so that two processes opening a new database at once do not collide), in the first
schema of the connection's ``search_path``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from policyline._stores.conninfo import redacted
from policyline._stores.sql import TABLES, Row, SQLSession, SQLStore
from policyline.errors import StoreError

_SCHEMA_LOCK = 7_405_322_019_441_531_000
"""The advisory lock key held while the tables are created."""


def _placeholders(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresStore(SQLStore):
    """Events in a PostgreSQL database, given a ``postgresql://`` URL or a conninfo."""

    def __init__(self, url: str) -> None:
        self.url = redacted(url)  # what messages show: never the password
        try:
            self._connection = psycopg.connect(url, autocommit=True)
            with self._connection.transaction():
                self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                for statement in TABLES:
                    self._connection.execute(statement)
        except psycopg.Error as error:
            raise StoreError(f"cannot open PostgreSQL store {self.url}: {error}") from error

    @contextmanager
    def _session(self) -> Iterator[SQLSession]:
        try:
            with self._connection.transaction():
                self._connection.execute("LOCK TABLE policyline_events IN SHARE ROW EXCLUSIVE MODE")
                yield SQLSession(self)
        except psycopg.Error as error:
            raise StoreError(f"cannot write to {self.url}: {error}") from error

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._connection.execute(_placeholders(sql), params).fetchall()

    def _insert(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._connection.close()

    def __repr__(self) -> str:
        return f"<PostgresStore {self.url}>"
