"""How the tenant pages say things: status, planned dates, delays and channels in plain French."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agir.estate.models import Tenant
from agir.repairs.models import RepairRequest, Status

# The status as a tenant would say it; the back office keeps its own, shorter words.
STATUS_WORDS = {
    Status.DRAFT: gettext_lazy("Pas encore envoyée"),
    Status.SUBMITTED: gettext_lazy("Envoyée : nous allons la lire"),
    Status.ACKNOWLEDGED: gettext_lazy("Prise en charge"),
    Status.SCHEDULED: gettext_lazy("Intervention prévue"),
    Status.POSTPONED: gettext_lazy("Intervention reportée"),
    Status.IN_PROGRESS: gettext_lazy("Travaux en cours"),
    Status.DONE: gettext_lazy("Travaux terminés"),
    Status.CLOSED: gettext_lazy("Terminée"),
    Status.REJECTED: gettext_lazy("Refusée"),
    Status.CANCELLED: gettext_lazy("Annulée"),
    Status.REOPENED: gettext_lazy("Rouverte : nous revenons vers vous"),
}


def status_words(request: RepairRequest) -> str:
    return str(STATUS_WORDS.get(request.status, request.get_status_display()))


def day(value: datetime) -> str:
    """«mardi 12 mars»."""
    return formats.date_format(timezone.localtime(value), "l j F")


def planned(request: RepairRequest) -> str:
    """«le mardi 12 mars, le matin», or "" when no visit is planned."""
    if request.planned_start is None:
        return ""
    start = timezone.localtime(request.planned_start)
    end = timezone.localtime(request.planned_end) if request.planned_end else None
    when = day(start)
    if end is not None and end.date() == start.date():
        if end.hour <= 13 and start.hour < 12:
            return _("le %(day)s, le matin") % {"day": when}
        if start.hour >= 12:
            return _("le %(day)s, l'après-midi") % {"day": when}
        return _("le %(day)s, de %(start)s à %(end)s") % {
            "day": when,
            "start": formats.time_format(start, "G \\h i"),
            "end": formats.time_format(end, "G \\h i"),
        }
    return _("le %(day)s") % {"day": when}


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
