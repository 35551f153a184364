"""The date a work order must be done by: the request's commitment.

The request carries its intervention due date (`RepairRequest.intervention_due`, kept by the
lifecycle from the commitments managers edit, agir/repairs/commitments.py). A request without
one (an old row) gets it reckoned the same way, from its taking in hand and its urgency.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from agir.repairs import commitments
from agir.repairs.models import RepairRequest


def target_date(request: RepairRequest, *, today: date | None = None) -> date:
    """The last day the work may be done on (the intervention due date, local)."""
    due = request.intervention_due
    if due is None:
        start = request.acknowledged_at or request.submitted_at or timezone.now()
        due = commitments.due_dates(
            start, request.urgency, commitments.current_terms()
        ).intervention
    return timezone.localtime(due).date()
