"""The kinds of message AGIR sends, and which request events call for them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.repairs.models import EventKind


class MessageKind(models.TextChoices):
    REQUEST_SUBMITTED = "request_submitted", _("Demande enregistrée")
    REQUEST_ACKNOWLEDGED = "request_acknowledged", _("Demande prise en compte")
    VISIT_SCHEDULED = "visit_scheduled", _("Rendez-vous fixé")
    VISIT_REMINDER = "visit_reminder", _("Rappel de rendez-vous")
    VISIT_POSTPONED = "visit_postponed", _("Intervention reportée")
    WORK_DONE = "work_done", _("Travaux terminés")
    REQUEST_CLOSED = "request_closed", _("Demande clôturée, avec l'enquête de satisfaction")
    REQUEST_REJECTED = "request_rejected", _("Demande refusée")
    LANDLORD_MESSAGE = "landlord_message", _("Message du bailleur")
    # Sent by `agir notify test`, never by a rule.
    CHANNEL_TEST = "channel_test", _("Message d'essai d'un canal")


# Which events the tenant hears about, and as which kind. The reminder has no event: the
# periodic job sends it the day before the visit.
EVENT_KINDS: dict[str, str] = {
    EventKind.SUBMITTED: MessageKind.REQUEST_SUBMITTED,
    EventKind.ACKNOWLEDGED: MessageKind.REQUEST_ACKNOWLEDGED,
    EventKind.SCHEDULED: MessageKind.VISIT_SCHEDULED,
    EventKind.POSTPONED: MessageKind.VISIT_POSTPONED,
    EventKind.FINISHED: MessageKind.WORK_DONE,
    EventKind.CLOSED: MessageKind.REQUEST_CLOSED,
    EventKind.REJECTED: MessageKind.REQUEST_REJECTED,
    EventKind.COMMENTED: MessageKind.LANDLORD_MESSAGE,
}

RULE_KINDS = [kind for kind in MessageKind if kind != MessageKind.CHANNEL_TEST]
