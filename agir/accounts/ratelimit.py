"""Slow down guessing on the sign-up page: failures counted per lease reference and per IP.

Kept in the database so that every web process counts the same failures.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from agir.accounts.models import SignupFailure


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites
    # it, and the proxy in front of AGIR is expected to set REMOTE_ADDR (e.g. gunicorn
    # --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None


def _window_start(now):
    return now - timedelta(minutes=settings.SIGNUP_FAILURE_WINDOW_MINUTES)


def is_blocked(lease_reference: str, ip: str | None, *, now=None) -> bool:
    """True after SIGNUP_MAX_FAILURES failures within the window, for this lease or this IP."""
    now = now or timezone.now()
    recent = SignupFailure.objects.filter(at__gt=_window_start(now))
    limit = settings.SIGNUP_MAX_FAILURES
    if lease_reference and recent.filter(lease_reference=lease_reference).count() >= limit:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= limit


def record_failure(lease_reference: str, ip: str | None, *, now=None) -> None:
    now = now or timezone.now()
    SignupFailure.objects.create(lease_reference=lease_reference[:64], ip=ip, at=now)
    # Forget what no longer counts, so the table stays small.
    SignupFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()
