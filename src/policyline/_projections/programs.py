"""Programmes, campaigns and actions launched."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import ProgramLaunched
from policyline._projections.base import Projection, collecting

PROGRAMS: Projection[Sequence[ProgramLaunched]] = collecting("programs", ProgramLaunched)
