"""Slow down guessing on the sign-up page: failures counted per client address.

A client's failures count whatever the lease they typed (one code tried against every lease),
and never per lease alone: a stranger typing a lease reference five times must not lock its
tenants out of their own sign-up. A code has 31^12 values, so guessing one lease's code from
many addresses is hopeless anyway. The client address comes from agir.core.client (trusted
proxies). Kept in the database so that every web process counts the same failures.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from agir.accounts.models import SignupFailure
from agir.core.client import client_ip as _client_ip


def client_ip(request: HttpRequest) -> str | None:
    return _client_ip(request)


def _window_start(now):
    return now - timedelta(minutes=settings.SIGNUP_FAILURE_WINDOW_MINUTES)


def is_blocked(ip: str | None, *, now=None) -> bool:
    """True after SIGNUP_MAX_FAILURES failures from this client within the window."""
    now = now or timezone.now()
    recent = SignupFailure.objects.filter(at__gt=_window_start(now), ip=ip)
    return recent.count() >= settings.SIGNUP_MAX_FAILURES


def record_failure(lease_reference: str, ip: str | None, *, now=None) -> None:
    now = now or timezone.now()
    SignupFailure.objects.create(lease_reference=lease_reference[:64], ip=ip, at=now)
    # Forget what no longer counts, so the table stays small.
    SignupFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()
