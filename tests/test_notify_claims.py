"""The worker's claim on a notification: the attempt is written before the message leaves, a
result is recorded only while the claim is the worker's own, a send cannot outlive its claim,
and workers skip the rows another one is claiming (PostgreSQL)."""

import asyncio
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.utils import timezone

from agir.notify import dispatch
from agir.notify.checks import check_channels
from agir.notify.models import AttemptOutcome, DeliveryAttempt, Notification, NotificationState
from tests.builders import build_estate, build_household, submitted_request
from tests.http_peers import HttpPeer
from tests.smtp import SmtpServer, free_port, use_smtp_port


def _sms_only_household(settings, gateway: HttpPeer):
    settings.NOTIFY_SMS_GATEWAY, settings.NOTIFY_SMS_URL = "generic", f"{gateway.url}/sms"
    settings.NOTIFY_QUIET_HOURS = False
    household = build_household(build_estate().dwellings[0], with_account=False)
    household.holder.email = ""
    household.holder.preferred_channels = ["sms"]
    household.holder.save()
    return household


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_attempt_is_committed_before_the_message_reaches_the_peer(settings):
    seen_by_the_peer: list[list] = []

    def look(call) -> None:  # runs in the peer's thread: its own database connection
        key = call.headers["idempotency-key"]
        attempts = DeliveryAttempt.objects.filter(notification__idempotency_key=key)
        seen_by_the_peer.append(list(attempts.values_list("number", "succeeded")))
        connection.close()

    with HttpPeer() as gateway:
        gateway.state.on_call = look
        household = _sms_only_household(settings, gateway)
        submitted_request(household)

        assert dispatch.send_due() == 1

    assert seen_by_the_peer == [[(1, None)]]  # written, result not known yet
    attempt = DeliveryAttempt.objects.get()
    assert (attempt.number, attempt.outcome) == (1, AttemptOutcome.SENT)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_whose_claim_was_taken_over_does_not_record_its_result(settings):
    taken_over: list[Notification] = []

    def second_worker_takes_over(call) -> None:
        # The first worker is mid-send; its claim expires and another worker claims.
        Notification.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
        taken_over.append(dispatch.claim(Notification.objects.get().pk))
        connection.close()

    with HttpPeer() as gateway:
        household = _sms_only_household(settings, gateway)
        submitted_request(household)
        first = dispatch.claim(Notification.objects.get().pk)
        gateway.state.on_call = second_worker_takes_over

        dispatch.deliver(first)

    notification = Notification.objects.get()
    assert notification.state == NotificationState.SENDING  # still the second worker's
    assert notification.claim_token == taken_over[0].claim_token != first.claim_token
    assert notification.attempts == 2
    # The first worker's own attempt keeps what happened to it.
    assert DeliveryAttempt.objects.get(number=1).outcome == AttemptOutcome.SENT


class SlowSmtpHandler:
    """A mail server that takes `delay` seconds to accept each message."""

    def __init__(self, delay: float) -> None:
        self.delay = delay

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(self.delay)
        return "250 OK"


def test_a_send_longer_than_its_budget_is_cut_short_and_retried(household, settings):
    # The claim outlasts the budget by seconds: a loaded machine's pauses must not expire it.
    settings.NOTIFY_CLAIM_SECONDS, settings.NOTIFY_SEND_BUDGET_SECONDS = 4, 0.5
    smtp = Controller(SlowSmtpHandler(delay=3), hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        use_smtp_port(settings, smtp.port)  # its socket timeout (5 s) would wait for the answer
        submitted_request(household)

        sent = dispatch.send_due()
    finally:
        smtp.stop()

    assert sent == 0
    notification = Notification.objects.get()
    # Recorded by its own worker (the claim had not expired): back in the queue for a retry.
    assert notification.state == NotificationState.QUEUED
    assert "budget" in notification.last_error
    # The slow peer may still take it: the attempt's outcome is unknown, not failed.
    assert DeliveryAttempt.objects.get().outcome == AttemptOutcome.UNKNOWN


def test_a_send_budget_as_long_as_the_claim_is_refused_at_start_up(settings):
    settings.NOTIFY_CLAIM_SECONDS, settings.NOTIFY_SEND_BUDGET_SECONDS = 60, 60

    assert "notify.E007" in [problem.id for problem in check_channels()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_skips_the_rows_another_worker_is_claiming(settings):
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite lets one writer in at a time")
    estate = build_estate()
    households = [build_household(d, with_account=False) for d in estate.dwellings[:6]]
    for household in households:
        submitted_request(household)
    queued = list(Notification.objects.order_by("next_attempt_at", "id"))
    locked, release = threading.Event(), threading.Event()

    def other_worker_claiming_the_first_three() -> None:
        with transaction.atomic():
            ids = [n.pk for n in queued[:3]]
            list(Notification.objects.select_for_update().filter(pk__in=ids))
            locked.set()
            release.wait(30)
        connection.close()

    other = threading.Thread(target=other_worker_claiming_the_first_three)
    other.start()
    locked.wait(30)
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        with connection.cursor() as cursor:
            # Waiting on the other worker's rows would be an error, not a slow test.
            cursor.execute("SET lock_timeout = '2s'")
        try:
            sent = dispatch.send_due(limit=3)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
            release.set()
            other.join(30)

    assert sent == 3
    assert sorted(m["To"] for m in smtp.received) == sorted(n.address for n in queued[3:])
