"""Asking for a new password: counted per client and per address, queued, the same work for
every address.

The page never looks the address up: it counts, records the request and queues one email to
the address typed; the worker finds the accounts (agir/accounts/emails.py). So a known address
and an unknown one cost the web process the same queries, and nothing waits for SMTP.

- per client address: past PASSWORD_RESET_MAX_PER_CLIENT requests within the window, the
  client is told to wait (HTTP 429), whatever the addresses;
- per email address: past PASSWORD_RESET_MAX_PER_ADDRESS requests within the window, further
  requests are answered as usual and send nothing (saying so would tell which addresses are
  being asked about, and the mailbox's owner already has the links).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from agir.accounts import throttle
from agir.accounts.emails import queue_password_reset

RESET = throttle.Action.PASSWORD_RESET


def _window() -> timedelta:
    return timedelta(minutes=settings.PASSWORD_RESET_WINDOW_MINUTES)


def client_over_limit(ip: str | None) -> bool:
    requests = throttle.count(RESET, ip=ip, window=_window())
    return requests >= settings.PASSWORD_RESET_MAX_PER_CLIENT


def request_reset(address: str, ip: str | None) -> None:
    """Record the request and, unless the address had its share, queue the email."""
    digest = throttle.address_digest(address)
    already = throttle.count(RESET, subject=digest, window=_window())
    with transaction.atomic():
        throttle.record(RESET, ip=ip, subject=digest)
        if already < settings.PASSWORD_RESET_MAX_PER_ADDRESS:
            queue_password_reset(address.strip(), key_base=f"password-reset-{uuid.uuid4().hex}")
