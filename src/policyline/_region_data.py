"""The gazetteer's rows, read once from the data files shipped with the package.

``regions.tsv`` holds one row per unit per span of the division lists in which it kept one
code, one name and one parent; ``region_changes.tsv`` what each unit became;
``statistical_units.tsv`` the statistics bureau's units that are no divisions.
``scripts/build_regions.py`` writes all three from the public lists, and
``docs/regions.md`` says where each column comes from and how exact its dates are.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Literal, cast

import attrs

Level = Literal["nation", "province", "prefecture", "county"]
ChangeKind = Literal["rename", "recode", "conversion", "reassignment", "split", "merge", "transfer"]
FIRST_LIST = dt.date(1999, 12, 31)
"""The earliest division list the data is read from: a unit without ``valid_from`` was in
it, and the gazetteer does not say since when."""
LATEST_LIST = dt.date(2024, 12, 31)
"""The latest division list: a unit without ``valid_to`` is in it (the current list)."""


@attrs.frozen
class Region:
    """One administrative region, as one span of the division lists has it.

    ``valid_from`` is the date of the first list that has it (``None``: it is in the first
    list read, of 1999-12-31), ``valid_to`` the date of the first list that no longer has it
    (``None``: it is in the latest list). Each list stands as of its date, so a unit that
    appears in the list of 2021-12-31 came to be after the list before it and by that date:
    the dates are "by the list of that date", not the day of the change itself."""

    code: str
    name: str
    short: str
    traditional: str
    english: str
    level: Level
    parent: str | None
    partial: bool = False
    """The gazetteer lists only some of the regions directly below this one (台湾省 and the
    two special administrative regions, which the lists do not divide): a sum over its
    children can never be complete."""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def current(self) -> bool:
        """Is it in the latest division list?"""
        return self.valid_to is None

    def exists_on(self, day: dt.date) -> bool:
        """Is ``day`` within its span: on or after ``valid_from``, before ``valid_to``?"""
        start, end = self.valid_from, self.valid_to
        return (start is None or start <= day) and (end is None or day < end)

    def span(self) -> str:
        """Its span in words, for messages."""
        start = f"the list of {self.valid_from}" if self.valid_from else f"{FIRST_LIST} or before"
        end = f"the list of {self.valid_to} no longer has it" if self.valid_to else "it is current"
        return f"{self} is listed from {start}; {end}"


@attrs.frozen
class Change:
    """One thing one unit became: ``before`` became (wholly or, for a ``transfer``, in
    part) ``after``, first seen in the list of ``day``.

    ``kind``: ``rename`` (a new name), ``recode`` (a new code only), ``conversion`` (a new
    kind of unit: 县 to 县级市, 县级市 to 区, 地区 to 市), ``reassignment`` (moved to another
    parent), ``split`` (into several), ``merge`` (into one with others, or into one that
    goes on), ``transfer`` (part of it went to ``after``; ``before`` goes on).
    ``approved`` and ``document`` are the approving document's date and number (or
    title), where the source records them."""

    before: str
    after: str
    kind: ChangeKind
    day: dt.date
    approved: dt.date | None
    document: str


@attrs.frozen
class StatisticalUnit:
    """A unit of the statistics bureau's code lists that is no administrative division
    (a development zone, a new area, a management area): ``lists`` names the lists."""

    code: str
    name: str
    parent: str
    lists: str


def _rows(name: str) -> list[list[str]]:
    text = files("policyline").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:]]


def read_regions() -> tuple[Region, ...]:
    """Every region row, in gazetteer order."""
    rows = _rows("regions.tsv")
    days: dict[str, dt.date | None] = {"": None}
    for text in {row[i] for row in rows for i in (7, 8)} - {""}:
        days[text] = dt.date.fromisoformat(text)
    return tuple(
        Region(c, n, s, t, e, cast(Level, lv), p or None, pa == "1", days[a], days[b])
        for c, n, s, t, e, lv, p, a, b, pa in rows
    )


def read_changes() -> tuple[Change, ...]:
    """Every change, in order of the code changed."""
    return tuple(
        Change(b, a, cast(ChangeKind, k), dt.date.fromisoformat(d), _date(when), doc)
        for b, a, k, d, when, doc in _rows("region_changes.tsv")
    )


def read_units() -> tuple[StatisticalUnit, ...]:
    """Every statistics-only unit."""
    return tuple(StatisticalUnit(*row) for row in _rows("statistical_units.tsv"))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
