from datetime import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def when(value: str | None) -> str:
    """An ISO date-time from a notification's context, in words: «mardi 12 mars 2026, 09:00»."""
    if not value:
        return ""
    moment = timezone.localtime(datetime.fromisoformat(value))
    return formats.date_format(moment, "l j F Y, H:i")
