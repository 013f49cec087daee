"""The built-in projections that collect the facts of one type, in replay order.

Awards and nominations are kept apart (a nomination is not an award); an agreement
belongs to every party region.
"""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import (
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    CQOAppointed,
    DesignationGranted,
    PlatformLaunched,
    ProgramLaunched,
)
from policyline._projections.base import Projection, collecting

AWARDS: Projection[Sequence[AwardGranted]] = collecting("awards", AwardGranted)
NOMINATIONS: Projection[Sequence[AwardNominated]] = collecting("nominations", AwardNominated)
CQOS: Projection[Sequence[CQOAppointed]] = collecting("cqos", CQOAppointed)
PLATFORMS: Projection[Sequence[PlatformLaunched]] = collecting("platforms", PlatformLaunched)
DESIGNATIONS: Projection[Sequence[DesignationGranted]] = collecting(
    "designations", DesignationGranted
)
AGREEMENTS: Projection[Sequence[AgreementSigned]] = collecting("agreements", AgreementSigned)
PROGRAMS: Projection[Sequence[ProgramLaunched]] = collecting("programs", ProgramLaunched)
