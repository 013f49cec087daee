"""Awards granted and, kept apart, nominations (a nomination is not an award)."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import AwardGranted, AwardNominated
from policyline._projections.base import Projection, collecting

AWARDS: Projection[Sequence[AwardGranted]] = collecting("awards", AwardGranted)
NOMINATIONS: Projection[Sequence[AwardNominated]] = collecting("nominations", AwardNominated)
