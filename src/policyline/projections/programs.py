"""Programmes, campaigns and actions launched."""

from __future__ import annotations

from policyline.events import ProgramLaunched
from policyline.projections.base import Projection, collecting

PROGRAMS: Projection[tuple[ProgramLaunched, ...]] = collecting("programs", ProgramLaunched)
