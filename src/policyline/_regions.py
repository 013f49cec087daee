"""The gazetteer: every province-, prefecture- and county-level unit of China, over time.

Nation > province > prefecture-level city > district or county-level unit. The nation
(全国) has no GB/T 2260 code; it is ``100000``, the code Chinese map services (Amap's
district codes, DataV.GeoAtlas) give the whole country, so national facts have a home.
Every other unit, and every change since 2000, comes from the Ministry of Civil Affairs'
year-end code lists (the data files are read once, on first use: see
:mod:`policyline._region_data` and ``docs/regions.md`` for the sources and the cross-check).

A region is looked up by its code, its full or short name in simplified or traditional
script, or its English name; an unknown name raises :class:`UnknownRegion` with the
closest matches. A spelling that names two regions finds neither: it raises
:class:`UnknownRegion` suggesting each of them (China has many 鼓楼区), so a lookup never
silently picks one. Without ``on=`` a lookup answers with the current list, and a unit no
longer listed (江干区, 县级萧山市) is still found when nothing current has the spelling;
with ``on=day`` it answers with the list valid that day, and a unit not listed that day
raises :class:`RegionNotOnDay` saying when it was and what it became. A statistics-only
code (a development zone such as 330371) raises :class:`NotADivision`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from policyline._caching import forget, memoized
from policyline._hanzi import fold
from policyline._region_data import (
    FIRST_LIST,
    LATEST_LIST,
    Change,
    ChangeKind,
    Level,
    Region,
    StatisticalUnit,
    read_changes,
    read_regions,
    read_units,
)
from policyline.errors import InvalidArgument, NotADivision, RegionNotOnDay, UnknownRegion

__all__ = [
    "FIRST_LIST",
    "LATEST_LIST",
    "NATION",
    "Change",
    "ChangeKind",
    "Level",
    "Region",
    "all_regions",
    "ancestors",
    "became",
    "children",
    "ever_within",
    "exists_on",
    "history",
    "is_known_code",
    "is_within",
    "predecessors",
    "provinces",
    "region",
    "region_codes",
    "subtree",
    "successors",
    "within",
]

NATION = "100000"
_ROWS: tuple[Region, ...] = ()
_CURRENT: tuple[Region, ...] = ()
_BY_CODE: dict[str, Region] = {}
"""Each code's latest row (rows are in order of ``valid_from``): the current one if any."""
_HISTORY: dict[str, tuple[Region, ...]] = {}
_BELOW: dict[str, list[Region]] = {}
_NOW_BELOW: dict[str, tuple[Region, ...]] = {}
"""Each current region's current children: ``children(code)``'s answer without a lookup."""
_LAZY: dict[str, object] = {}


def install(rows: tuple[Region, ...], changes: tuple[Change, ...] | None = None) -> None:
    """Answer every lookup from these rows and changes (None: the shipped changes, read
    on the first question about them). Done once at import with the shipped rows; the
    laws over generated histories install others (:mod:`policyline.testing.gazetteer`)."""
    global _ROWS, _CURRENT, _BY_CODE, _HISTORY, _BELOW, _NOW_BELOW
    _ROWS = rows
    _CURRENT = tuple(r for r in rows if r.valid_to is None)
    _BY_CODE = {r.code: r for r in rows}
    _HISTORY, _BELOW = {}, {}
    for row in rows:
        _HISTORY[row.code] = (*_HISTORY.get(row.code, ()), row)
        if row.parent is not None:
            _BELOW.setdefault(row.parent, []).append(row)
    _NOW_BELOW = {
        r.code: tuple(c for c in _BELOW.get(r.code, ()) if c.valid_to is None) for r in _CURRENT
    }
    _LAZY.clear()
    if changes is not None:
        _LAZY["changes"] = _by_code(changes)
    _NAMES.clear()
    for function in _MEMOS:
        forget(function)


def _units() -> tuple[StatisticalUnit, ...]:
    """The statistics-only units, read on the first lookup that misses."""
    if "units" not in _LAZY:
        _LAZY["units"] = read_units()
    return cast(tuple[StatisticalUnit, ...], _LAZY["units"])


def _changes() -> tuple[dict[str, tuple[Change, ...]], dict[str, tuple[Change, ...]]]:
    """Each code's changes from it and into it, read on the first question about changes."""
    if "changes" not in _LAZY:
        _LAZY["changes"] = _by_code(read_changes())
    return cast(
        tuple[dict[str, tuple[Change, ...]], dict[str, tuple[Change, ...]]], _LAZY["changes"]
    )


def _by_code(
    changes: Iterable[Change],
) -> tuple[dict[str, tuple[Change, ...]], dict[str, tuple[Change, ...]]]:
    after: dict[str, tuple[Change, ...]] = {}
    before: dict[str, tuple[Change, ...]] = {}
    for change in changes:
        after[change.before] = (*after.get(change.before, ()), change)
        before[change.after] = (*before.get(change.after, ()), change)
    return after, before


def _index(
    regions: Iterable[Region],
) -> tuple[dict[str, Region], dict[str, tuple[Region, ...]]]:
    """Every spelling of every region, folded: those naming one current region, and every
    row (of any day) each spelling names.

    A spelling shared by two current regions (say two districts called 鼓楼区) is kept
    apart rather than left to whichever region came last.
    """
    named: dict[str, list[Region]] = {}
    for found in regions:
        spellings = (found.code, found.name, found.short, found.traditional, found.english)
        for key in dict.fromkeys(fold(s) for s in spellings if s):
            named.setdefault(key, []).append(found)
    unique: dict[str, Region] = {}
    for key, rows in named.items():
        current = [r for r in rows if r.valid_to is None]
        if len(current) == 1:
            unique[key] = current[0]
    return unique, {key: tuple(rows) for key, rows in named.items()}


_NAMES: list[tuple[dict[str, Region], dict[str, tuple[Region, ...]]]] = []


def _by_name() -> tuple[dict[str, Region], dict[str, tuple[Region, ...]]]:
    """Every spelling's region, built on the first lookup by name (it folds every name)."""
    if not _NAMES:
        _NAMES.append(_index(_ROWS))
    return _NAMES[0]


def _day(on: object) -> dt.date | None:
    if on is None or type(on) is dt.date:
        return on
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return dt.date(on.year, on.month, on.day)
    raise InvalidArgument("on", on, "a datetime.date or None")


def became(code: str) -> list[str]:
    """What ``code`` became (not what it gave part of itself to: it went on)."""
    changes = _changes()[0].get(code, ())
    return [
        f"{c.after} {_BY_CODE[c.after].name}"
        for c in changes
        if c.after != code and c.kind != "transfer"
    ]


def _not_on(name: str, day: dt.date, rows: Iterable[Region]) -> RegionNotOnDay:
    rows = tuple(rows)
    codes = dict.fromkeys(r.code for r in rows)
    successors = [b for code in codes for b in became(code)] if len(codes) == 1 else []
    return RegionNotOnDay(name, day, [r.span() for r in rows], successors)


def region(name_or_code: str, *, on: dt.date | None = None) -> Region:
    """Find a region by code, full or short name (either script) or English name.

    ``on``: the day whose division list answers (default: the current list, falling back
    to a unit no longer listed when no current one has the spelling)."""
    if on is None:
        found = _BY_CODE.get(name_or_code)
        if found is not None:
            return found
        day = None
    else:
        day = _day(on)
        if name_or_code in _HISTORY:
            for found in _HISTORY[name_or_code]:
                if day is None or found.exists_on(day):
                    return found
            raise _not_on(name_or_code, cast(dt.date, day), _HISTORY[name_or_code])
    if not isinstance(name_or_code, str):
        raise UnknownRegion(repr(name_or_code), ())
    index, every = _by_name()
    key = fold(name_or_code)
    if day is None:
        found = index.get(key)
        if found is not None:
            return found
    rows = every.get(key, ())
    if rows:
        return _choose(name_or_code, day, rows)
    unit = next((u for u in _units() if name_or_code == u.code or key == fold(u.name)), None)
    if unit is not None:
        raise NotADivision(name_or_code, unit.code, unit.name, str(region(unit.parent)), unit.lists)
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.3)
    raise UnknownRegion(name_or_code, list(dict.fromkeys(str(index[k]) for k in close)))


def _choose(name: str, day: dt.date | None, rows: tuple[Region, ...]) -> Region:
    """The one row a spelling names on ``day`` (None: now, else the latest of one code)."""
    if day is None:
        current = [r for r in rows if r.valid_to is None]
        if not current and len({r.code for r in rows}) == 1:
            return rows[-1]
        choices = current or rows
    else:
        choices = tuple(r for r in rows if r.exists_on(day))
        if len(choices) == 1:
            return choices[0]
        if not choices:
            raise _not_on(name, day, rows)
    raise UnknownRegion(name, [_described(r) for r in choices])


def _described(found: Region) -> str:
    where = " ".join(a.short for a in reversed(tuple(ancestors(found.code))) if a.code != NATION)
    when = "" if found.current else f", until {found.valid_to}"
    return f"{found} in {where}{when}" if where else f"{found}{when}"


def exists_on(code: str, day: dt.date) -> bool:
    """Is ``code`` a division in the list valid on ``day``?"""
    checked = _day(day)
    if checked is None:
        raise InvalidArgument("day", day, "a datetime.date")
    return any(r.exists_on(checked) for r in _HISTORY.get(code, ()))


def history(code: str) -> tuple[Region, ...]:
    """Every row of ``code``: each span of the lists with one name and one parent, in order."""
    if code not in _HISTORY:
        region(code)  # raises, naming a statistics-only unit or suggesting names
    return _HISTORY[code]


def successors(code: str) -> tuple[Change, ...]:
    """What ``code`` became (or gave part of itself to), from 2000 on, in order."""
    return _changes()[0].get(region(code).code, ())


def predecessors(code: str) -> tuple[Change, ...]:
    """What ``code`` came from (or took part of), from 2000 on, in order."""
    return _changes()[1].get(region(code).code, ())


def is_known_code(code: str) -> bool:
    """Is ``code`` a region code in the gazetteer (current or no longer listed)?"""
    return code in _HISTORY


def region_codes() -> tuple[str, ...]:
    """Every region code in the gazetteer, current or no longer listed, in gazetteer order."""
    return tuple(_HISTORY)


def all_regions(*, on: dt.date | None = None) -> tuple[Region, ...]:
    """Every region of the list valid ``on`` (default: current), in gazetteer order: the
    nation, then each province, its prefecture-level cities and its county-level units."""
    day = _day(on)
    return _CURRENT if day is None else tuple(r for r in _ROWS if r.exists_on(day))


def provinces(*, on: dt.date | None = None) -> tuple[Region, ...]:
    """The provinces of the list valid ``on`` (default: current)."""
    return tuple(r for r in all_regions(on=on) if r.level == "province")


def _hierarchy_day(code: str, on: dt.date | None) -> dt.date | None:
    """The day whose hierarchy answers: ``on``; for a unit no longer listed, by default
    its last day."""
    day = _day(on)
    if day is None:
        end = region(code).valid_to
        return None if end is None else end - dt.timedelta(days=1)
    return day


def children(code: str, *, on: dt.date | None = None) -> tuple[Region, ...]:
    """The regions directly below ``code`` on ``on`` (default: now; for a unit no longer
    listed, its last day)."""
    if on is None:
        found = _NOW_BELOW.get(code)
        if found is not None:
            return found
    return _children((code, _hierarchy_day(code, on)))


@memoized(10_000)
def _children(key: tuple[str, dt.date | None]) -> tuple[Region, ...]:
    code, day = key
    below = _BELOW.get(code, ())
    if day is None:
        return tuple(r for r in below if r.valid_to is None)
    return tuple(r for r in below if r.exists_on(day))


def subtree(code: str, *, on: dt.date | None = None) -> frozenset[str]:
    """The codes of ``code`` and of every region below it on ``on``."""
    if on is None:
        return _subtree_now(code)
    return _subtree((code, _hierarchy_day(code, on)))


@memoized(10_000)
def _subtree_now(code: str) -> frozenset[str]:
    return _subtree((code, _hierarchy_day(code, None)))


@memoized(10_000)
def _subtree(key: tuple[str, dt.date | None]) -> frozenset[str]:
    return frozenset(_within(key))


def within(code: str, *, on: dt.date | None = None) -> tuple[str, ...]:
    """The codes of ``code`` and of every region below it on ``on``, in gazetteer order."""
    if on is None:
        return _within_now(code)
    return _within((code, _hierarchy_day(code, on)))


@memoized(10_000)
def _within_now(code: str) -> tuple[str, ...]:
    return _within((code, _hierarchy_day(code, None)))


@memoized(10_000)
def _within(key: tuple[str, dt.date | None]) -> tuple[str, ...]:
    code, day = key
    found, queue = {code}, [code]
    while queue:
        below = _children((queue.pop(), day))
        found.update(r.code for r in below)
        queue += [r.code for r in below]
    rows = _CURRENT if day is None else _ROWS
    return tuple(dict.fromkeys(r.code for r in rows if r.code in found)) or (code,)


@memoized(10_000)
def ever_within(code: str) -> frozenset[str]:
    """The codes of ``code`` and of every region that was below it in any list."""
    found, queue = {code}, [code]
    while queue:
        below = [r.code for r in _BELOW.get(queue.pop(), ()) if r.code not in found]
        found.update(below)
        queue += below
    return frozenset(found)


def ancestors(code: str, *, on: dt.date | None = None) -> Iterator[Region]:
    """The regions above ``code``, nearest first (on ``on``; default: as it was listed)."""
    parent = region(code, on=on).parent
    while parent is not None:
        above = region(parent, on=on)
        yield above
        parent = above.parent


def is_within(code: str, ancestor: str, *, on: dt.date | None = None) -> bool:
    """Is ``code`` the region ``ancestor`` or below it?"""
    return code == ancestor or any(a.code == ancestor for a in ancestors(code, on=on))


_MEMOS: tuple[Callable[[Any], object], ...] = (
    _children, _subtree_now, _subtree, _within_now, _within, ever_within
)  # fmt: skip
install(read_regions())
