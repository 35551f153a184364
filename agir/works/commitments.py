"""The date a work order must be done by: the request's commitment.

Until the request carries its own intervention due date (the commitments of issue 9), the date
is reckoned here from the urgency, with the landlords' published defaults. `target_date` is the
one function the rest of the app calls: it switches to the request's own date when there is one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from agir.catalogue.models import Urgency
from agir.repairs.models import RepairRequest

# urgency -> (working days?, days) from the request's taking in hand
DEFAULT_DELAYS: dict[str, tuple[bool, int]] = {
    Urgency.EMERGENCY: (False, 0),
    Urgency.URGENT: (False, 1),
    Urgency.NORMAL: (True, 5),
    Urgency.PLANNED: (False, 60),
}


def target_date(request: RepairRequest, *, today: date | None = None) -> date:
    """When the work is due: the request's intervention due date, or the default delay."""
    due = getattr(request, "intervention_due_at", None) or getattr(
        request, "intervention_due", None
    )
    if isinstance(due, datetime):
        return timezone.localtime(due).date()
    if isinstance(due, date):
        return due
    start = request.acknowledged_at or request.submitted_at
    day = timezone.localtime(start).date() if start else (today or timezone.localdate())
    working, days = DEFAULT_DELAYS.get(request.urgency, (True, 5))
    return add_working_days(day, days) if working else day + timedelta(days=days)


def add_working_days(day: date, days: int) -> date:
    """`days` working days after `day` (weekends skipped; public holidays are the commitments'
    business once they land)."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
