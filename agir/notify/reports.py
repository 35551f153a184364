"""Delivery reports: what a provider tells us after the send (delivered, or failed and why).

Webhooks are signed, dated and recorded once. AGIR's own format (the generic SMS gateway, the
HTTP call API): header `X-AGIR-Signature: t=<unix time>,sha256=<hex>`, the HMAC-SHA256 keyed
with NOTIFY_WEBHOOK_SECRET of `<unix time>.` followed by the raw request body. A report signed
more than NOTIFY_WEBHOOK_MAX_AGE seconds from now (either way) is refused, so a captured report
cannot be replayed later. Twilio signs its own way (X-Twilio-Signature, HMAC-SHA1 of the URL and
the sorted form fields, keyed with the auth token) and dates nothing. Signatures are compared in
constant time. Whatever the source, a report already recorded for a notification (the same
body, or the same Twilio fields) is ignored: providers retry their webhooks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agir.notify.channels.voice.gateways import finished_asterisk_calls
from agir.notify.models import DeliveryReport, Notification, NotificationState
from agir.notify.outbox import fall_back

log = logging.getLogger(__name__)


def sign(body: bytes, secret: str | None = None, *, at: float | None = None) -> str:
    """The X-AGIR-Signature header of `body` sent at `at` (now by default)."""
    key = (secret if secret is not None else settings.NOTIFY_WEBHOOK_SECRET).encode()
    stamp = int(time.time() if at is None else at)
    digest = hmac.new(key, f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},sha256={digest}"


def signature_is_valid(body: bytes, header: str) -> bool:
    """Signed with our secret, and dated within NOTIFY_WEBHOOK_MAX_AGE of now."""
    if not settings.NOTIFY_WEBHOOK_SECRET or not header:
        return False
    fields = dict(part.strip().partition("=")[::2] for part in header.split(","))
    try:
        stamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs(time.time() - stamp) > settings.NOTIFY_WEBHOOK_MAX_AGE:
        return False
    return hmac.compare_digest(sign(body, at=stamp).encode(), header.strip().encode())


def digest_of(body: bytes) -> str:
    """What tells a report already recorded from a new one."""
    return hashlib.sha256(body).hexdigest()


def twilio_signature(url: str, params: dict[str, str], token: str) -> str:
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_signature_is_valid(url: str, params: dict[str, str], header: str) -> bool:
    token = settings.NOTIFY_SMS_TOKEN
    if not token or not header:
        return False
    return hmac.compare_digest(twilio_signature(url, params, token).encode(), header.encode())


def apply(
    notification: Notification,
    *,
    delivered: bool,
    reason: str = "",
    payload: Any = None,
    digest: str = "",
) -> Notification:
    """Record a report and move the notification: delivered, or failed and on to the next
    channel. A report may come before the worker recorded the send: fine. One whose `digest`
    is already recorded for this notification changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        # The row lock makes two deliveries of the same report wait for each other here.
        current = Notification.objects.select_for_update().get(pk=notification.pk)
        if digest and current.reports.filter(digest=digest).exists():
            log.info("notification %s: report already recorded, ignored", current.pk)
            return current
        DeliveryReport.objects.create(
            notification=current,
            received_at=now,
            delivered=delivered,
            reason=reason[:2000],
            payload=payload if isinstance(payload, dict) else {},
            digest=digest,
        )
        if delivered and current.state != NotificationState.DELIVERED:
            current.state = NotificationState.DELIVERED
            current.delivered_at = now
            current.claimed_until = None
            current.save(update_fields=["state", "delivered_at", "claimed_until"])
        elif not delivered and current.state not in (
            NotificationState.DELIVERED,
            NotificationState.FAILED,
        ):
            current.state = NotificationState.FAILED
            current.last_error = reason or "failed (no reason given)"
            current.claimed_until = None
            current.save(update_fields=["state", "last_error", "claimed_until"])
            log.warning("notification %s reported failed: %s", current.pk, reason)
            fall_back(current)
    return current


def collect_asterisk_results() -> int:
    """Report how AGIR's Asterisk calls ended (Completed → delivered; Failed or Expired →
    failed, then the next channel). Returns reports made."""
    made = 0
    for outcome in finished_asterisk_calls():
        apply(
            outcome.notification,
            delivered=outcome.completed,
            reason="" if outcome.completed else f"Asterisk: call {outcome.status.lower()}",
            payload={"status": outcome.status, "file": outcome.file},
            digest=digest_of(f"asterisk:{outcome.file}:{outcome.status}".encode()),
        )
        made += 1
    return made
