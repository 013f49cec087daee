"""The persisted read model of statistics: where every reported figure stands, kept in the
store beside the events, so that questions about every region's figures need not read
every event.

A region's figure of a statistic as of a day is its latest report certain by that day
(:mod:`policyline._projections.statistics`), and a roll-up adds up the members' figures
(:mod:`policyline._rollup`). So the figures of any set of regions as of a day need, of all
the reports, only each (region, statistic)'s latest one certain by the day: the model
says, for every reported fact, where it stands once every amendment recorded is applied
(its region, folded metric, kind and replay days), and a store picks those latest ones by
index (:meth:`policyline._stores.base.Store.figures_scope`). A timeline of them (and what
they point at and what amends them: :func:`policyline._scope.closure`) gives every
figure, as the whole store's timeline does, by the same code.

A **head** is one row of the model: for a fact (its *root*, the id it was reported under;
a correction's replacement keeps that id) where it stands after the events up to a
position (``written``) are applied: at a statistic's place, or nowhere (retracted, or
corrected into another kind of fact). Heads are only ever added (a PostgreSQL writer needs
no right beyond ``INSERT``): a fact's current head is its last written. A new report adds
its head; a correction or a retraction adds a head for the fact it amends (found by
walking targets up to it), worked out with :func:`policyline._view.resolve` over the fact
and every amendment of it, whatever was recorded when: a backdated event is one more row.

The model is versioned (:data:`MODEL`): a store keeps, among the links, how far the model
of each version reaches; a read uses it only if it reaches the last stored event, and a
writer first brings it up to date (a store written by a policyline from before the model,
or with another version of it, is caught up by the next append, or by ``policyline
rebuild``). Change :data:`VERSION` whenever what a head holds or how it is worked out
changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from policyline._events import Event, StatisticReported, amended_id
from policyline._projections.statistics import statistic_key
from policyline._scope import Finder, stored_as_statistic
from policyline._view import resolve

VERSION = 2
MODEL = f"statistics/{VERSION}"
"""The model's name and version, as the store records how far it reaches."""

Head = tuple[str, int, int, str | None, str | None, str | None, int | None]
"""(root id, written, root position, region, folded metric, kind, rank); the last four
are None where the fact stands nowhere as a statistic."""

DAYS = 1 << 22
"""More than any day number (9999-12-31 is day 3,652,059)."""


def rank(latest: int, earliest: int) -> int:
    """The replay order of a date as one integer: by latest day, then earliest day."""
    return latest * DAYS + earliest


def last_rank(day: int) -> int:
    """The greatest rank of a date certain by ``day``."""
    return rank(day, DAYS - 1)


def head(root: str, written: int, position: int, fact: Event | None) -> Head:
    """Where fact ``root`` (stored at ``position``) stands after the events up to
    ``written``: ``fact`` is its standing form (None: it does not stand)."""
    if fact is None or not stored_as_statistic(fact):
        return (root, written, position, None, None, None, None)
    metric, kind = statistic_key(cast("StatisticReported", fact))
    effective = fact.effective
    order = rank(effective.latest, effective.earliest)
    return (root, written, position, fact.region, metric, kind, order)


class Upkeep:
    """The heads each written slice of a batch adds (one per write session: an amendment
    may come before its target in a batch, and is then worked out when the target comes)."""

    __slots__ = ("_waiting",)

    def __init__(self) -> None:
        self._waiting: set[str] = set()
        """Ids amended in this session before they were stored."""

    def heads(self, finder: Finder, written: Sequence[tuple[int, Event]]) -> list[Head]:
        """The heads of ``written`` (stored events, in append order; ``finder`` sees them
        and everything before them)."""
        if not written:
            return []
        last = written[-1][0]
        known = {event.id: (position, event) for position, event in written}
        roots = self._amended_roots(finder, written, known)
        heads: list[Head] = []
        for position, event in written:
            if amended_id(event) is not None or event.id in roots:
                continue
            if event.id in self._waiting:
                self._waiting.discard(event.id)
                roots[event.id] = position
            elif stored_as_statistic(event):
                heads.append(head(event.id, position, position, event))
        if roots:
            standing = _standing(finder, roots)
            heads.extend(head(root, last, roots[root], standing.get(root)) for root in roots)
        return heads

    def _amended_roots(
        self,
        finder: Finder,
        written: Sequence[tuple[int, Event]],
        known: dict[str, tuple[int, Event]],
    ) -> dict[str, int]:
        """The facts the amendments in ``written`` amend (through amendments of
        amendments), by id, with their positions."""
        stored = dict(known)
        targets = {up for _, e in written if (up := amended_id(e)) is not None}
        roots: dict[str, int] = {}
        seen: set[str] = set()
        while targets:
            seen |= targets
            missing = sorted(targets - stored.keys())
            if missing:
                stored.update((event.id, (p, event)) for p, event in finder.with_ids(missing))
            above: set[str] = set()
            for target in targets:
                found = stored.get(target)
                if found is None:  # it comes later in this batch
                    self._waiting.add(target)
                elif (up := amended_id(found[1])) is not None:
                    above.add(up)
                else:
                    roots[target] = found[0]
            targets = above - seen
        return roots


def _standing(finder: Finder, roots: dict[str, int]) -> dict[str, Event]:
    """The standing form of each of ``roots``, from it, every amendment of it and every
    other source's claim of it (and their amendments)."""
    trees: dict[str, list[tuple[int, Event]]] = {root: [] for root in roots}
    root_of = {root: root for root in roots}
    for position, event in finder.with_ids(sorted(roots)):
        trees[event.id].append((position, event))
    frontier = sorted(roots)
    while frontier:
        amending = finder.amending(frontier)
        frontier = []
        for position, event in amending:
            if event.id in root_of:
                continue
            root = root_of[amended_id(event) or event.id]
            root_of[event.id] = root
            trees[root].append((position, event))
            frontier.append(event.id)
    standing: dict[str, Event] = {}
    for root, tree in trees.items():
        facts = resolve(event for _, event in sorted(tree, key=_position))
        if facts:
            standing[root] = facts[0]
    return standing


def _position(found: tuple[int, Event]) -> int:
    return found[0]


def latest_root(roots: Iterable[str]) -> str:
    """Of the roots of one statistic's reports tied on their days, the last in replay
    order, whose last key is the id (compared as Python does, not as a database collates)."""
    return max(roots)
