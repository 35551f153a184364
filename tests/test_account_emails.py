"""Password reset and activation emails go through the outbox (retry, delivery log), are
throttled per address and per client, and cost the page the same work whatever the address.

Against a real SMTP server on 127.0.0.1; `dispatch.send_due()` is the worker's part.
"""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agir.accounts import activation
from agir.accounts.emails import send_activation_link
from agir.notify import dispatch
from agir.notify.models import Notification, NotificationState
from tests.builders import PASSWORD, build_household
from tests.smtp import SmtpServer, use_smtp_port

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def ask(client, email: str, ip: str = "203.0.113.20", **extra):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip, **extra)


def reset_notifications():
    return Notification.objects.filter(template="password_reset")


# --- the reset: through the outbox ---------------------------------------------------------


def test_asking_for_a_reset_sends_nothing_from_the_web_process(client, smtp, household):
    # Fails before the fix: the page sent the email itself, inline, over SMTP.
    response = ask(client, household.holder.user.email)

    assert response["Location"] == DONE
    assert smtp.received == []
    [queued] = reset_notifications()
    assert queued.state == NotificationState.QUEUED
    assert queued.address == household.holder.user.email


def normalised(queries: list[dict]) -> list[str]:
    """The SQL the page ran, without the values (addresses, digests, keys, dates differ)."""
    shapes = []
    for query in queries:
        sql = re.sub(r"'(?:[^']|'')*'", "?", query["sql"])
        sql = re.sub(r'"s\d+_x\d+"', "?", sql)  # savepoint names
        shapes.append(re.sub(r"\b\d+(\.\d+)?\b", "?", sql))
    return shapes


def test_a_known_and_an_unknown_address_get_the_same_answer_after_the_same_work(smtp, household):
    # Fails before the fix: a known address waited for SMTP in the request, an unknown one
    # answered at once, which told who has an account.
    answers = {}
    for email, ip in [
        ("warm-up@exemple.fr", "203.0.113.1"),
        (household.holder.user.email, "203.0.113.2"),
        ("nobody@exemple.fr", "203.0.113.3"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = ask(Client(), email, ip)
        answers[email] = (response.status_code, response["Location"], normalised(queries))
        assert smtp.received == []  # nothing left the web process, for either address

    assert answers[household.holder.user.email] == answers["nobody@exemple.fr"]


def test_the_reset_email_is_retried_and_each_attempt_logged(client, smtp, household):
    smtp.handler.refusals = ["451 4.3.0 Mailbox busy, try later"]
    ask(client, household.holder.user.email)

    dispatch.send_due()
    assert smtp.received == []
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        dispatch.send_due()

    [message] = smtp.received
    assert message["To"] == household.holder.user.email
    [notification] = reset_notifications()
    assert notification.state == NotificationState.SENT
    attempts = list(notification.delivery_attempts.order_by("number"))
    assert [a.succeeded for a in attempts] == [False, True]
    assert "451" in attempts[0].error


def test_an_unknown_address_gets_nothing_and_the_log_says_why(client, smtp, db):
    ask(client, "nobody@exemple.fr")

    dispatch.send_due()

    assert smtp.received == []
    [notification] = reset_notifications()
    assert notification.state == NotificationState.FAILED
    assert "no active account" in notification.last_error


def test_the_outbox_keeps_no_reset_link(client, smtp, household):
    ask(client, household.holder.user.email)
    dispatch.send_due()

    [notification] = reset_notifications()
    stored = json.dumps(notification.context) + notification.last_error
    assert "mot-de-passe/nouveau" not in stored
    assert "mot-de-passe/nouveau" in smtp.received[0].get_body(("plain",)).get_content()


def test_account_emails_stay_out_of_the_tenants_messages(client, smtp, household):
    user = household.holder.user
    ask(client, user.email)
    dispatch.send_due()
    assert len(smtp.received) == 1

    client.force_login(user)
    page = html.unescape(client.get(reverse("portal:messages")).content.decode())

    assert "mot de passe" not in page.lower()


# --- the reset: throttled ------------------------------------------------------------------


def test_an_address_gets_at_most_3_reset_emails_an_hour(client, smtp, household):
    # Fails before the fix: 15 requests in a row sent 15 emails.
    email = household.holder.user.email
    answers = [ask(client, email, ip=f"203.0.113.{i}")["Location"] for i in range(1, 6)]
    dispatch.send_due()

    assert answers == [DONE] * 5  # the same answer: nothing tells what is going on
    assert len(smtp.received) == 3

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        ask(client, email, ip="203.0.113.9")
        dispatch.send_due()
    assert len(smtp.received) == 4


def test_a_client_asking_too_often_waits(client, db):
    # Fails before the fix: nothing counted the requests of a client.
    for i in range(10):
        assert ask(client, f"someone{i}@exemple.fr", ip="198.51.100.7").status_code == 302

    refused = ask(client, "someone-else@exemple.fr", ip="198.51.100.7")
    elsewhere = ask(client, "someone-else@exemple.fr", ip="203.0.113.20")

    assert refused.status_code == 429
    assert "Trop de demandes depuis votre connexion" in html.unescape(refused.content.decode())
    assert elsewhere.status_code == 302
    assert reset_notifications().count() == 11


def test_behind_the_proxy_reset_requests_are_counted_per_client(client, settings, db):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(10):
        ask(client, f"someone{i}@exemple.fr", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    other = ask(client, "me@exemple.fr", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")

    assert other.status_code == 302


def test_the_reset_still_works_end_to_end(client, smtp, household):
    user = household.holder.user
    ask(client, user.email)
    dispatch.send_due()

    body = smtp.received[0].get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+(/compte/mot-de-passe/nouveau/\S+/\S+/)", body).group(1)
    form_url = client.get(link)["Location"]
    new = "Peuplier-Vert-2027"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)
    assert not user.check_password(PASSWORD)


# --- the activation link -------------------------------------------------------------------


@pytest.fixture
def newcomer(estate):
    return build_household(estate.dwellings[2], occupants=2, with_account=False).tenants[1]


def test_the_activation_email_goes_through_the_outbox(smtp, newcomer):
    # Fails before the fix: it was sent inline, with no retry and no trace.
    assert send_activation_link(newcomer) is True
    assert smtp.received == []

    dispatch.send_due()

    [message] = smtp.received
    assert message["To"] == newcomer.email
    notification = Notification.objects.get(template="account_activation")
    assert notification.delivery_attempts.get().succeeded
    assert notification.tenant is None  # never shown again in «Mes messages»


def test_no_activation_email_once_the_tenant_made_an_account(smtp, newcomer):
    send_activation_link(newcomer)
    activation.create_account(newcomer.pk, identifier="karim", password="Tilleul-Bleu-2026")

    dispatch.send_due()

    assert smtp.received == []
    notification = Notification.objects.get(template="account_activation")
    assert notification.state == NotificationState.FAILED
    assert "has an account" in notification.last_error


def test_asking_twice_the_same_day_sends_one_activation_email(smtp, newcomer):
    send_activation_link(newcomer)
    send_activation_link(newcomer)

    dispatch.send_due()

    assert len(smtp.received) == 1
