"""Open a store by URL, and copy events from one store to another.

=================================  ==============================================
``path/to/events/``                a directory of ``*.jsonl`` files (JSON Lines)
``path/to/file.jsonl``             one JSON Lines file
``sqlite:///relative/file.db``     a SQLite file (three slashes, then the path;
``sqlite:////absolute/file.db``    an absolute path adds its own slash)
``sqlite:///:memory:``             a SQLite database in memory
``postgresql://user@host/dbname``  a PostgreSQL database (``postgres://`` too)
=================================  ==============================================
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._stores.base import Store
from policyline._stores.jsonl import JSONLinesStore
from policyline._stores.sqlite import SQLiteStore
from policyline.errors import StoreError

_FORMS = "a directory, a .jsonl file, sqlite:///file.db or postgresql://..."


def open(url: str | os.PathLike[str]) -> Store:  # shadows the builtin on purpose: pl.open(url)
    """Open the store a URL or path names (see the module docstring for the forms)."""
    if isinstance(url, os.PathLike):
        return _path_store(Path(url))
    if not isinstance(url, str):
        raise TypeError(f"expected a URL or a path, got {type(url).__name__}")
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _path_store(Path(url))
    if scheme == "sqlite":
        if rest in ("", "/"):
            return SQLiteStore(":memory:")
        if not rest.startswith("/"):
            raise StoreError(f"cannot open {url!r}: write sqlite:///file.db (three slashes)")
        return SQLiteStore(rest[1:])
    if scheme in ("postgresql", "postgres"):
        from policyline._stores.postgres import PostgresStore  # psycopg loads only when used

        return PostgresStore(url)
    raise StoreError(f"cannot open {url!r}: unknown kind of store; expected {_FORMS}")


def _path_store(path: Path) -> Store:
    if not path.exists() and path.suffix not in ("", ".jsonl"):
        raise StoreError(
            f"cannot open {str(path)!r}: no such file, and a new JSON Lines store is a"
            f" directory or a .jsonl file; expected {_FORMS}"
        )
    return JSONLinesStore(path)


def copy(source: Store | str | os.PathLike[str], target: Store | str | os.PathLike[str]) -> int:
    """Copy every event of ``source`` into ``target``, in order, as one batch.

    Lossless and all-or-nothing: events already in ``target`` unchanged are skipped, a
    conflicting one rejects the whole copy. Stores given as URLs are opened and closed
    here. Returns ``target``'s new version.
    """
    source_store = source if isinstance(source, Store) else open(source)
    try:
        target_store = target if isinstance(target, Store) else open(target)
        try:
            return target_store.append(source_store.read())
        finally:
            if target_store is not target:
                target_store.close()
    finally:
        if source_store is not source:
            source_store.close()
