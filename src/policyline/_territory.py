"""Which codes a region's facts are filed under, across the changes of the division lists.

A fact is filed under the code of the unit its source names, as that unit was then (the
integrity check refuses a unit of another time). So a question about a region today also
asks about the units it came from:

- :func:`lineage`: the region and every unit that ended in it: renamed, recoded,
  converted (县 to 县级市 to 区), merged into it or split into it. Facts about a
  predecessor stay findable from each successor (江干区's from 上城区 and from 钱塘区). A
  transfer (part of a unit given to another, the giver going on) leaves the giver's facts
  its own.
- :func:`same_unit`: the region and the units it is under an older name, code or kind
  (renamed, recoded, converted): their reports are its own reports. A merged or split
  predecessor reported about another scope, so its figures are never the region's own.
- :func:`territory`: every unit ever below the region (or it), with the lineage of each:
  the facts of a roll-up, each once. Which figures a roll-up adds up is the hierarchy
  valid on its day (:func:`policyline._regions.children` with ``on=``), so a predecessor's
  figure is never added beside its successors'.
"""

from __future__ import annotations

from policyline._caching import memoized
from policyline._regions import ever_within, predecessors

WHOLE = frozenset({"rename", "recode", "conversion", "merge", "split"})
"""Changes after which the unit before is no more: it lives on in the unit after."""
SAME = frozenset({"rename", "recode", "conversion"})
"""Changes after which the unit after is the unit before, under another name, code or kind."""


def _before(code: str, kinds: frozenset[str]) -> frozenset[str]:
    found, queue = {code}, [code]
    while queue:
        earlier = [c.before for c in predecessors(queue.pop()) if c.kind in kinds]
        queue += [c for c in earlier if c not in found]
        found.update(earlier)
    return frozenset(found)


@memoized(10_000)
def lineage(code: str) -> frozenset[str]:
    """``code`` and every unit that ended in it (its facts are findable from ``code``)."""
    return _before(code, WHOLE)


@memoized(10_000)
def same_unit(code: str) -> frozenset[str]:
    """``code`` and the units it is under an older name, code or kind."""
    return _before(code, SAME)


@memoized(1_000)
def territory(code: str) -> frozenset[str]:
    """Every unit ever below ``code`` (or it), and the lineage of each."""
    return frozenset(c for below in ever_within(code) for c in lineage(below))
