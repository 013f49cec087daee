"""Open a store by URL, and copy events from files or a store into a store.

=================================  ==============================================
``path/to/events/``                a directory of ``*.jsonl`` files (JSON Lines)
``path/to/file.jsonl``             one JSON Lines file
``sqlite:///relative/file.db``     a SQLite file (three slashes, then the path;
``sqlite:////absolute/file.db``    an absolute path adds its own slash)
``sqlite:///:memory:``             a SQLite database in memory (Python only: gone
                                   when closed, so the command refuses it)
``postgresql://user@host/dbname``  a PostgreSQL database (``postgres://`` too, or
                                   libpq's ``host=… dbname=…`` key=value form)
=================================  ==============================================
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._reading import Reader
from policyline._stores.base import Store, records_of
from policyline._stores.conninfo import is_conninfo, redacted
from policyline._stores.jsonl import JSONLinesStore
from policyline._stores.sqlite import SQLiteStore
from policyline.errors import InvalidArgument, MissingExtra, StoreError

_FORMS = "a directory, a .jsonl file, sqlite:///file.db or postgresql://..."


def is_url(location: str) -> bool:
    """Does ``location`` name a store by URL (``scheme://…``, or libpq's key=value
    connection string) rather than by a path?"""
    return "://" in location or is_conninfo(location)


def open(  # shadows the builtin on purpose: pl.open(url)
    url: str | os.PathLike[str],
    *,
    create: bool = True,
    read_only: bool = False,
    init: bool = False,
) -> Store:
    """Open the store a URL or path names (see the module docstring for the forms).

    With ``create=False`` a SQLite file or a JSON Lines path that does not exist is an
    error instead of a new, empty store (a mistyped path would otherwise read as empty).
    ``read_only`` (which implies ``create=False``) opens a SQLite file read-only: nothing
    in it is created or changed, and it must hold policyline's tables. ``init`` sets up
    policyline's schema where it would not be by default: in a SQLite database that holds
    other tables, and in PostgreSQL it creates the tables or migrates them to this
    policyline's schema version (which needs the database owner's rights).
    """
    create = create and not read_only
    if isinstance(url, os.PathLike):
        return _path_store(Path(url), create)
    if not isinstance(url, str):
        raise InvalidArgument("url", url, "a store URL or a path")
    if is_conninfo(url):
        return _postgres_store(url, create=create, init=init)
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _path_store(Path(url), create)
    if scheme == "sqlite":
        return _sqlite_store(url, rest, create=create, read_only=read_only, init=init)
    raise StoreError(f"cannot open {redacted(url)!r}: unknown kind of store; expected {_FORMS}")


def _postgres_store(url: str, *, create: bool, init: bool) -> Store:
    try:  # psycopg loads only when a PostgreSQL store is opened (the postgres extra)
        from policyline._stores.postgres import PostgresStore
    except ImportError as error:
        if error.name is None or not error.name.startswith("psycopg"):
            raise
        raise MissingExtra("psycopg", "postgres") from None
    return PostgresStore(url, create=create, init=init)


def _sqlite_store(url: str, rest: str, *, create: bool, read_only: bool, init: bool) -> Store:
    if rest in ("", "/"):
        raise StoreError(
            f"cannot open {url!r}: it names no file; write sqlite:///file.db"
            " (sqlite:///:memory: is a database in memory, gone when it is closed)"
        )
    if not rest.startswith("/"):
        raise StoreError(f"cannot open {redacted(url)!r}: write sqlite:///file.db (three slashes)")
    path = rest[1:]
    if path.startswith("file:") or "?" in path:
        # A URI filename can open a database in memory or turn locking off (nolock=1).
        raise StoreError(
            f"cannot open {url!r}: SQLite URI filenames and options are not supported;"
            " write sqlite:///path/to/file.db"
        )
    if path == ":memory:":
        return SQLiteStore(path)
    if not create and not Path(path).exists():
        raise StoreError(
            f"no SQLite store at {path!r} (to create one: policyline copy events/ {url})"
        )
    return SQLiteStore(path, read_only=read_only, init=init)


def is_ephemeral(url: str) -> bool:
    """Does ``url`` name a store that is gone when it is closed (SQLite in memory)?"""
    return url.strip() == "sqlite:///:memory:"


def _path_store(path: Path, create: bool) -> Store:
    if not path.exists() and (not create or path.suffix not in ("", ".jsonl")):
        raise StoreError(
            f"cannot open {str(path)!r}: no such file"
            + ("" if not create else ", and a new JSON Lines store is a directory or a .jsonl file")
            + f"; expected {_FORMS}"
        )
    return JSONLinesStore(path)


def copy(
    source: Store | str | os.PathLike[str],
    target: Store | str | os.PathLike[str],
    *,
    init: bool = False,
) -> int:
    """Copy every event of ``source`` into ``target``, in order, as one batch (read and
    written chunk by chunk, so memory does not grow with the source); return ``target``'s
    new version.

    ``source`` is a store, a store URL, or JSON Lines files (a path, a directory, a glob,
    ``-`` for standard input), read by the same reader as ``load``: lines are stored as
    written and problems named by ``file:line``. Lossless and all-or-nothing: events
    already in ``target`` unchanged are skipped, anything the integrity check refuses
    rejects the whole copy. Stores given as URLs are opened and closed here (``init``: see
    :func:`open`).
    """
    target_store = target if isinstance(target, Store) else open(target, init=init)
    try:
        if isinstance(source, Store):
            return target_store.append(source.read())
        if isinstance(source, str) and is_url(source):
            with open(source, read_only=True) as source_store:
                return target_store.append(source_store.read())
        with Reader([source], keep_text=True) as reader:
            chunks = map(records_of, reader.chunks())
            return target_store._append_stream(chunks, None, reader.places.where, reader.problems)
    finally:
        if target_store is not target:
            target_store.close()
