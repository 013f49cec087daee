"""Agreements and memoranda signed (an agreement belongs to every party region)."""

from __future__ import annotations

from collections.abc import Sequence

from policyline._events import AgreementSigned
from policyline._projections.base import Projection, collecting

AGREEMENTS: Projection[Sequence[AgreementSigned]] = collecting("agreements", AgreementSigned)
