"""The one integrity check: what a batch of events must satisfy to be taken whole.

Every door runs it: building a :class:`~policyline.Timeline` (and so ``load``),
``validate``, ``copy`` and every store's ``append`` (with the stored events the batch
meets). The rules:

- **ids are unique.** An event identical to one stored, or to one earlier in the batch,
  is a repeat and is skipped; a *different* event with such an id is refused, at the later
  one (the earlier one is where the id was first used, and innocent).
- **references resolve.** A repeal, a correction, a retraction, a ``covers`` list (and
  the references of a correction's replacement) point at events that are stored or in the
  batch.
- **amendments are well formed.** A correction targets a fact (not a correction or a
  retraction) of its replacement's type; a repeal targets a ``PolicyIssued``; what a field
  may point at is declared with it (``TARGETS``), a fact unless it says otherwise. A
  retraction may target any event (retracting a retraction restores what it retracted),
  but not itself, and retractions never form a cycle.
- **claims of one fact are well formed.** A ``same_as`` names a fact of the event's own
  type filed in its region, never itself, never in a cycle; a correction keeps what its
  target is the same as; a settlement names a fact (:mod:`policyline._identity`).

What each event points at, and these rules, are :mod:`policyline._pointing`.

Each problem says where it is, by batch position; the caller says how positions read
(``file:line`` for text). :func:`check` never raises for bad data: it returns every issue.
:class:`Check` is the same check fed chunk by chunk, for batches larger than memory; the
answer does not depend on where the chunks are cut (``tests/test_streaming.py``).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import count
from operator import attrgetter

import attrs

from policyline._declaring import Field
from policyline._events import Event
from policyline._pointing import Issue as Issue
from policyline._pointing import amendment_issues, listed_issues, pointing_types, references

_ID = attrgetter("id")
_TYPE = attrgetter("type_name")
_REGION = attrgetter("region")
Lookup = Callable[[Collection[str]], Mapping[str, Event]]
"""The stored events among some ids (a store's lookup; nothing is stored for a timeline)."""


def nothing_stored(ids: Collection[str]) -> Mapping[str, Event]:
    """The lookup of an empty store."""
    return {}


@attrs.frozen
class Checked:
    """A checked batch: the positions of its new events, in order, and every issue."""

    new: Sequence[int]
    issues: list[Issue]


def check(
    events: Sequence[Event],
    stored: Lookup = nothing_stored,
    where: Callable[[int], str] = lambda position: f"batch position {position}",
) -> Checked:
    """Check a batch against itself and against the stored events ``stored`` finds.

    ``where`` describes a batch position, for messages that name another event.
    """
    checking = Check(stored, where)
    new = checking.feed(events)
    return Checked(new, checking.finish())


@attrs.frozen
class _Released:
    """What the check keeps of an event that points at nothing once its chunk is gone:
    its type and region, all a reference to it needs (it is never an amendment and never
    the same as another fact: those point)."""

    type_name: str
    region: str
    same_as: None = None


@attrs.frozen
class Examined:
    """A chunk examined against the batch so far (and the store): not yet taken."""

    start: int
    events: Sequence[Event]
    ids: dict[str, int]  # each id of the chunk at its first position in the chunk
    new: Sequence[int]
    issues: list[Issue]
    earlier: bool  # an id of the chunk was used by an earlier chunk


class Check:
    """The integrity check of a batch fed chunk by chunk, in bounded memory.

    Of the chunks already taken it keeps each id's first position, the type of each
    event, and whole only the events that point at others; so the batch itself need
    never be in memory. An event that repeats the id of one in an earlier chunk is
    compared with it: the store's (``stored`` sees what this batch already wrote), else
    the one ``recall`` reads again from the input. :func:`check` is one chunk.

    ``store_holds_batch``: ``stored`` sees every chunk once it is taken (a store's write
    session, which writes each chunk before the next is examined). The store then
    remembers the batch and the check forgets each chunk once the next is taken, keeping
    8 bytes a position (a hash of its id, to name where an id was first used); the
    references of each chunk are resolved as soon as everything they lead to exists, and
    only those that point ahead are held until :meth:`finish`. Memory stays flat however
    long the batch.
    """

    def __init__(
        self,
        stored: Lookup = nothing_stored,
        where: Callable[[int], str] = lambda position: f"batch position {position}",
        recall: Callable[[int], Event] | None = None,
        *,
        store_holds_batch: bool = False,
    ) -> None:
        self._stored = stored
        self._where = where
        self._recall = recall
        self._forgets = store_holds_batch and stored is not nothing_stored
        self._hashes = array("q")  # when forgetting: the hash of each id, by position
        self._first: dict[str, int] = {}
        self._repeats: set[int] = set()  # positions that are not new
        self._types: list[str] = []  # by position, for the chunks released
        self._regions: list[str] = []  # likewise (a same_as names a fact of its region)
        self._whole: dict[int, Event] = {}  # the pointing events, by position
        self._chunk: Sequence[Event] = ()
        self._chunk_start = 0
        self._pointing: list[tuple[int, list[tuple[Field, str]]]] = []  # not yet resolved
        self._issues: list[Issue] = []
        self._getters = pointing_types()

    @property
    def count(self) -> int:
        """How many events were fed."""
        return self._chunk_start + len(self._chunk)

    def position(self, event_id: str) -> int | None:
        """The position of the new event with this id, if the batch has one."""
        position = self._first.get(event_id)
        return None if position is None or position in self._repeats else position

    def event(self, position: int) -> Event | None:
        """The event at a position, if it is still held (its chunk, or it points)."""
        if position >= self._chunk_start:
            return self._chunk[position - self._chunk_start]
        return self._whole.get(position)

    def feed(self, events: Sequence[Event]) -> Sequence[int]:
        """Examine and take a chunk; return the positions of its new events."""
        examined = self.examine(events)
        self.take(examined)
        return examined.new

    def examine(self, events: Sequence[Event]) -> Examined:
        """Check a chunk's ids against itself, the chunks before and the store, without
        taking it."""
        start, ids, earlier = self._ids(events)
        found: Mapping[str, Event] = {}
        if self._stored is not nothing_stored:
            found = self._stored(ids.keys())
        issues: list[Issue] = []
        if len(ids) == len(events) and not found and not earlier:
            new: Sequence[int] = range(start, start + len(events))  # the usual case
        else:
            new = self._new_positions(start, events, ids, found, issues)
        return Examined(start, events, ids, new, issues, earlier)

    def examine_if_new(self, events: Sequence[Event]) -> Examined | None:
        """The chunk examined without asking the store, if none of its ids repeats one of
        the batch (the caller then learns otherwise whether one is stored); else None."""
        start, ids, earlier = self._ids(events)
        if len(ids) != len(events) or earlier:
            return None
        return Examined(start, events, ids, range(start, start + len(events)), [], earlier)

    def _ids(self, events: Sequence[Event]) -> tuple[int, dict[str, int], bool]:
        """Where the chunk starts, each of its ids at its first position, and whether an
        earlier chunk used one of them."""
        start = self.count
        ids = dict(zip(map(_ID, events), count(start)))  # built in C
        if len(ids) != len(events):  # an id repeats: keep each id's first position
            ids = {}
            for position, event in enumerate(events, start):
                ids.setdefault(event.id, position)
        earlier = (
            not self._forgets and bool(self._first) and not self._first.keys().isdisjoint(ids)
        )  # when forgetting, the store finds an id of an earlier chunk
        return start, ids, earlier

    def take(self, examined: Examined) -> None:
        """Add an examined chunk to the batch (the chunk before it is released)."""
        if examined.start != self.count:
            raise ValueError("chunks are taken in order, each examined after the last")
        self._release()
        start, events = examined.start, examined.events
        if self._forgets:
            self._first = examined.ids
            self._hashes.extend(map(hash, map(_ID, events)))
        elif not self._first:
            self._first = examined.ids  # the chunk's own dict: a copy would double it
        elif not examined.earlier:
            self._first.update(examined.ids)
        else:
            for key, position in examined.ids.items():
                self._first.setdefault(key, position)
        if len(examined.new) != len(events):
            fresh = set(examined.new)
            self._repeats.update(p for p in range(start, start + len(events)) if p not in fresh)
        self._issues.extend(examined.issues)
        self._chunk, self._chunk_start = events, start
        self._issues.extend(listed_issues(start, events))
        getters = self._getters
        for offset, event in enumerate(events):
            get = getters.get(type(event))
            if (get is None or not get(event)) and event.same_as is None:
                continue
            position = start + offset
            found = references(event)
            if found and position not in self._repeats:
                self._pointing.append((position, found))
                self._whole[position] = event
        if self._forgets:
            self._resolve(final=False)

    def _release(self) -> None:
        if not self._forgets:
            self._types.extend(map(_TYPE, self._chunk))
            self._regions.extend(map(_REGION, self._chunk))
        self._chunk_start += len(self._chunk)
        self._chunk = ()

    @property
    def new_count(self) -> int:
        """How many of the events fed are new (neither stored nor repeats)."""
        return self.count - len(self._repeats)

    def is_repeat(self, position: int) -> bool:
        """Is the event at ``position`` a repeat (or a conflict) rather than new?"""
        return position in self._repeats

    def finish(self) -> list[Issue]:
        """Resolve the references of the events fed since the last ``finish``; return
        every issue so far, in order of position."""
        self._resolve(final=True)
        self._issues.sort(key=lambda issue: issue.position)
        return list(self._issues)

    def _resolve(self, *, final: bool) -> None:
        """Check what the pointing events point at. Unless ``final``, an event whose
        references lead to an id not yet seen (one further on in the batch) is kept for
        later, and the others are released."""
        pointing, self._pointing = self._pointing, []
        if not pointing:
            return
        targets = {target for _, found in pointing for _, target in found}
        outside = {t for t in targets if self.position(t) is None}
        found: dict[str, Event] = {}
        if outside and self._stored is not nothing_stored:
            found = dict(self._stored(outside))
        missed: list[str] = []

        def resolve(target: str) -> Event | _Released | None:
            kept = found.get(target)
            if kept is not None:
                return kept
            position = self._first.get(target)
            if position is not None:
                held = self.event(position)
                if held is not None:
                    return held
                if not self._forgets:
                    return _Released(self._types[position], self._regions[position])
            if self._forgets and target not in outside:  # a chain's further step
                kept = self._stored([target]).get(target)
                if kept is not None:
                    found[target] = kept
                    return kept
            missed.append(target)
            return None

        for position, refs in pointing:
            event = self._whole[position]
            del missed[:]
            issues = amendment_issues(position, event, refs, resolve)
            if missed and not final:
                self._pointing.append((position, refs))  # it may point ahead
                continue
            self._issues.extend(issues)
            if self._forgets:
                del self._whole[position]

    def _new_positions(
        self,
        start: int,
        events: Sequence[Event],
        ids: Mapping[str, int],
        found: Mapping[str, Event],
        issues: list[Issue],
    ) -> list[int]:
        """The positions of events neither stored nor repeated; a different event under a
        used id is an issue at the later one."""
        new: list[int] = []
        fresh: set[int] = set()  # the new positions of this chunk

        def is_new(position: int) -> bool:
            return position in fresh if position >= start else position not in self._repeats

        for position, event in enumerate(events, start):
            kept = found.get(event.id)
            first = ids[event.id] if self._forgets else self._first.get(event.id, ids[event.id])
            if kept is not None:
                if kept != event:
                    if self._forgets:  # the store holds the earlier chunks
                        first = self._hashed(event.id, start, first)
                    # A new event of this batch is where the id was first used; else the store.
                    place = (
                        f"at {self._where(first)}"
                        if first != position and is_new(first)
                        else "already stored"
                    )
                    message = f"{event.id!r} is the id of a different event {place}"
                    issues.append(Issue(position, "$.id", message))
                continue
            if first != position:
                if self._earlier(first, start, events) != event:
                    message = f"{event.id!r} is the id of a different event at {self._where(first)}"
                    issues.append(Issue(position, "$.id", message))
                continue
            new.append(position)
            fresh.add(position)
        return new

    def _hashed(self, event_id: str, start: int, otherwise: int) -> int:
        """When forgetting: the first position an earlier chunk used this id at, found by
        its hash (two ids sharing a 64-bit hash would only misname a line in a message),
        else ``otherwise``."""
        try:
            position = self._hashes.index(hash(event_id), 0, start)
        except ValueError:
            return otherwise
        return position

    def _earlier(self, position: int, start: int, events: Sequence[Event]) -> Event:
        """The event at an earlier position: in this chunk, held, or read again."""
        if position >= start:
            return events[position - start]
        held = self.event(position)
        if held is not None:
            return held
        if self._recall is None:
            raise AssertionError("a repeated id across chunks needs the store or a recall")
        return self._recall(position)
