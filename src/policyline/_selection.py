"""The one selection: which events a question is about.

A :class:`Selection` names a region (by default with every region below it), a range of
effective dates and a range of recorded dates; every part is optional. A range
``(start, end)`` runs from the first day of ``start`` to the last day of ``end``; either
end may be ``None`` (open). A range has one meaning by default and one on request:

- **within** (the default): the event's whole date lies in the range, so it *certainly*
  happened inside it. A fact dated "2006" is within 2006 but not within 2006-01..2006-06.
- **overlapping** (``overlapping=True``): the event's date and the range share a day, so
  it *may* have happened inside it. "2006" overlaps 2006-01..2006-06.

The same object answers ``Timeline.between`` and ``select``, ``Timeline.history``, a
store's ``read`` and ``count``, the command's ``timeline --from --to``, the plot and the
report: a range means the same on every route.
"""

from __future__ import annotations

import attrs

from policyline._dates import DateLike, ImpreciseDate, imprecise
from policyline._events import Event
from policyline._regions import region as find_region
from policyline._territory import lineage, territory
from policyline.errors import InvalidArgument

DateRange = tuple[DateLike | None, DateLike | None]
Days = tuple[int | None, int | None]


def _days(value: DateRange | None, name: str) -> Days:
    if value is None:
        return (None, None)
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidArgument(name, value, "a (start, end) pair of dates (either may be None)")
    start, end = value
    first = None if start is None else imprecise(start).earliest
    last = None if end is None else imprecise(end).latest
    if first is not None and last is not None and last < first:
        raise InvalidArgument(name, value, "a range whose end is not before its start")
    return (first, last)


@attrs.frozen
class Selection:
    """Which events: a region (with ``subregions``), effective and recorded day ranges.

    Build one with :meth:`of`, which takes names and dates as every call does.
    """

    region: str | None = None
    """A region code, or None for every region."""
    subregions: bool = True
    """Whether the regions below ``region`` are included."""
    effective: Days = (None, None)
    """The effective range as day numbers (either end None: open)."""
    recorded: Days = (None, None)
    """The recorded range as day numbers."""
    overlapping: bool = False
    """False: an event's whole date lies in a range; True: the two share a day."""
    codes: frozenset[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        codes = None
        if self.region is not None:
            codes = territory(self.region) if self.subregions else lineage(self.region)
        object.__setattr__(self, "codes", codes)

    @classmethod
    def of(
        cls,
        *,
        region: str | None = None,
        subregions: bool = True,
        effective: DateRange | None = None,
        recorded: DateRange | None = None,
        overlapping: bool = False,
    ) -> Selection:
        """A selection from a region name or code and ``(start, end)`` date ranges."""
        code = None if region is None else find_region(region).code
        return cls(
            code,
            subregions,
            _days(effective, "effective"),
            _days(recorded, "recorded"),
            overlapping,
        )

    @property
    def is_everything(self) -> bool:
        """True when the selection keeps every event."""
        return self.codes is None and self.effective == self.recorded == (None, None)

    @property
    def dated(self) -> bool:
        """True when a date range restricts the selection."""
        return self.effective != (None, None) or self.recorded != (None, None)

    def in_region(self, event: Event) -> bool:
        """Does the event belong to the selected region(s)?"""
        codes = self.codes
        return codes is None or any(code in codes for code in event.regions)

    def in_ranges(self, event: Event) -> bool:
        """Do the event's dates fall in the selected ranges (in the selection's sense)?"""
        return self._fits(event.effective, self.effective) and self._fits(
            event.recorded, self.recorded
        )

    def matches(self, event: Event) -> bool:
        """Does the selection keep ``event``?"""
        return self.in_region(event) and self.in_ranges(event)

    def _fits(self, date: ImpreciseDate, days: Days) -> bool:
        first, last = days
        if self.overlapping:
            return (first is None or date.latest >= first) and (
                last is None or date.earliest <= last
            )
        return (first is None or date.earliest >= first) and (last is None or date.latest <= last)
