"""Working days: Monday to Friday, except French public holidays (the calendar of
`agir.repairs.commitments`, so that delays and due dates count the same days).

A delay in working days counts the working days after the day something started, up to and
including the day it ended: a request sent on Friday and taken in hand on Monday took one
working day; one sent and taken in hand the same day took none. A commitment of N working days
is kept while that count is at most N.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from django.utils import timezone

from agir.repairs.commitments import is_working_day

__all__ = ["is_working_day", "working_days_after", "working_days_between"]


def working_days_between(start: datetime, end: datetime) -> int:
    """Working days d with start's local date < d <= end's local date (0 if end is earlier)."""
    local_start = timezone.localtime(start)
    # The same zone for the end, looked up once: the lookup is not free.
    return working_days_after(local_start.date(), end.astimezone(local_start.tzinfo).date())


def working_days_after(first: date, last: date) -> int:
    """Working days d with first < d <= last (0 if last is not after first)."""
    if last <= first:
        return 0
    # Each year's running count, built once: a fact measures three delays of days or weeks,
    # and rebuilding millions of facts (or seeding them) would otherwise walk every day of
    # each with a holiday lookup.
    if first.year == last.year:
        counts = _running_count(first.year)
        return counts[_day_of_year(last)] - counts[_day_of_year(first)]
    count = _running_count(first.year)[-1] - _running_count(first.year)[_day_of_year(first)]
    for year in range(first.year + 1, last.year):
        count += _running_count(year)[-1]
    return count + _running_count(last.year)[_day_of_year(last)]


def _day_of_year(day: date) -> int:
    """1 for the 1st of January."""
    return day.toordinal() - _new_year(day.year) + 1


@cache
def _new_year(year: int) -> int:
    return date(year, 1, 1).toordinal()


@cache
def _running_count(year: int) -> tuple[int, ...]:
    """Index n: the working days from the 1st of January to the year's n-th day (0 for n=0)."""
    counts = [0]
    start = _new_year(year)
    for n in range(date(year, 12, 31).toordinal() - start + 1):
        counts.append(counts[-1] + is_working_day(date.fromordinal(start + n)))
    return tuple(counts)
