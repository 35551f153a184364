"""The worker's side of the outbox: claim due notifications, send them, record every attempt.

Claims are conditional updates, so any number of workers can run at once; a claim expires, so
a notification whose worker died is taken up again.

Exactly once. A worker can die after the provider accepted a message and before the database
records it. Nothing on our side can close that window (the provider and the database do not
share a transaction), so a message is sent *at least* once and the provider makes it *exactly*
once: every transport hands the notification's idempotency key to its peer in the form that
peer deduplicates on (the SMS gateway's Idempotency-Key header, the email's Message-ID, the
call file's name, the letter's file name), and the retried send after the claim expires is
recognised there as the same message. The recording step never moves a notification back from
a state that a delivery report has already set.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agir.notify import quiet
from agir.notify.channels import DeliveryFailure, TemporaryFailure, get_transport
from agir.notify.models import DeliveryAttempt, Notification, NotificationState
from agir.notify.outbox import fall_back
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
    return Notification.objects.select_related("tenant", "request").get(pk=notification_id)


def hold_for_quiet_hours(notification_id: int, channel: str) -> bool:
    """When `channel` may not ring now, move the notification to the next allowed moment
    (without counting an attempt) and say so."""
    now = timezone.now()
    if quiet.is_allowed(channel, now):
        return False
    due().filter(pk=notification_id).update(
        state=NotificationState.QUEUED,
        next_attempt_at=quiet.next_allowed(channel, now),
        claimed_until=None,
    )
    return True


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
    gives_up = error is not None and (
        error.permanent or notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS
    )
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
        changes: dict = {"claimed_until": None}
        if error is None:
            changes |= {
                "state": NotificationState.SENT,
                "sent_at": finished,
                "provider_id": provider_id,
                "last_error": "",
            }
        elif gives_up:
            changes |= {"state": NotificationState.FAILED, "last_error": str(error)}
            log.warning("notification %s failed for good: %s", notification.pk, error)
        else:
            retry_at = quiet.next_allowed(
                notification.channel, finished + retry_delay(notification.attempts)
            )
            changes |= {
                "state": NotificationState.QUEUED,
                "next_attempt_at": retry_at,
                "last_error": str(error),
            }
            log.info("notification %s will be retried: %s", notification.pk, error)
        # Only while it is still ours: a delivery report may have arrived (delivered, failed)
        # before we got here, and it knows better.
        recorded = Notification.objects.filter(
            pk=notification.pk, state=NotificationState.SENDING
        ).update(**changes)
        if not recorded and provider_id:
            Notification.objects.filter(pk=notification.pk, provider_id="").update(
                provider_id=provider_id, sent_at=finished
            )
        if recorded:
            for name, value in changes.items():
                setattr(notification, name, value)
            if gives_up:
                fall_back(notification)
    return error is None


def send_due(limit: int = 500) -> int:
    """Send what is due now, up to `limit`; returns how many were sent."""
    sent = 0
    candidates = due().order_by("next_attempt_at", "id").values_list("pk", "channel")[:limit]
    for notification_id, channel in list(candidates):
        if hold_for_quiet_hours(notification_id, channel):
            continue
        notification = claim(notification_id)
        if notification is not None and deliver(notification):
            sent += 1
    return sent
