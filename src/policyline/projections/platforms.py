"""Platforms launched."""

from __future__ import annotations

from collections.abc import Sequence

from policyline.events import PlatformLaunched
from policyline.projections.base import Projection, collecting

PLATFORMS: Projection[Sequence[PlatformLaunched]] = collecting("platforms", PlatformLaunched)
