"""Platforms launched."""

from __future__ import annotations

from policyline.events import PlatformLaunched
from policyline.projections.base import Projection, collecting

PLATFORMS: Projection[tuple[PlatformLaunched, ...]] = collecting("platforms", PlatformLaunched)
