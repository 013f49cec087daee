"""A test kit for people who extend policyline: hypothesis strategies and an invariant
suite for projections of one's own (``pip install 'policyline[testing]'``)::

    from policyline.testing import check_projection

    def test_my_projection_keeps_the_laws() -> None:
        check_projection(my_projection)

:mod:`policyline.testing.strategies` draws imprecise dates, events of every type, valid
timelines with corrections and retractions, and region trees;
:mod:`policyline.testing.naive` gives the answers of the documented rules, computed the
slow and obvious way; :mod:`policyline.testing.laws` holds the laws.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError:  # pragma: no cover - the kit's one dependency is missing
    from policyline.errors import MissingExtra

    raise MissingExtra("hypothesis", "testing") from None

from policyline.testing.laws import LAWS, LawBroken, check_projection
from policyline.testing.naive import naive_certain, naive_facts, naive_fold
from policyline.testing.strategies import (
    RegionTree,
    days,
    events,
    facts,
    imprecise_dates,
    parties,
    region_trees,
    sources,
    timelines,
)

__all__ = [
    "LAWS",
    "LawBroken",
    "RegionTree",
    "check_projection",
    "days",
    "events",
    "facts",
    "imprecise_dates",
    "naive_certain",
    "naive_facts",
    "naive_fold",
    "parties",
    "region_trees",
    "sources",
    "timelines",
]
