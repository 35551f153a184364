"""Working days: Monday to Friday, except French public holidays (the `holidays` package).

A delay in working days counts the working days after the day something started, up to and
including the day it ended: a request sent on Friday and taken in hand on Monday took one
working day; one sent and taken in hand the same day took none. A commitment of N working days
is kept while that count is at most N.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays
from django.utils import timezone


@cache
def _french_holidays(year: int) -> holidays.HolidayBase:
    # Metropolitan France, as the notifications' quiet hours (agir/notify/quiet.py).
    return holidays.France(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _french_holidays(day.year)


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


def add_working_days(start: datetime, days: int) -> datetime:
    """The last moment of the `days`-th working day after start's local date."""
    day = timezone.localtime(start).date()
    left = days
    while left > 0:
        day += timedelta(days=1)
        left -= is_working_day(day)
    end_of_day = datetime.combine(day, time(23, 59, 59))
    return timezone.make_aware(end_of_day, timezone.get_current_timezone())
