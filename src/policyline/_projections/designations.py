"""Designations granted: pilot cities, demonstration zones, demonstration projects."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import DesignationGranted
from policyline._projections.base import Projection, collecting

DESIGNATIONS: Projection[Sequence[DesignationGranted]] = collecting(
    "designations", DesignationGranted
)
