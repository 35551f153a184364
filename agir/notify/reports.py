"""Delivery reports: what a provider tells us after the send (delivered, or failed and why).

Webhooks are signed. AGIR's own format (the generic SMS gateway, the HTTP call API): header
`X-AGIR-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw request body keyed with
NOTIFY_WEBHOOK_SECRET. Twilio signs its own way (X-Twilio-Signature, HMAC-SHA1 of the URL and
the sorted form fields, keyed with the auth token). Both are compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agir.notify.channels.voice.gateways import finished_asterisk_calls
from agir.notify.models import DeliveryReport, Notification, NotificationState
from agir.notify.outbox import fall_back

log = logging.getLogger(__name__)


def sign(body: bytes, secret: str | None = None) -> str:
    key = (secret if secret is not None else settings.NOTIFY_WEBHOOK_SECRET).encode()
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def signature_is_valid(body: bytes, header: str) -> bool:
    if not settings.NOTIFY_WEBHOOK_SECRET or not header:
        return False
    return hmac.compare_digest(sign(body).encode(), header.strip().encode())


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
    notification: Notification, *, delivered: bool, reason: str = "", payload: Any = None
) -> Notification:
    """Record a report and move the notification: delivered, or failed and on to the next
    channel. Reports may come twice or before the worker recorded the send: both are fine."""
    now = timezone.now()
    with transaction.atomic():
        current = Notification.objects.select_for_update().get(pk=notification.pk)
        DeliveryReport.objects.create(
            notification=current,
            received_at=now,
            delivered=delivered,
            reason=reason[:2000],
            payload=payload if isinstance(payload, dict) else {},
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
        )
        made += 1
    return made
