"""The built-in projections and their composition."""

from __future__ import annotations

from policyline._projections.base import Composite, Projection, collecting, compose
from policyline._projections.collected import (
    AGREEMENTS,
    AWARDS,
    CQOS,
    DESIGNATIONS,
    NOMINATIONS,
    PLATFORMS,
    PROGRAMS,
)
from policyline._projections.policies import POLICIES, Policies
from policyline._projections.statistics import STATISTICS, Statistics, statistic_key

BUILTIN: Projection[Composite] = compose(
    POLICIES,
    AWARDS,
    NOMINATIONS,
    CQOS,
    PLATFORMS,
    DESIGNATIONS,
    AGREEMENTS,
    PROGRAMS,
    STATISTICS,
)
"""Every built-in projection side by side: the state behind :class:`RegionState`."""

__all__ = [
    "AGREEMENTS",
    "AWARDS",
    "BUILTIN",
    "CQOS",
    "DESIGNATIONS",
    "NOMINATIONS",
    "PLATFORMS",
    "POLICIES",
    "PROGRAMS",
    "STATISTICS",
    "Composite",
    "Policies",
    "Projection",
    "Statistics",
    "collecting",
    "compose",
    "statistic_key",
]
