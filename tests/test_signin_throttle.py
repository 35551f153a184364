"""Password guessing on the tenants' and the admin's sign-in: django-axes counts failures per
(identifier, client address) and per client address (agir/accounts/signin.py).

Every test here fails on the code before django-axes: 60 wrong passwords, then the right one,
were accepted.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agir.accounts.models import Role
from tests.builders import PASSWORD, build_household, build_staff

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
ATTACKER = "198.51.100.7"
TENANT_AT_HOME = "203.0.113.20"


def login(client, identifier: str, password: str = PASSWORD, *, ip: str, **extra):
    return client.post(
        LOGIN, {"username": identifier, "password": password}, REMOTE_ADDR=ip, **extra
    )


def signed_in(client) -> bool:
    return client.session.get("_auth_user_id") is not None


def fail_five_times(client, identifier: str, *, ip: str = ATTACKER, **extra) -> None:
    for guess in range(5):
        response = login(client, identifier, f"guess-{guess}", ip=ip, **extra)
    assert response.status_code == 429  # the fifth failure already says it


def test_after_5_failures_even_the_right_password_waits(client, household):
    email = household.holder.user.email
    fail_five_times(client, email)

    response = login(client, email, ip=ATTACKER)

    assert response.status_code == 429
    assert not signed_in(client)
    text = html.unescape(response.content.decode())
    assert "Trop d'essais sans succès" in text
    assert "attendez 15 minutes" in text
    assert f'value="{email}"' in text  # what was typed is kept


def test_the_wait_ends_15_minutes_after_the_last_failure(client, household):
    email = household.holder.user.email
    fail_five_times(client, email)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = login(client, email, ip=ATTACKER)

    assert response.status_code == 302
    assert signed_in(client)


def test_four_failures_do_not_lock(client, household):
    email = household.holder.user.email
    for guess in range(4):
        login(client, email, f"guess-{guess}", ip=TENANT_AT_HOME)
    assert login(client, email, ip=TENANT_AT_HOME).status_code == 302


def test_the_spelling_of_an_identifier_does_not_reset_the_count(client, household):
    reference = household.lease.reference
    for spelling in [
        reference,
        reference.lower(),
        f" {reference} ",
        reference[:3] + " " + reference[3:],
    ]:
        login(client, spelling, "a-guess", ip=ATTACKER)
    login(client, reference.lower(), "a-guess", ip=ATTACKER)

    assert login(client, reference, ip=ATTACKER).status_code == 429


def test_an_attacker_elsewhere_cannot_lock_the_tenant_out(client, household):
    email = household.holder.user.email
    fail_five_times(client, email, ip=ATTACKER)

    response = login(client, email, ip=TENANT_AT_HOME)

    assert response.status_code == 302
    assert signed_in(client)


def test_one_password_tried_against_many_leases_is_stopped_per_address(client, estate):
    # Lease references are sequential and printed on letters.
    households = [build_household(estate.dwellings[i]) for i in range(6)]
    for victim in households[:5]:
        login(client, victim.lease.reference, "Soleil2026", ip=ATTACKER)

    response = login(client, households[5].lease.reference, ip=ATTACKER)

    assert response.status_code == 429
    assert not signed_in(client)


def test_behind_the_proxy_each_client_is_counted_apart(client, settings, household):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    email = household.holder.user.email
    fail_five_times(client, email, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)

    locked = login(client, email, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    tenant = login(client, email, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=TENANT_AT_HOME)

    assert locked.status_code == 429
    assert tenant.status_code == 302


@pytest.fixture
def manager(db):
    user = build_staff(Role.MANAGER, username="responsable")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def admin_login(client, password: str, ip: str):
    return client.post(
        ADMIN_LOGIN,
        {"username": "responsable", "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_the_admin_sign_in_is_throttled_too(client, manager):
    for guess in range(5):
        admin_login(client, f"guess-{guess}", ATTACKER)

    response = admin_login(client, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert not signed_in(client)
    assert admin_login(client, PASSWORD, TENANT_AT_HOME).status_code == 302
