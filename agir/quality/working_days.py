"""Working days: Monday to Friday, except French public holidays (the calendar of
`agir.repairs.commitments`, so that delays and due dates count the same days).

A delay in working days counts the working days after the day something started, up to and
including the day it ended: a request sent on Friday and taken in hand on Monday took one
working day; one sent and taken in hand the same day took none. A commitment of N working days
is kept while that count is at most N.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from agir.repairs.commitments import is_working_day, working_days_after

__all__ = ["is_working_day", "working_days_after", "working_days_between"]


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days d with start's local date < d <= end's local date (0 if end is earlier)."""
    local_start = timezone.localtime(start)
    # The same zone for the end, looked up once: the lookup is not free.
    return working_days_after(local_start.date(), end.astimezone(local_start.tzinfo).date())
