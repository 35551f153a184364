"""The worker's side of the outbox: claim due notifications, send them, record every attempt.

At least once, and how. Each send goes through three steps:

1. **Claim.** A worker takes a batch of due notifications for NOTIFY_CLAIM_SECONDS under a new
   claim token (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so that workers do not scan
   and wait on each other's rows; SQLite has one writer at a time). A claim that expires (its
   worker died) makes the notification due again.
2. **Write the attempt, then send.** Before the message leaves, the claim is renewed and a
   `DeliveryAttempt` without a result is committed, only while the claim is still this
   worker's. The send (render and hand-over) then runs under a time budget shorter than the
   claim (`deadline.py`), so a live worker never sees its claim expire mid-send.
3. **Record.** The attempt gets its result, and the notification moves (sent, retry, failed),
   only while the claim is still this worker's and no delivery report has settled it.

A worker killed between the peer accepting a message and step 3 leaves an attempt without a
result; the next claim marks it interrupted (the peer may have the message) and sends again.
So every notification reaches its peer at least once, and a copy is sent only after a recorded
attempt whose outcome is unknown. Exactly once holds where the peer drops a copy it already
has: the transports hand it the notification's idempotency key in the form it deduplicates on
(the generic SMS gateway's and the call API's Idempotency-Key, the Asterisk call file's name,
the letter's file name in the print batch). SMTP servers do not drop copies by Message-ID:
email and fax are at least once. docs/reliability.md says it channel by channel, and
tests/test_notify_exactly_once.py kills workers to show it.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from agir.notify import quiet
from agir.notify.channels import DeliveryFailure, OutcomeUnknown, TemporaryFailure, get_transport
from agir.notify.deadline import OutOfTime, time_budget
from agir.notify.models import DeliveryAttempt, Notification, NotificationState
from agir.notify.outbox import fall_back
from agir.notify.render import render

log = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: first delay, doubled at each failed attempt, capped."""
    seconds = settings.NOTIFY_FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.NOTIFY_MAX_RETRY_SECONDS))


def claim_length() -> timedelta:
    return timedelta(seconds=settings.NOTIFY_CLAIM_SECONDS)


def due() -> QuerySet[Notification]:
    now = timezone.now()
    return Notification.objects.filter(
        Q(state=NotificationState.QUEUED, next_attempt_at__lte=now)
        | Q(state=NotificationState.SENDING, claimed_until__lt=now)
    )


def _take(ids: list[int], token: str) -> list[int]:
    """Claim `ids` (those still due) under `token`; returns the ids taken. Attempts left
    without a result by a previous holder are marked interrupted: their outcome is unknown."""
    if not ids:
        return []
    due().filter(pk__in=ids).update(
        state=NotificationState.SENDING,
        claimed_until=timezone.now() + claim_length(),
        attempts=F("attempts") + 1,
        claim_token=token,
    )
    taken = list(
        Notification.objects.filter(pk__in=ids, claim_token=token).values_list("pk", flat=True)
    )
    DeliveryAttempt.objects.filter(
        notification_id__in=taken, succeeded__isnull=True, finished_at__isnull=True
    ).update(interrupted=True)
    return taken


def claim(notification_id: int) -> Notification | None:
    """Take one notification for this worker, or None if another worker has it."""
    with transaction.atomic():
        taken = _take([notification_id], uuid.uuid4().hex)
    if not taken:
        return None
    return Notification.objects.select_related("tenant", "request").get(pk=notification_id)


def claim_batch(limit: int) -> list[Notification]:
    """Take up to `limit` due notifications, oldest due first. Those whose channel may not
    ring now (quiet hours) are moved to the next allowed moment instead, without an attempt."""
    token = uuid.uuid4().hex
    now = timezone.now()
    with transaction.atomic():
        rows = due().order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            # Rows another worker is claiming are skipped, not waited for.
            rows = rows.select_for_update(skip_locked=True)
        candidates = list(rows.values_list("pk", "channel")[:limit])
        held: dict[str, list[int]] = defaultdict(list)
        wanted = []
        for pk, channel in candidates:
            (wanted if quiet.is_allowed(channel, now) else held[channel]).append(pk)
        for channel, ids in held.items():
            due().filter(pk__in=ids).update(
                state=NotificationState.QUEUED,
                next_attempt_at=quiet.next_allowed(channel, now),
                claimed_until=None,
                claim_token="",
            )
        taken = _take(wanted, token)
    return list(
        Notification.objects.filter(pk__in=taken, claim_token=token)
        .select_related("tenant", "request")
        .order_by("next_attempt_at", "id")
    )


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
        claim_token="",
    )
    return True


def _still_mine(notification: Notification) -> QuerySet[Notification]:
    return Notification.objects.filter(
        pk=notification.pk,
        state=NotificationState.SENDING,
        claim_token=notification.claim_token,
    )


def _begin(notification: Notification) -> DeliveryAttempt | None:
    """Renew the claim for a whole send and write the attempt, committed, before anything
    leaves; None when the claim is no longer this worker's."""
    started = timezone.now()
    with transaction.atomic():
        if not _still_mine(notification).update(claimed_until=started + claim_length()):
            return None
        return DeliveryAttempt.objects.create(
            notification=notification, number=notification.attempts, started_at=started
        )


def _send(notification: Notification) -> tuple[str, DeliveryFailure | None]:
    """Render and hand over, within the time budget: (provider id, failure or None)."""
    budget = settings.NOTIFY_SEND_BUDGET_SECONDS
    try:
        with time_budget(budget):
            message = render(notification)
            return get_transport(notification.channel).send(notification, message) or "", None
    except DeliveryFailure as failure:
        return "", failure
    except OutOfTime:
        return "", OutcomeUnknown(
            f"no answer within the send budget ({budget:g} s); the peer may have received it"
        )
    except Exception as unexpected:  # a bug or a broken template must not stop the worker
        log.exception("notification %s failed unexpectedly", notification.pk)
        return "", TemporaryFailure(f"{type(unexpected).__name__}: {unexpected}")


def deliver(notification: Notification) -> bool:
    """Make one attempt for a claimed notification and record it. True when sent."""
    attempt = _begin(notification)
    if attempt is None:
        log.info("notification %s: claim lost before sending, not sent", notification.pk)
        return False
    # From here a worker killed leaves `attempt` without a result: the trace of a send that
    # may have reached the peer.
    provider_id, error = _send(notification)
    finished = timezone.now()
    gives_up = error is not None and (
        error.permanent or notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS
    )
    with transaction.atomic():
        DeliveryAttempt.objects.filter(pk=attempt.pk).update(
            finished_at=finished,
            succeeded=None if error is not None and error.outcome_unknown else error is None,
            permanent=bool(error and error.permanent),
            error=str(error or ""),
            provider_id=provider_id,
        )
        changes: dict = {"claimed_until": None, "claim_token": ""}
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
        # Only while the claim is still ours: another worker may have taken it over (it then
        # records its own attempt), or a delivery report may have settled it (it knows better).
        recorded = _still_mine(notification).update(**changes)
        if not recorded:
            log.info(
                "notification %s: claim no longer ours, result kept on the attempt only",
                notification.pk,
            )
            if provider_id:
                Notification.objects.filter(pk=notification.pk, provider_id="").update(
                    provider_id=provider_id, sent_at=finished
                )
        else:
            for name, value in changes.items():
                setattr(notification, name, value)
            if gives_up:
                fall_back(notification)
    return error is None


def send_due(limit: int = 500) -> int:
    """Send what is due now, up to `limit`, a claimed batch at a time; returns how many were
    sent."""
    sent = tried = 0
    while tried < limit:
        batch = claim_batch(min(settings.NOTIFY_CLAIM_BATCH, limit - tried))
        if not batch:
            break
        for notification in batch:
            tried += 1
            sent += deliver(notification)
    return sent
