"""Load a timeline from JSON Lines files or from a store, all or nothing.

Every problem in every file is collected and reported together, each with its file, line
and field; if there is any, nothing is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._bulk import paused_gc
from policyline._events import Event
from policyline._integrity import check
from policyline._reading import read
from policyline._regions import region as find_region
from policyline._scope import InMemory, scope
from policyline._stores import Store, is_url
from policyline._stores import open as open_store
from policyline._timeline import Timeline
from policyline.errors import DecodeError, Problem


def load(source: str | os.PathLike[str] | Store, *, region: str | None = None) -> Timeline:
    """A timeline of every event in a directory of ``.jsonl`` files, a file, a glob,
    standard input (``"-"``), or a store (a :class:`Store`, or a URL such as
    ``sqlite:///policy.db``).

    With ``region``, only what questions about that region (rolled up or not) and the
    regions below it need: a store looks the events up by index (:meth:`Store.scope`),
    and every answer about that subtree is the whole timeline's, at any day and known-time.

    The cyclic garbage collector is paused while the events are read, checked and
    ordered: they are many lasting objects and no cycles (see :mod:`policyline._bulk`).
    """
    with paused_gc():
        if region is not None:
            return _load_scope(source, region)
        return _load(source)


def _load_scope(source: str | os.PathLike[str] | Store, region: str) -> Timeline:
    if isinstance(source, Store):
        return _of_scope(source, region)
    if isinstance(source, str) and is_url(source):
        with open_store(source, read_only=True) as store:
            return _of_scope(store, region)
    whole = _load(source)  # files are read whole anyway: the scope is the same questions'
    finder = InMemory(whole)
    return _checked(scope(finder, find_region(region).code), finder.metric_names())


def _of_scope(store: Store, region: str) -> Timeline:
    events, names = store.scoped(region)
    return _checked(events, names)


def _checked(events: list[Event], names: dict[str, str]) -> Timeline:
    checked = check(events, where=lambda position: f"stored event {events[position].id!r}")
    if checked.issues:  # a scope is closed under references: only a damaged store fails
        raise DecodeError(
            [
                Problem(f"stored event {events[i.position].id!r}", 0, i.path, i.message)
                for i in checked.issues
            ]
        )
    return Timeline.of_checked(events, checked.new, metric_names=names)


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
