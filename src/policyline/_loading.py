"""Load a timeline from JSON Lines files or from a store, all or nothing.

Every problem in every file is collected and reported together, each with its file, line
and field; if there is any, nothing is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._bulk import paused_gc
from policyline._integrity import check
from policyline._reading import read
from policyline._stores import Store, is_url
from policyline._stores import open as open_store
from policyline._timeline import Timeline


def load(source: str | os.PathLike[str] | Store) -> Timeline:
    """A timeline of every event in a directory of ``.jsonl`` files, a file, a glob,
    standard input (``"-"``), or a store (a :class:`Store`, or a URL such as
    ``sqlite:///policy.db``).

    The cyclic garbage collector is paused while the events are read, checked and
    ordered: they are many lasting objects and no cycles (see :mod:`policyline._bulk`).
    """
    with paused_gc():
        return _load(source)


def _load(source: str | os.PathLike[str] | Store) -> Timeline:
    if isinstance(source, Store):
        return Timeline(source.read())
    if isinstance(source, str) and is_url(source):
        with open_store(source, read_only=True) as store:
            return Timeline(store.read())
    decoded = read([Path(source) if isinstance(source, os.PathLike) else source])
    decoded.refuse()
    checked = check(decoded.events, where=decoded.places.describe)
    decoded.refuse(decoded.located(checked))
    return Timeline.of_checked(decoded.events, checked.new)
