"""What was sent to a tenant («Mes messages»), in their words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agir.estate.models import Tenant
from agir.notify.models import Notification, NotificationState
from agir.notify.render import render
from agir.portal.access import tenant_of, visible_requests

PREVIEW_LENGTH = 140

STATE_WORDS = {
    NotificationState.SENT: gettext_lazy("Envoyé"),
    NotificationState.DELIVERED: gettext_lazy("Reçu"),
}

# A subject for channels that have none (SMS, voice, letter), from what the message is about.
TEMPLATE_SUBJECTS = {
    "request_submitted": gettext_lazy("Demande enregistrée"),
    "request_acknowledged": gettext_lazy("Demande prise en charge"),
    "visit_scheduled": gettext_lazy("Intervention prévue"),
    "visit_postponed": gettext_lazy("Intervention reportée"),
    "work_done": gettext_lazy("Travaux terminés"),
    "request_closed": gettext_lazy("Demande close"),
    "request_rejected": gettext_lazy("Demande refusée"),
    "landlord_message": gettext_lazy("Message de votre bailleur"),
}


def sent_to_tenant(tenant: Tenant) -> QuerySet[Notification]:
    """What was sent to `tenant` (sent or delivered, on any channel), newest first.

    Stands in for `agir.notify.queries.sent_to_tenant`, which asks the same question (and also
    leaves out channel tests); once the notifications part is merged, return that instead.
    """
    return (
        Notification.objects.filter(
            tenant=tenant, state__in=[NotificationState.SENT, NotificationState.DELIVERED]
        )
        .select_related("request")
        .order_by("-sent_at", "-id")
    )


def messages_for(user) -> QuerySet[Notification]:
    """The tenant's messages, newest first, leaving out those about requests they can no
    longer see (those of a lease they left)."""
    return sent_to_tenant(tenant_of(user)).filter(
        Q(request__isnull=True) | Q(request__in=visible_requests(user))
    )


def get_message_for_tenant(user, code) -> Notification:
    try:
        return messages_for(user).get(code=code)
    except (Notification.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass(frozen=True)
class SentMessage:
    notification: Notification
    when: datetime
    channel: str
    subject: str
    preview: str
    text: str
    state: str


def summarise(notification: Notification) -> SentMessage:
    subject, text = _rendered(notification)
    return SentMessage(
        notification=notification,
        when=notification.sent_at or notification.created_at,
        channel=str(notification.get_channel_display()),
        subject=subject,
        preview=Truncator(" ".join(_body(text).split())).chars(PREVIEW_LENGTH),
        text=text,
        state=str(STATE_WORDS.get(notification.state, notification.get_state_display())),
    )


def _rendered(notification: Notification) -> tuple[str, str]:
    fallback = str(TEMPLATE_SUBJECTS.get(notification.template, _("Message")))
    try:
        message = render(notification)
    except TemplateDoesNotExist:
        return fallback, ""
    return message.subject or fallback, message.text.strip()


def _body(text: str) -> str:
    """The text without its greeting line («Bonjour Mme Benali,»)."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    if len(paragraphs) > 1 and paragraphs[0].endswith(","):
        paragraphs = paragraphs[1:]
    return paragraphs[0] if paragraphs else ""
