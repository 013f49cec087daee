"""Chief quality officers (首席质量官) appointed."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import CQOAppointed
from policyline._projections.base import Projection, collecting

CQOS: Projection[Sequence[CQOAppointed]] = collecting("cqos", CQOAppointed)
