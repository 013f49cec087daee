"""Agreements and memoranda signed (an agreement belongs to every party region)."""

from __future__ import annotations

from policyline.events import AgreementSigned
from policyline.projections.base import Projection, collecting

AGREEMENTS: Projection[tuple[AgreementSigned, ...]] = collecting("agreements", AgreementSigned)
