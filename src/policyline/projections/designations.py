"""Designations granted: pilot cities, demonstration zones, demonstration projects."""

from __future__ import annotations

from policyline.events import DesignationGranted
from policyline.projections.base import Projection, collecting

DESIGNATIONS: Projection[tuple[DesignationGranted, ...]] = collecting(
    "designations", DesignationGranted
)
