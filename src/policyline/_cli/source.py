"""Where the events come from: ``--store URL`` or a path, with a sensible default.

A store is named by a URL (``sqlite:///file.db``, ``postgresql://…``) or by a path (a
directory of ``.jsonl`` files, one ``.jsonl`` file, or a glob). Without ``--store`` the
command uses ``$POLICYLINE_STORE`` if set, else ``./events`` if that directory exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._cli.progress import Progress
from policyline._loading import load
from policyline._stores import Store, copy
from policyline._stores import open as open_store
from policyline._timeline import Timeline
from policyline.errors import StoreError

DEFAULT_CORPUS = "events"
ENVIRONMENT = "POLICYLINE_STORE"

__all__ = [
    "Store",
    "copy",
    "default_location",
    "is_url",
    "open_existing_store",
    "open_store",
    "open_timeline",
]


def is_url(location: str) -> bool:
    """Does ``location`` name a store by URL (``scheme://…``) rather than by a path?"""
    return "://" in location


def default_location() -> str:
    """``$POLICYLINE_STORE``, else ``./events`` if it exists; otherwise a clear error."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return configured
    if Path(DEFAULT_CORPUS).is_dir():
        return DEFAULT_CORPUS
    raise StoreError(
        f"no store given: pass --store URL or PATH, set ${ENVIRONMENT}, "
        f"or run where ./{DEFAULT_CORPUS}/ exists"
    )


def open_existing_store(url: str) -> Store:
    """Open a store to read from; a SQLite file that does not exist is an error, not a new,
    empty store (a mistyped path would otherwise answer "nothing" without a word)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            raise StoreError(
                f"no SQLite store at {str(path)!r} (to create one: policyline copy events/ {url})"
            )
    return open_store(url)


def open_timeline(location: str | None) -> Timeline:
    """The timeline of every event at ``location`` (or the default), with progress.

    A URL is opened as a store; a path (directory, file, glob) is loaded with
    :func:`policyline.load`, which names the file and line of every problem.
    """
    where = location or default_location()
    with Progress(f"loading {where}"):
        if is_url(where):
            store = open_existing_store(where)
            try:
                return store.timeline()
            finally:
                store.close()
        return load(where)
