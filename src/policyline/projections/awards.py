"""Awards granted and, kept apart, nominations (a nomination is not an award)."""

from __future__ import annotations

from policyline.events import AwardGranted, AwardNominated
from policyline.projections.base import Projection, collecting

AWARDS: Projection[tuple[AwardGranted, ...]] = collecting("awards", AwardGranted)
NOMINATIONS: Projection[tuple[AwardNominated, ...]] = collecting("nominations", AwardNominated)
