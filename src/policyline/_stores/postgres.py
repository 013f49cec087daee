"""The PostgreSQL store (psycopg 3): one server shared by a team.

Same contract as the SQLite store. One transaction per batch; it first takes a
transaction-scoped advisory lock (``pg_advisory_xact_lock``) keyed by the events table,
which admits readers but only one writer at a time, so positions stay gap-free and the
version check sees the state the inserts will extend; unlike ``LOCK TABLE`` it needs no
right beyond ``SELECT, INSERT``. A commit that returned is durable under PostgreSQL's
default ``synchronous_commit = on``. The schema is versioned
(:mod:`policyline._stores.postgres_schema`): an open checks the version and changes
nothing, except that a new, empty database opened for writing gets the tables, in the
first schema of the connection's ``search_path``.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from policyline._stores.conninfo import redacted, scrubbed
from policyline._stores.postgres_schema import (
    CURRENT,
    MODEL_SCHEMA,
    initialise,
    newer,
    stored_version,
)
from policyline._stores.sql import Row, SQLSession, SQLStore
from policyline.errors import StoreError

_WRITER_LOCK = 7_405_322_019_441_000_000
"""Added to the events table's oid: the advisory lock key a writer holds."""


def _placeholders(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresStore(SQLStore):
    """Events in a PostgreSQL database, given a ``postgresql://`` URL or a conninfo."""

    body = "body::text"

    def __init__(self, url: str, *, create: bool = True, init: bool = False) -> None:
        self.url = redacted(url)  # what messages show: never the password
        self.migrated: tuple[int, int] | None = None
        """With ``init``: the schema versions before and after (0: there was no store)."""
        self._given = url
        try:
            self._connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise StoreError(self._failed("cannot open PostgreSQL store", error)) from None
        try:
            self._writer_lock = self._check_schema(create=create, init=init)
            if self.migrated is not None and 0 < self.migrated[0] < MODEL_SCHEMA:
                self.rebuild()  # the owner migrating: the read model of the stored events
        except BaseException:
            self._connection.close()
            raise

    def _check_schema(self, *, create: bool, init: bool) -> int:
        """Set up or check the schema version; return the writer's advisory lock key."""
        try:
            if init:
                self.migrated = initialise(self._connection, self.url)
            version = stored_version(self._connection)
            if version == 0 and create:
                initialise(self._connection, self.url)
            elif version == 0:
                raise StoreError(
                    f"no policyline store at {self.url}"
                    f" (the database owner creates one: policyline init {shlex.quote(self.url)})"
                )
            elif version < CURRENT:
                raise StoreError(
                    f"{self.url} has policyline's store schema {version}; this policyline"
                    f" needs {CURRENT}: the database owner migrates it with"
                    f" policyline init {shlex.quote(self.url)}"
                )
            elif version > CURRENT:
                raise StoreError(newer(self.url, version))
            found = self._connection.execute(
                "SELECT 'policyline_events'::regclass::oid::bigint"
            ).fetchone()
        except psycopg.Error as error:
            raise StoreError(self._failed("cannot open PostgreSQL store", error)) from None
        assert found is not None
        return _WRITER_LOCK + int(found[0])

    @contextmanager
    def _session(self) -> Iterator[SQLSession]:
        try:
            with self._connection.transaction():
                self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (self._writer_lock,))
                yield SQLSession(self)
        except psycopg.Error as error:
            raise StoreError(self._failed("cannot write to", error)) from None

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        try:
            with self._connection.transaction():
                self._connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield
        except psycopg.Error as error:
            raise StoreError(self._failed("cannot read", error)) from None

    def _failed(self, doing: str, error: psycopg.Error) -> str:
        return f"{doing} {self.url}: {scrubbed(str(error), self._given)}"

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._connection.execute(_placeholders(sql), params).fetchall()

    def _insert(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def _execute(self, sql: str) -> None:
        self._connection.execute(_placeholders(sql))

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._connection.close()

    def __repr__(self) -> str:
        return f"<PostgresStore {self.url}>"
