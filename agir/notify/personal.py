"""Messages about a person's account rather than a request: the activation link, the password
reset. Through the outbox like the rest (retry, back-off, delivery log), with three
differences:

- one email to one address, never moved to another channel (a reset link on a letter would
  reach whoever opens the letter box), and no tenant on the row, so «Mes messages» never
  re-renders it;
- the row holds no secret: the app that owns the kind renders it when the worker sends it
  (`register`), making the link then, so the outbox table and its admin never show a live
  link;
- the renderer may decide at that moment that there is nothing to send (no account uses the
  address, the tenant already has one) by raising PermanentFailure: the row ends «failed»
  with that reason in the delivery log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from agir.notify.models import Notification
from agir.notify.signals import notifications_queued

log = logging.getLogger(__name__)

# kind -> renderer(notification) -> RenderedMessage
_RENDERERS: dict[str, Callable] = {}


def register(kind: str, renderer: Callable) -> None:
    _RENDERERS[kind] = renderer


def renderer_for(kind: str) -> Callable | None:
    return _RENDERERS.get(kind)


def queue_email(
    kind: str,
    *,
    address: str,
    recipient_name: str,
    key_base: str,
    context: dict[str, Any],
) -> Notification:
    """Queue `kind` to `address`; the same `key_base` twice is one message."""
    if kind not in _RENDERERS:
        raise ValueError(f"no renderer registered for {kind!r}")
    notification, created = Notification.objects.get_or_create(
        idempotency_key=f"{key_base}:email",
        defaults={
            "recipient_name": recipient_name[:160],
            "address": address,
            "channel": "email",
            "template": kind,
            "context": context,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        # robust: if the queue is down, the periodic run sends it later.
        transaction.on_commit(_wake_worker, robust=True)
    return notification


def _wake_worker() -> None:
    # The tasks sit above this module: a signal wakes them, as in the outbox.
    notifications_queued.send(sender=Notification)
