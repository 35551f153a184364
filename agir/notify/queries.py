"""Read-only questions other apps ask about notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from agir.estate.models import Tenant
from agir.notify.kinds import MessageKind
from agir.notify.models import Notification, NotificationState


def sent_to_tenant(tenant: Tenant) -> QuerySet[Notification]:
    """What was sent to `tenant` (sent or delivered, on any channel), newest first, with its
    request. Queued and failed attempts are not "sent"; channel tests are not theirs."""
    return (
        Notification.objects.filter(
            tenant=tenant, state__in=[NotificationState.SENT, NotificationState.DELIVERED]
        )
        .exclude(template=MessageKind.CHANNEL_TEST)
        .select_related("request")
        .order_by("-sent_at", "-id")
    )
