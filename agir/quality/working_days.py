"""Working days: Monday to Friday, except French public holidays (the calendar of
`agir.repairs.commitments`, so that delays and due dates count the same days).

A delay in working days counts the working days after the day something started, up to and
including the day it ended: a request sent on Friday and taken in hand on Monday took one
working day; one sent and taken in hand the same day took none. A commitment of N working days
is kept while that count is at most N.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from agir.repairs.commitments import is_working_day

__all__ = ["is_working_day", "working_days_between"]


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days d with start's local date < d <= end's local date (0 if end is earlier)."""
    first = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    count = 0
    day = first + timedelta(days=1)
    # Delays are days or weeks; a loop over them is cheaper than any calendar arithmetic.
    while day <= last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count
