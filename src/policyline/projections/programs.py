"""Programmes, campaigns and actions launched."""

from __future__ import annotations

from collections.abc import Sequence

from policyline.events import ProgramLaunched
from policyline.projections.base import Projection, collecting

PROGRAMS: Projection[Sequence[ProgramLaunched]] = collecting("programs", ProgramLaunched)
