"""Platforms launched."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import PlatformLaunched
from policyline._projections.base import Projection, collecting

PLATFORMS: Projection[Sequence[PlatformLaunched]] = collecting("platforms", PlatformLaunched)
