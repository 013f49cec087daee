"""The SQLite store: the embedded default, one file, no server.

- WAL mode: readers never block the writer, and the writer never blocks readers.
- ``synchronous=FULL``: in WAL mode SQLite's ``NORMAL`` skips the sync at commit, so a
  transaction that returned can still vanish on power loss; ``FULL`` syncs the WAL at
  every commit, so an append that returned is on disk.
- One ``BEGIN IMMEDIATE`` transaction per batch: it takes the write lock at once, so
  writers in other processes queue behind it (``busy_timeout``) and the version check,
  the id lookups and the inserts all see one state. The unique constraint on ids is the
  last line of defence against duplicates.
- A crash (even SIGKILL mid-insert) rolls the open transaction back on the next open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from policyline.errors import StoreError
from policyline.stores.sql import TABLES, Row, SQLSession, SQLStore

BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another process's transaction before giving up."""


class SQLiteStore(SQLStore):
    """Events in one SQLite file (or in memory, with ``":memory:"``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self._connection = sqlite3.connect(
                self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
            )
            self._connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if self.path != ":memory:":
                self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = FULL")
            self._connection.execute("PRAGMA foreign_keys = ON")
            with self._transaction():
                for statement in TABLES:
                    self._connection.execute(statement)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open SQLite store {self.url}: {error}") from error

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    @contextmanager
    def _session(self) -> Iterator[SQLSession]:
        try:
            with self._transaction():
                yield SQLSession(self)
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to {self.url}: {error}") from error

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._connection.execute(sql, params).fetchall()

    def _insert(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        self._connection.executemany(sql, rows)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._connection.close()
