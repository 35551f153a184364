"""Days and visit slots in the words a tenant reads: «mardi 12 mars, le matin».

Callers add the article they need («le …», «au …»). Times are shown in the landlord's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _

# A slot at least this long inside the morning or the afternoon is said as that half-day;
# a shorter one is a precise slot and said with its hours.
HALF_DAY_MIN = timedelta(hours=3)
WHOLE_DAY_MIN = timedelta(hours=6)


def day_in_words(day: date, *, weekday: bool = True, today: date | None = None) -> str:
    """«mardi 12 mars», «vendredi 1er mars», «12 mars 2025» when not this year."""
    today = today or timezone.localdate()
    number = _("1er") if day.day == 1 else str(day.day)
    words = f"{number} {MONTHS[day.month]}"
    if weekday:
        words = f"{WEEKDAYS[day.weekday()]} {words}"
    if day.year != today.year:
        words = f"{words} {day.year}"
    return words


def time_in_words(moment: datetime) -> str:
    """«9 h», «14 h 30»."""
    local = timezone.localtime(moment)
    if local.minute:
        return _("%(hour)d h %(minute)02d") % {"hour": local.hour, "minute": local.minute}
    return _("%(hour)d h") % {"hour": local.hour}


def visit_in_words(start: datetime, end: datetime, *, today: date | None = None) -> str:
    """A visit slot: «mardi 12 mars, le matin», «mardi 12 mars, entre 9 h et 10 h 30»."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    day = day_in_words(local_start.date(), today=today)
    if local_start.date() != local_end.date():
        return _("du %(start_day)s, %(start_time)s, au %(end_day)s, %(end_time)s") % {
            "start_day": day,
            "start_time": time_in_words(start),
            "end_day": day_in_words(local_end.date(), today=today),
            "end_time": time_in_words(end),
        }
    return f"{day}, {_part_of_day(local_start, local_end)}"


def _part_of_day(start: datetime, end: datetime) -> str:
    noon = start.replace(hour=12, minute=0, second=0, microsecond=0)
    one_pm = noon + timedelta(hours=1)
    length = end - start
    if end <= one_pm and start < noon and length >= HALF_DAY_MIN:
        return _("le matin")
    if start >= noon and length >= HALF_DAY_MIN:
        return _("l'après-midi")
    if start < noon and end > one_pm and length >= WHOLE_DAY_MIN:
        return _("dans la journée")
    return _("entre %(start)s et %(end)s") % {
        "start": time_in_words(start),
        "end": time_in_words(end),
    }
