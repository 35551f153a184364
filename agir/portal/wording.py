"""How the tenant pages say things: status, planned dates, delays and channels in plain French.

Status and dates come from status.py and dates.py, so that a list and a request's own page
say the same thing in the same words.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agir.estate.models import Tenant
from agir.repairs.models import RepairRequest

from .dates import day_in_words
from .status import planned_visit, status_in_words


def status_words(request: RepairRequest) -> str:
    """Where the request stands, the same sentence as on its own page."""
    return status_in_words(request)


def planned(request: RepairRequest) -> str:
    """«mardi 12 mars, le matin», or "" when no visit is planned."""
    return planned_visit(request)


def day(value: datetime) -> str:
    """«mardi 12 mars»."""
    return day_in_words(timezone.localtime(value).date())


def acknowledge_delay(urgency: str) -> str:
    """«Nous la prenons en charge sous 2 jours ouvrés.»"""
    days = settings.ACKNOWLEDGE_DELAY_DAYS.get(urgency, settings.ACKNOWLEDGE_DELAY_DAYS["normal"])
    if days <= 0:
        return _("Nous la prenons en charge aujourd'hui.")
    return ngettext(
        "Nous la prenons en charge sous %(days)d jour ouvré.",
        "Nous la prenons en charge sous %(days)d jours ouvrés.",
        days,
    ) % {"days": days}


def channel_words(tenant: Tenant) -> str:
    """How the tenant will be told, in words: «par e-mail, à nadia@exemple.fr»."""
    from agir.notify.outbox import choose_channel

    choice = choose_channel(tenant)
    if choice is None:
        return _("Vous pourrez suivre son avancement ici, dans « Mes demandes ».")
    channel, address = choice
    phrases = {
        "email": _("Nous vous prévenons par e-mail, à %(address)s, à chaque étape."),
        "sms": _("Nous vous prévenons par SMS, au %(address)s, à chaque étape."),
        "voice": _("Nous vous prévenons par un message vocal, au %(address)s, à chaque étape."),
        "letter": _("Nous vous prévenons par courrier à chaque étape."),
        "fax": _("Nous vous prévenons par fax, au %(address)s, à chaque étape."),
    }
    phrase = phrases.get(channel, _("Nous vous prévenons à chaque étape."))
    return phrase % {"address": address}
