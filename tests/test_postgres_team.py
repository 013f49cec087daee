"""PostgreSQL for a team: a versioned schema that ``policyline init`` creates and
migrates, SQL-friendly columns, and roles that own nothing.

Three real roles on the test server: the owner runs ``policyline init``; a writer with
``SELECT, INSERT`` appends; a reader with ``SELECT`` reads and queries, and cannot append.
"""

from __future__ import annotations

import contextlib
import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import policyline as pl
from policyline._cli.main import main
from policyline._stores.postgres_schema import CURRENT
from tests.bad_input import line
from tests.store_backends import postgres_schema, postgres_url

psycopg = pytest.importorskip("psycopg")
from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: E402

OLD_TABLES = (
    """CREATE TABLE policyline_events (position BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL, body TEXT NOT NULL, effective_earliest INTEGER NOT NULL,
        effective_latest INTEGER NOT NULL, recorded_earliest INTEGER NOT NULL,
        recorded_latest INTEGER NOT NULL)""",
    """CREATE TABLE policyline_event_regions (region TEXT NOT NULL,
        position BIGINT NOT NULL REFERENCES policyline_events (position),
        PRIMARY KEY (region, position))""",
)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def _as(url: str, **changes: str) -> str:
    return make_conninfo("", **(conninfo_to_dict(url) | changes))


def _write_version_1(url: str, lines: list[str]) -> None:
    """A store as policyline wrote it before the schema had versions (text bodies)."""
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in OLD_TABLES:
            connection.execute(statement)
        for position, text in enumerate(lines, start=1):
            event = pl.decode(json.loads(text))
            connection.execute(
                "INSERT INTO policyline_events VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    position,
                    event.id,
                    event.type_name,
                    text,
                    event.effective.earliest,
                    event.effective.latest,
                    event.recorded.earliest,
                    event.recorded.latest,
                ),
            )
            connection.execute(
                "INSERT INTO policyline_event_regions VALUES (%s, %s)", (event.region, position)
            )


def test_an_old_store_is_refused_until_init_migrates_it(tmp_path: Path) -> None:
    """A store from before the versioned schema: opening it says to run ``policyline
    init``; init migrates it in place, every event kept; then SQL users get jsonb bodies
    and date columns."""
    lines = [line(id="a"), line(id="b", effective="2020-09", recorded="2021-09-15")]
    with postgres_schema() as url:
        _write_version_1(url, lines)
        with pytest.raises(pl.errors.StoreError, match="policyline init"):
            pl.open(url)
        status, out, _ = _run("init", url)
        assert status == 0
        assert f"from store schema 1 to {CURRENT} (2 events kept)" in out
        with pl.open(url, read_only=True) as store:
            assert [e.id for e in store.read()] == ["a", "b"]
        with psycopg.connect(url) as connection:
            rows = connection.execute(
                "SELECT id, body->>'type', effective_from, effective_to, recorded_to"
                " FROM policyline_events ORDER BY position"
            ).fetchall()
        assert [(r[0], r[1], str(r[2]), str(r[3]), str(r[4])) for r in rows] == [
            ("a", "ProgramLaunched", "2020-01-01", "2020-12-31", "2021-01-05"),
            ("b", "ProgramLaunched", "2020-09-01", "2020-09-30", "2021-09-15"),
        ]
        assert _run("init", url)[1].endswith("is ready (2 events)\n")


def test_a_store_from_a_newer_policyline_is_refused() -> None:
    """A schema version above this policyline's is refused, saying so, by open and init."""
    with postgres_schema() as url:
        with pl.open(url) as store:
            store.append_lines([line()])
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(
                "INSERT INTO policyline_schema (version) VALUES (%s)", (CURRENT + 1,)
            )
        with pytest.raises(pl.errors.StoreError, match="newer policyline"):
            pl.open(url)
        status, _, err = _run("init", url)
        assert (status, "newer policyline" in err) == (1, True)


@contextlib.contextmanager
def _team() -> Iterator[dict[str, str]]:
    """A schema owned by a new owner role, and writer and reader roles: their URLs."""
    base = postgres_url()
    tag = uuid.uuid4().hex[:10]
    roles = {name: f"pl_{name}_{tag}" for name in ("owner", "writer", "reader")}
    schema = f"team_{tag}"
    with psycopg.connect(base, autocommit=True) as admin:
        for role in roles.values():
            admin.execute(f"CREATE ROLE {role} LOGIN")
        admin.execute(f"CREATE SCHEMA {schema} AUTHORIZATION {roles['owner']}")
    urls = {
        name: _as(base, user=role, options=f"-csearch_path={schema}")
        for name, role in roles.items()
    }
    try:
        yield urls | {"schema": schema, **{f"{k}_role": v for k, v in roles.items()}}
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
            for role in roles.values():
                admin.execute(f"DROP OWNED BY {role}")
                admin.execute(f"DROP ROLE {role}")


def test_a_reader_and_a_writer_need_to_own_nothing() -> None:
    """The owner runs init and grants; the writer (SELECT, INSERT) appends, concurrently
    safe under the advisory lock; the reader (SELECT) loads and queries but cannot append;
    neither can change the schema."""
    with _team() as team:
        assert _run("init", team["owner"])[0] == 0
        with psycopg.connect(team["owner"], autocommit=True) as owner:
            schema = team["schema"]
            owner.execute(
                f"GRANT USAGE ON SCHEMA {schema} TO {team['writer_role']}, {team['reader_role']}"
            )
            owner.execute(
                f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {schema} TO {team['writer_role']}"
            )
            owner.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {team['reader_role']}")
        with pl.open(team["writer"]) as store:
            assert store.append_lines([line(id="w1")]) == 1
            assert store.append_lines([line(id="w2"), line(id="w1")]) == 2
        assert [e.id for e in pl.load(team["reader"])] == ["w1", "w2"]
        with pl.open(team["reader"], read_only=True) as store:
            assert store.figures_by_model  # the writer kept the read model with INSERT alone
        status, _, err = _run("rebuild", "--store", team["writer"])
        assert status == 1
        assert "permission denied" in err  # deleting the old model is the owner's
        assert _run("rebuild", "--store", team["owner"])[0] == 0
        with pl.open(team["reader"], read_only=True) as store:
            assert [e.id for e in store.read(region="杭州")] == ["w1", "w2"]
            with pytest.raises(pl.errors.StoreError, match="permission denied"):
                store.append_lines([line(id="r1")])
        assert _run("append", "-", "--store", team["reader"])[0] == 1
        for who in ("writer", "reader"):
            assert _run("init", team[who])[0] == 0  # at the current version: nothing to do
        with (
            psycopg.connect(team["writer"], autocommit=True) as writer,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            writer.execute("ALTER TABLE policyline_events ADD COLUMN x INTEGER")


def test_init_links_the_stored_events_so_a_scoped_read_is_right() -> None:
    """Migrating to store schema 3 writes the links of the events already stored: a
    retraction filed under 金华 of a fact of 武义 is in 武义's scope afterwards."""
    retraction = line(
        id="r",
        type="Retracted",
        region="330700",
        payload={"target": "a", "reason": "wrong"},
    )
    with postgres_schema() as url:
        _write_version_1(url, [line(id="a", region="330723"), retraction])
        assert _run("init", url)[0] == 0
        with pl.open(url, read_only=True) as store:
            assert store.scoped_by_index
            assert [e.id for e in store.scope("武义")] == ["a", "r"]
        scoped = pl.load(url, region="武义")
        assert scoped.as_of("2022").region("武义").events == ()
        with pl.open(url, read_only=True) as store:
            assert store.figures_by_model  # init made the read model of the stored events
        assert not pl.figures(url, "2022", region="武义")  # a retracted programme is no figure
