"""Faults and abuse at every door: each bad input is refused whole, located, without a
traceback, and leaves every store as it was; data never drives the terminal; reading a
SQLite file never writes to it; URLs that would lose data are refused.

The bad lines are :data:`tests.bad_input.BAD_LINES`; the store-level doors
(``append_lines`` on each store) are in ``tests/test_store_faults.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

import policyline as pl
from policyline._cli.main import main
from policyline._reading import _decode_slowly
from policyline._wire import fast_decode
from tests.bad_input import BAD_LINES, GOOD, line, payload
from tests.store_backends import KINDS, store_url
from tests.test_store_schema import stored_bodies

SOURCE = pl.Source("t.txt", "原文")


def _statistic(value: object, unit: str = "家", kind: str = "total") -> pl.StatisticReported:
    return pl.StatisticReported(
        id="s",
        region="330100",
        effective="2021",
        recorded="2021",
        source=SOURCE,
        metric="m",
        value=value,
        unit=unit,
        kind=kind,
    )


def _run(*args: str) -> tuple[int, str, str]:
    """``policyline ARGS`` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def _bad_file(tmp_path: Path, case: str) -> Path:
    text, _, _ = BAD_LINES[case]
    path = tmp_path / "import.jsonl"
    path.write_text(f"{line(id='fine')}\n\n{text}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_load_and_validate_refuse_each_bad_line_located(tmp_path: Path, case: str) -> None:
    """``pl.load`` raises DecodeError naming file, line 3 and the field; ``policyline
    validate`` prints the same problem and exits 1, with no traceback."""
    _, path_in_json, words = BAD_LINES[case]
    path = _bad_file(tmp_path, case)
    with pytest.raises(pl.DecodeError) as caught:
        pl.load(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (3, path_in_json)
    assert words in problem.message
    status, out, err = _run("validate", str(path))
    assert status == 1
    assert f"{path}:3: {path_in_json}" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_append_refuses_each_bad_file_whole_and_the_store_is_unchanged(
    tmp_path: Path, kind: str, case: str
) -> None:
    """``policyline append`` of a file with one bad line exits 1 naming it, and the store
    holds exactly what it held, as it was written."""
    with store_url(kind, tmp_path) as url:
        with pl.open(url) as store:
            store.append_lines([line()])
        before = stored_bodies(kind, url)
        status, out, err = _run("append", str(_bad_file(tmp_path, case)), "--store", url)
        assert status == 1
        assert "import.jsonl:3:" in err
        assert "Traceback" not in out + err
        assert stored_bodies(kind, url) == before


@pytest.mark.parametrize(
    ("build", "field", "words"),
    [
        (lambda: pl.Source("t.txt", "原\ud800文"), "quote", "lone surrogates"),
        (lambda: pl.Source("\u200b", "原文"), "document", "a visible character"),
        (
            lambda: _statistic(10**400),
            "value",
            "a finite number",
        ),
        (
            lambda: _statistic(-1, kind="increment"),
            "value",
            "an increment of 0 or more",
        ),
    ],
)
def test_python_events_refuse_what_no_store_could_hold(
    build: object, field: str, words: str
) -> None:
    """In Python the same rules hold: an InvalidEvent naming the field, never an
    OverflowError or a UnicodeEncodeError later at append."""
    assert callable(build)
    with pytest.raises(pl.errors.InvalidEvent) as caught:
        build()
    assert caught.value.field == field
    assert words in str(caught.value)


def test_a_negative_rate_is_fine() -> None:
    """Only counts are never negative: a rate of change may be."""
    rate = _statistic(-4.5, unit="%", kind="rate")
    assert rate.value == -4.5


def test_duplicate_keys_mean_the_last_one_on_both_paths() -> None:
    """A key written twice in one object means its last value, as JSON parsers read it;
    the fast and the slow decoder agree."""
    text = line(id="first").replace('"id": "first"', '"id": "first", "id": "second"', 1)
    fast = fast_decode(text.encode())
    slow = _decode_slowly(text.encode(), "f", 1)
    assert isinstance(fast, pl.Event)
    assert fast == slow
    assert fast.id == "second"


HOSTILE = {
    **GOOD,
    "id": "hostile",
    "source": {"document": "d\u001b[2J.txt", "quote": "原\u202e文", "url": None},
    "payload": payload(name="名\u001b]0;pwned\u0007字"),
}


def test_terminal_output_escapes_control_and_bidi_characters(tmp_path: Path) -> None:
    """ESC, BEL and a right-to-left override in the data are shown as escapes by the
    commands people read (timeline, asof, explain); JSON output keeps them exact."""
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    for args in (
        ("timeline",),
        ("asof", "2021-06-30", "--region", "杭州"),
        ("explain", "杭州", "hostile", "--on", "2021-06-30"),
    ):
        status, out, _ = _run(*args, "--store", str(path))
        assert status == 0, args
        assert not {"\u001b", "\u0007", "\u202e"} & set(out), args
        assert "\\x1b" in out or "\\u202e" in out, args
    _, out, _ = _run("timeline", "--jsonl", "--store", str(path))
    assert pl.decode(json.loads(out)) == pl.decode(HOSTILE)
    _, out, _ = _run("asof", "2021-06-30", "--json", "--store", str(path))
    assert (
        "原\u202e文" in json.loads(out)["regions"][0]["certain"]["programs"][0]["source"]["quote"]
    )


def _other_application(path: Path) -> bytes:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO customers (name) VALUES ('甲')")
        connection.commit()
    return path.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("asof", "2021"),
        ("timeline",),
        ("history", "杭州", "x"),
        ("explain", "杭州", "x", "--on", "2021"),
    ],
)
def test_reading_commands_never_write_into_another_applications_database(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Reading commands open a SQLite file read-only: another application's database is
    refused as not a policyline store and left byte for byte, journal mode included; an
    empty file stays empty."""
    other = tmp_path / "other_app.db"
    before = _other_application(other)
    empty = tmp_path / "empty.db"
    empty.touch()
    for path, expected in ((other, before), (empty, b"")):
        store = ["--store", f"sqlite:///{path}"] if args[0] != "validate" else [f"sqlite:///{path}"]
        status, out, err = _run(*args, *store)
        assert status == 1
        assert "not a policyline store" in out + err
        assert path.read_bytes() == expected
        assert not Path(f"{path}-wal").exists()


def test_writing_into_another_applications_database_needs_init(tmp_path: Path) -> None:
    """``copy`` into a database with tables of its own is refused unless ``--init``;
    then its tables are kept and policyline's added."""
    other = tmp_path / "other_app.db"
    before = _other_application(other)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(line() + "\n", encoding="utf-8")
    url = f"sqlite:///{other}"
    status, _, err = _run("copy", str(corpus), url)
    assert status == 1
    assert "--init" in err
    assert other.read_bytes() == before
    assert _run("copy", str(corpus), url, "--init")[0] == 0
    with contextlib.closing(sqlite3.connect(other)) as connection:
        assert connection.execute("SELECT name FROM customers").fetchall() == [("甲",)]
    with pl.open(url, read_only=True) as store:
        assert [e.id for e in store.read()] == ["good"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("sqlite://", "names no file"),
        ("sqlite:///", "names no file"),
        ("sqlite:///file:y.db?mode=memory", "URI filenames"),
        ("sqlite:///k.db?nolock=1", "URI filenames"),
    ],
)
def test_sqlite_urls_that_would_write_nowhere_are_refused(url: str, words: str) -> None:
    """A URL that opens a database in memory, or turns locking off, is refused."""
    with pytest.raises(pl.errors.StoreError, match=words):
        pl.open(url)


def test_the_command_refuses_a_store_in_memory(tmp_path: Path) -> None:
    """``copy`` and ``append`` into ``sqlite:///:memory:`` would report events that are
    gone when the command ends: refused."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(line() + "\n", encoding="utf-8")
    for args in (("copy", str(corpus), "sqlite:///:memory:"),):
        status, out, err = _run(*args)
        assert status == 1
        assert "lost when the command ends" in err
        assert out == ""
    status, _, err = _run("append", str(corpus), "--store", "sqlite:///:memory:")
    assert status == 1
    assert "lost when the command ends" in err


def test_a_read_only_store_refuses_to_append(tmp_path: Path) -> None:
    """A SQLite store opened read-only says so when asked to append."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    with pl.open(url) as store:
        store.append_lines([line()])
    with (
        pl.open(url, read_only=True) as store,
        pytest.raises(pl.errors.StoreError, match="read-only"),
    ):
        store.append_lines([line(id="more")])


SECRET = "S3cret-pw"
NOWHERE = [
    f"postgresql://alice:{SECRET}@127.0.0.1:1/policy",
    f"postgresql://alice@127.0.0.1:1/policy?password={SECRET}&connect_timeout=2",
    f"postgres://alice:{SECRET}@127.0.0.1:1/policy",
    f"host=127.0.0.1 port=1 user=alice password={SECRET} dbname=policy",
    f"postgresql://alice:{SECRET}@[bad/db",
    f"postgresql://alice:{SECRET}%zz@127.0.0.1:1/db",
    f"postgresql://alice:{SECRET}%00@127.0.0.1:1/db",
    f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:1/db",
    f"POSTGRESQL://alice:{SECRET}@127.0.0.1:1/db",
    f" postgresql://alice:{SECRET}@127.0.0.1:1/db",
    f"sqlite://alice:{SECRET}@x/db",
]


@pytest.mark.parametrize("url", NOWHERE)
def test_no_message_prints_a_password(tmp_path: Path, url: str) -> None:
    """A PostgreSQL password, in the URL's user part, in ``?password=`` or in key=value
    form, never appears in what validate, asof, copy, append or pl.open print."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(line() + "\n", encoding="utf-8")
    for args in (
        ("validate", url),
        ("asof", "2021", "--store", url),
        ("copy", str(corpus), url),
        ("copy", url, str(tmp_path / "out.jsonl")),
        ("append", str(corpus), "--store", url),
    ):
        status, out, err = _run(*args)
        assert status == 1, args
        assert SECRET not in out + err, args
        assert "***" in out + err or "password" not in out + err, args
    with pytest.raises(pl.errors.StoreError) as caught:
        pl.open(url)
    assert SECRET not in str(caught.value)


def test_a_key_value_connection_string_opens_a_postgres_store(tmp_path: Path) -> None:
    """libpq's key=value form names a PostgreSQL store as the URL does."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    with store_url("postgres", tmp_path) as url:
        key_value = make_conninfo("", **conninfo_to_dict(url))
        assert "://" not in key_value
        with pl.open(key_value) as store:
            store.append_lines([line()])
        assert [e.id for e in pl.load(key_value)] == ["good"]
