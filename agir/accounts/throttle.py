"""Counting what clients try, to slow down guessing and flooding: sign-up failures, password
reset requests. Kept in the database so that every web process counts the same attempts; the
client address comes from agir.core.client (trusted proxies).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.crypto import salted_hmac

from agir.accounts.models import Attempt

Action = Attempt.Action
# Nothing is counted over more than this: older rows are deleted as new ones come.
KEEP = timedelta(days=1)


def address_digest(email: str) -> str:
    """A keyed digest of an email address: counts per address without keeping it in clear."""
    normalised = email.strip().lower()
    return salted_hmac("agir.accounts.throttle", normalised, algorithm="sha256").hexdigest()[:64]


def count(
    action: str, *, window: timedelta, ip: str | None = None, subject: str | None = None, now=None
) -> int:
    """Attempts of `action` within `window`, from `ip` or about `subject`."""
    now = now or timezone.now()
    attempts = Attempt.objects.filter(action=action, at__gt=now - window)
    attempts = attempts.filter(subject=subject) if subject is not None else attempts.filter(ip=ip)
    return attempts.count()


def record(action: str, *, ip: str | None, subject: str = "", now=None) -> None:
    now = now or timezone.now()
    Attempt.objects.create(action=action, subject=subject[:64], ip=ip, at=now)
    Attempt.objects.filter(at__lt=now - KEEP).delete()
