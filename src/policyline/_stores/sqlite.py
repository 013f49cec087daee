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
- A batch is first tried without looking its ids up, inside a savepoint: the unique index
  on ids says whether one of them is stored, and only then are they looked up (the full
  check of :mod:`policyline._stores.base`). References outside the batch are always
  looked up.
- New files get SQLite's own layout for the shared tables: the position is the rowid
  (``INTEGER PRIMARY KEY``, no separate index) and the region table is keyed
  ``(position, region)`` without a rowid, so appends write at the end of every B-tree
  but the id index. There are no date indexes: reads page by position (``ORDER BY
  position LIMIT``), and SQLite's plan for them never used one, while each cost a
  random insert per event. Files made with the shared layout keep working.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from policyline._stores.base import Record
from policyline._stores.sql import Row, SQLSession, SQLStore
from policyline._stores.sql_model import MODEL_TABLES
from policyline.errors import StoreError

BUSY_TIMEOUT_MS = 60_000
"""How long a writer waits for another process's transaction before giving up."""
CACHE_KIB = 65_536
"""The page cache per connection (SQLite's default is 2 MiB): the id index and the hot pages of
a million events stay in memory while appending."""

SQLITE_TABLES = (
    """CREATE TABLE IF NOT EXISTS policyline_events (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        effective_earliest INTEGER NOT NULL,
        effective_latest INTEGER NOT NULL,
        recorded_earliest INTEGER NOT NULL,
        recorded_latest INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS policyline_event_regions (
        region TEXT NOT NULL,
        position INTEGER NOT NULL REFERENCES policyline_events (position),
        PRIMARY KEY (position, region)
    ) WITHOUT ROWID""",
    """CREATE INDEX IF NOT EXISTS policyline_event_regions_by_region
        ON policyline_event_regions (region, position)""",
    """CREATE TABLE IF NOT EXISTS policyline_links (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (kind, value, position)
    ) WITHOUT ROWID""",
    *(table.format(position="INTEGER", options=" WITHOUT ROWID") for table in MODEL_TABLES),
)
"""The shared tables as SQLite lays them out best (see the module notes), with the
indexes of a region-scoped read: events by region, and the links; and the statistics
read model's heads."""


class SQLiteStore(SQLStore):
    """Events in one SQLite file (or in memory, with ``":memory:"``).

    ``read_only``: the file is opened read-only and nothing in it is created or changed
    (not even the journal mode); it must hold policyline's tables. Otherwise the tables
    are created in a new or empty file; a database that already has tables of its own
    but not policyline's is refused unless ``init`` asks to add policyline's to it.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, init: bool = False) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        self.read_only = read_only
        try:
            if read_only:
                location = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._connection = sqlite3.connect(
                    location, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
                )
            else:
                self._connection = sqlite3.connect(
                    self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
                )
            self._connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            tables = self._tables()
            self.has_links = "policyline_links" in tables
            self.has_model = "policyline_statistic_heads" in tables
            if read_only:
                if "policyline_events" not in tables:
                    raise StoreError(f"{self.url} is not a policyline store: {_holding(tables)}")
                return
            if tables and "policyline_events" not in tables and not init:
                raise StoreError(
                    f"{self.url} is another application's database ({_holding(tables)}):"
                    " policyline adds its tables to it only when asked (init=True, or --init)"
                )
            if self.path != ":memory:":
                self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = FULL")
            self._connection.execute("PRAGMA foreign_keys = ON")
            self._connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._connection.execute("PRAGMA temp_store = MEMORY")
            with self._transaction():
                for statement in SQLITE_TABLES:
                    self._connection.execute(statement)
                self.has_links = self.has_model = True
                through, last = self.linked_through(), self.version
                if through < last:  # written (or made) by a policyline from before the links
                    self.link_between(through, last)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open SQLite store {self.url}: {error}") from error

    def _tables(self) -> list[str]:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        return [name for (name,) in self._connection.execute(query)]

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
    def _snapshot(self) -> Iterator[None]:
        if self._connection.in_transaction:  # inside a write session: it sees one state
            yield
            return
        self._connection.execute("BEGIN")
        try:
            yield
        finally:
            self._connection.execute("COMMIT")

    @contextmanager
    def _session(self) -> Iterator[SQLiteSession]:
        if self.read_only:
            raise StoreError(f"{self.url} is open read-only: open it writable to append")
        try:
            with self._transaction():
                yield SQLiteSession(self)
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to {self.url}: {error}") from error

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._connection.execute(sql, params).fetchall()

    def _insert(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        self._connection.executemany(sql, rows)

    def _execute(self, sql: str) -> None:
        self._connection.execute(sql)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._connection.close()


def _holding(tables: Sequence[str]) -> str:
    if not tables:
        return "it has no tables"
    shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    return f"it has the tables {shown}"


class SQLiteSession(SQLSession):
    """The write session of a SQLite store, which can try a batch before any lookup."""

    _store: SQLiteStore

    def write_if_new(self, records: Sequence[Record], version: int) -> bool:
        """Insert ``records`` unless an id is stored already (then nothing is written)."""
        connection = self._store._connection
        connection.execute("SAVEPOINT policyline_batch")
        try:
            self._store._write(records, version, self.upkeep)
        except sqlite3.IntegrityError:
            connection.execute("ROLLBACK TO policyline_batch")
            connection.execute("RELEASE policyline_batch")
            return False
        connection.execute("RELEASE policyline_batch")
        return True
