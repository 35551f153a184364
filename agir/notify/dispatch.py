"""The worker's side of the outbox: claim due notifications, send them, record every attempt.

Claims are conditional updates, so any number of workers can run at once; a claim expires, so
a notification whose worker died is taken up again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agir.notify.channels import DeliveryFailure, TemporaryFailure, get_transport
from agir.notify.models import DeliveryAttempt, Notification, NotificationState
from agir.notify.render import render

log = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: first delay, doubled at each failed attempt, capped."""
    seconds = settings.NOTIFY_FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.NOTIFY_MAX_RETRY_SECONDS))


def due():
    now = timezone.now()
    return Notification.objects.filter(
        Q(state=NotificationState.QUEUED, next_attempt_at__lte=now)
        | Q(state=NotificationState.SENDING, claimed_until__lt=now)
    )


def claim(notification_id: int) -> Notification | None:
    """Take one notification for this worker, or None if another worker has it."""
    now = timezone.now()
    taken = (
        due()
        .filter(pk=notification_id)
        .update(
            state=NotificationState.SENDING,
            claimed_until=now + timedelta(seconds=settings.NOTIFY_CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    if not taken:
        return None
    return Notification.objects.get(pk=notification_id)


def deliver(notification: Notification) -> bool:
    """Make one attempt for a claimed notification and record it. True when sent."""
    started = timezone.now()
    provider_id = ""
    error: DeliveryFailure | None = None
    try:
        message = render(notification)
        provider_id = get_transport(notification.channel).send(notification, message) or ""
    except DeliveryFailure as failure:
        error = failure
    except Exception as unexpected:  # a bug or a broken template must not stop the worker
        log.exception("notification %s failed unexpectedly", notification.pk)
        error = TemporaryFailure(f"{type(unexpected).__name__}: {unexpected}")
    finished = timezone.now()
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            notification=notification,
            number=notification.attempts,
            started_at=started,
            finished_at=finished,
            succeeded=error is None,
            permanent=bool(error and error.permanent),
            error=str(error or ""),
            provider_id=provider_id,
        )
        if error is None:
            notification.state = NotificationState.SENT
            notification.sent_at = finished
            notification.provider_id = provider_id
            notification.last_error = ""
        elif error.permanent or notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            notification.state = NotificationState.FAILED
            notification.last_error = str(error)
            log.warning("notification %s failed for good: %s", notification.pk, error)
        else:
            notification.state = NotificationState.QUEUED
            notification.next_attempt_at = finished + retry_delay(notification.attempts)
            notification.last_error = str(error)
            log.info("notification %s will be retried: %s", notification.pk, error)
        notification.claimed_until = None
        notification.save(
            update_fields=[
                "state",
                "sent_at",
                "provider_id",
                "last_error",
                "next_attempt_at",
                "claimed_until",
            ]
        )
    return error is None


def send_due(limit: int = 500) -> int:
    """Send what is due now, up to `limit`; returns how many were sent."""
    sent = 0
    candidates = due().order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit]
    for notification_id in list(candidates):
        notification = claim(notification_id)
        if notification is not None and deliver(notification):
            sent += 1
    return sent
