"""The PostgreSQL store's schema: its versions, the migrations between them, and `init`.

The schema is explicit and versioned. ``policyline_schema`` holds one row per version
applied; a store made before it existed (text bodies, day numbers only) is version 1.
:func:`initialise` (``policyline init URL``, run by the database owner) creates the tables
or migrates them to :data:`CURRENT`, in one transaction, under an advisory lock. Opening a
store never changes the schema unless it is a new, empty one opened for writing: readers
(``SELECT``) and writers (``SELECT, INSERT``) need to own nothing.

Version 2, for SQL users: the body is ``jsonb`` (query it with ``->>``), and each event's
dates are ``date`` columns besides the day numbers policyline's own queries use. Version 3
adds the links of region-scoped reads; version 4 the statistics read model's heads.
"""

from __future__ import annotations

import psycopg

from policyline._stores.sql_model import MODEL_TABLES
from policyline.errors import StoreError

SCHEMA_LOCK = 7_405_322_019_441_531_000
"""The advisory lock key held while the schema is created or migrated."""

_VERSION_1 = (
    """CREATE TABLE IF NOT EXISTS policyline_events (
        position BIGINT PRIMARY KEY,
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
        position BIGINT NOT NULL REFERENCES policyline_events (position),
        PRIMARY KEY (region, position)
    )""",
    """CREATE INDEX IF NOT EXISTS policyline_events_effective
        ON policyline_events (effective_latest, effective_earliest)""",
    """CREATE INDEX IF NOT EXISTS policyline_events_recorded
        ON policyline_events (recorded_latest, recorded_earliest)""",
)


def _day(column: str) -> str:
    # A day number is a proleptic Gregorian ordinal: day 1 is 0001-01-01.
    return f"date '0001-01-01' + ({column} - 1)"


_VERSION_2 = (
    "CREATE TABLE policyline_schema (version INTEGER PRIMARY KEY,"
    " applied TIMESTAMPTZ NOT NULL DEFAULT now())",
    "ALTER TABLE policyline_events ALTER COLUMN body TYPE jsonb USING body::jsonb",
    *(
        f"ALTER TABLE policyline_events ADD COLUMN {name} DATE"
        f" GENERATED ALWAYS AS ({_day(column)}) STORED"
        for name, column in (
            ("effective_from", "effective_earliest"),
            ("effective_to", "effective_latest"),
            ("recorded_from", "recorded_earliest"),
            ("recorded_to", "recorded_latest"),
        )
    ),
)

_VERSION_3 = (
    """CREATE TABLE policyline_links (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        position BIGINT NOT NULL,
        PRIMARY KEY (kind, value, position)
    )""",
)
"""The links of a region-scoped read (:mod:`policyline._stores.sql`); the stored events'
links are written by :func:`initialise` as it migrates."""

_VERSION_4 = tuple(table.format(position="BIGINT", options="") for table in MODEL_TABLES)
"""The statistics read model (:mod:`policyline._stores.sql_model`); ``policyline init``
folds the stored events into it once the schema is migrated."""
MODEL_SCHEMA = 4

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: _VERSION_1,
    2: _VERSION_2,
    3: _VERSION_3,
    4: _VERSION_4,
}
"""The statements that bring a store to each version from the one before."""
CURRENT = max(MIGRATIONS)


def stored_version(connection: psycopg.Connection[tuple[object, ...]]) -> int:
    """The schema version of the store the connection sees (0: no store at all)."""
    found = connection.execute(
        "SELECT to_regclass('policyline_schema') IS NOT NULL,"
        " to_regclass('policyline_events') IS NOT NULL"
    ).fetchone()
    assert found is not None
    versioned, events = found
    if versioned:
        row = connection.execute("SELECT max(version) FROM policyline_schema").fetchone()
        value = None if row is None else row[0]
        return value if isinstance(value, int) else 1
    return 1 if events else 0


def initialise(connection: psycopg.Connection[tuple[object, ...]], where: str) -> tuple[int, int]:
    """Create the store's tables, or migrate them to :data:`CURRENT`; return the versions
    before and after. Needs the right to create tables (the database owner's)."""
    try:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            before = stored_version(connection)
            if before > CURRENT:
                raise StoreError(newer(where, before))
            for version in range(before + 1, CURRENT + 1):
                for statement in MIGRATIONS[version]:
                    connection.execute(statement)
                if version == 3:
                    _link_stored(connection, where)
                if version >= 2:
                    connection.execute(
                        "INSERT INTO policyline_schema (version) VALUES (%s)", (version,)
                    )
    except psycopg.errors.InsufficientPrivilege as error:
        raise StoreError(
            f"cannot create or migrate policyline's tables in {where}: {error}"
            f" (the database owner runs: policyline init {where})"
        ) from error
    return before, CURRENT


def _link_stored(connection: psycopg.Connection[tuple[object, ...]], where: str) -> None:
    """Write the links of every stored event (a store migrated to version 3)."""
    from policyline._reading import decode_one
    from policyline._stores.sql import INSERT_LINK, link_rows

    with connection.cursor(name="policyline_link_stored") as rows:
        rows.execute("SELECT position, body::text FROM policyline_events ORDER BY position")
        while page := rows.fetchmany(10_000):
            stored = [
                (
                    int(str(position)),
                    decode_one(str(body), file=f"{where} row", line=int(str(position))),
                )
                for position, body in page
            ]
            with connection.cursor() as insert:
                insert.executemany(INSERT_LINK.replace("?", "%s"), link_rows(stored))


def newer(where: str, version: int) -> str:
    """The refusal of a store whose schema a newer policyline wrote."""
    return (
        f"{where} was set up by a newer policyline (store schema {version}); this one"
        f" knows up to {CURRENT}"
    )
