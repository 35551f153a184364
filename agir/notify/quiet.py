"""Quiet hours: no SMS nor phone call between 20:00 and 08:00, on Sundays, nor on French
public holidays. A message due then waits for the next allowed moment."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone

# Channels that reach a person's phone; email, letters and faxes wait for no one.
QUIET_CHANNELS = frozenset({"sms", "voice"})


@cache
def _french_holidays(year: int) -> holidays.HolidayBase:
    # Metropolitan France; Alsace-Moselle's two extra days are not counted.
    return holidays.France(years=year)


def is_public_holiday(day: date) -> bool:
    return day in _french_holidays(day.year)


def _allowed_day(day: date) -> bool:
    return day.weekday() != 6 and not is_public_holiday(day)


def is_allowed(channel: str, moment: datetime | None = None) -> bool:
    """May `channel` reach someone at `moment` (now by default)?"""
    if channel not in QUIET_CHANNELS or not settings.NOTIFY_QUIET_HOURS:
        return True
    local = timezone.localtime(moment or timezone.now())
    start, end = settings.NOTIFY_QUIET_END_HOUR, settings.NOTIFY_QUIET_START_HOUR
    return _allowed_day(local.date()) and start <= local.hour < end


def next_allowed(channel: str, moment: datetime | None = None) -> datetime:
    """`moment` itself when allowed, else the next opening of the day (08:00 by default)."""
    moment = moment or timezone.now()
    if is_allowed(channel, moment):
        return moment
    local = timezone.localtime(moment)
    opening = time(settings.NOTIFY_QUIET_END_HOUR)
    day = local.date()
    if local.time() >= opening:
        day += timedelta(days=1)
    while not _allowed_day(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, opening), timezone.get_current_timezone())
