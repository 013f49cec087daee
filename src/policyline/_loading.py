"""Load a timeline from JSON Lines files or from a store, all or nothing.

Every problem in every file is collected and reported together, each with its file, line
and field; if there is any, nothing is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._bulk import paused_gc
from policyline._dates import DateLike, day_number
from policyline._events import Event
from policyline._integrity import check
from policyline._reading import read
from policyline._regions import region as find_region
from policyline._results import Answers
from policyline._scope import InMemory, scope
from policyline._stores import Store, is_url
from policyline._stores import open as open_store
from policyline._territory import lineage, territory
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


def figures(
    source: str | os.PathLike[str] | Store,
    on: DateLike,
    *,
    region: str | None = None,
    rollup: bool = False,
    known: DateLike | None = None,
) -> Answers:
    """The figure (or refusal) of every statistic as of ``on``, one row each: of
    ``region`` (rolled up or not), or of every region with facts (rolled up: the
    overview), counting what was recorded by ``known`` if given. The answer is always
    ``load(source).as_of(on, known=known).figures(region, rollup=rollup)``.

    A SQLite or PostgreSQL store answers from its read model (:mod:`policyline._read_model`)
    where it reaches every stored event and ``known`` is not given: it reads only each
    statistic's latest report by the day, whatever the store's size. Otherwise the
    figures are worked out from the region's scope or from every event.
    """
    day_number(on)  # a wrong date is named before anything is read, as by every route
    with paused_gc():
        timeline = None if known is not None else _from_model(source, on, region, rollup)
        if timeline is None:
            timeline = load(source, region=region)
    return timeline.as_of(on, known=known).figures(region, rollup=rollup)


def _from_model(
    source: str | os.PathLike[str] | Store, on: DateLike, region: str | None, rollup: bool
) -> Timeline | None:
    codes = None
    if region is not None:
        code = find_region(region).code
        codes = territory(code) if rollup else lineage(code)
    if isinstance(source, str) and is_url(source):
        with open_store(source, read_only=True) as store:
            found = store.figures_scope([day_number(on)], codes)
    elif isinstance(source, Store):
        found = source.figures_scope([day_number(on)], codes)
    else:
        return None
    return None if found is None else _checked(*found)


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
