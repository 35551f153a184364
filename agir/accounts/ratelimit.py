"""Slow down guessing on the sign-up page: failures counted per client address.

A client's failures count whatever the lease they typed (one code tried against every lease),
and never per lease alone: a stranger typing a lease reference five times must not lock its
tenants out of their own sign-up. A code has 31^12 values, so guessing one lease's code from
many addresses is hopeless anyway.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from agir.accounts import throttle


def _window() -> timedelta:
    return timedelta(minutes=settings.SIGNUP_FAILURE_WINDOW_MINUTES)


def is_blocked(ip: str | None, *, now=None) -> bool:
    """True after SIGNUP_MAX_FAILURES failures from this client within the window."""
    failures = throttle.count(throttle.Action.SIGNUP_FAILURE, ip=ip, window=_window(), now=now)
    return failures >= settings.SIGNUP_MAX_FAILURES


def record_failure(lease_reference: str, ip: str | None, *, now=None) -> None:
    throttle.record(throttle.Action.SIGNUP_FAILURE, ip=ip, subject=lease_reference, now=now)
