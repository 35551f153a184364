from datetime import datetime

from django import template
from django.utils import formats, timezone

from agir.notify import speech

register = template.Library()


def _local(value: str) -> datetime:
    """A notification context's ISO date-time, in the landlord's time zone."""
    return timezone.localtime(datetime.fromisoformat(value))


@register.filter
def when(value: str | None) -> str:
    """An ISO date-time from a notification's context, in words: «mardi 12 mars 2026, 09:00»."""
    if not value:
        return ""
    return formats.date_format(_local(value), "l j F Y, H:i")


@register.filter
def day(value: str | None) -> str:
    """«mardi 12 mars»: short enough for an SMS."""
    if not value:
        return ""
    return formats.date_format(_local(value), "l j F")


@register.filter
def hour(value: str | None) -> str:
    """«9h», «14h30»."""
    if not value:
        return ""
    moment = _local(value)
    return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"


@register.filter
def spoken_digits(value: str | None) -> str:
    """A reference read digit by digit (voice scripts)."""
    return speech.digit_by_digit(value or "")


@register.filter
def spoken_date(value: str | None) -> str:
    """«le mardi 12 mars, le matin» (voice scripts)."""
    return speech.date_in_words(value)


@register.filter
def spoken_time(value: str | None) -> str:
    """«8 heures 30» (voice scripts)."""
    return speech.time_in_words(value)


@register.filter
def spoken_phone(value: str | None) -> str:
    """A phone number said in pairs (voice scripts)."""
    return speech.phone_in_pairs(value or "")


@register.filter
def spoken(value: str | None) -> str:
    """Text someone typed, made safe to read aloud (voice scripts)."""
    return speech.plain_for_speech(value or "")
