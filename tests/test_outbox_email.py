"""The outbox and the email channel, against a real SMTP server on 127.0.0.1."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from agir.notify import dispatch
from agir.notify.models import DeliveryAttempt, Notification, NotificationState
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import new_request, submitted_request
from tests.smtp import SmtpServer, use_smtp_port
from tests.staff_sign_in import sign_in


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def test_submitting_queues_an_email_for_the_tenant(household):
    request = submitted_request(household)
    notification = Notification.objects.get(request=request)
    assert notification.channel == "email"
    assert notification.address == household.holder.email
    assert notification.template == "request_submitted"
    assert notification.event.kind == "submitted"
    assert notification.state == NotificationState.QUEUED


def test_rolled_back_transaction_leaves_no_notification(household):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        lifecycle.submit_new(new_request(household), actor=Actor.system("test"))
        assert Notification.objects.count() == 1
        raise Abort

    assert Notification.objects.count() == 0


def test_internal_comment_notifies_nobody(household, officer):
    request = submitted_request(household)
    lifecycle.comment(request, actor=Actor.of(officer), message="Note interne", public=False)
    assert Notification.objects.filter(request=request).count() == 1  # the submission's only


def test_tenant_without_a_reachable_channel_gets_no_email(estate):
    from tests.builders import build_household

    household = build_household(estate.dwellings[2], email=False)
    request = submitted_request(household)
    assert not Notification.objects.filter(request=request, channel="email").exists()


def test_email_reaches_a_real_smtp_server(household, smtp):
    request = submitted_request(household)

    assert dispatch.send_due() == 1

    [message] = smtp.received
    assert message["To"] == household.holder.email
    assert request.reference in message["Subject"]
    assert "Demande enregistrée" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert request.reference in text and request.reference in html
    notification = Notification.objects.get(request=request)
    assert notification.state == NotificationState.SENT
    assert notification.delivery_attempts.get().succeeded


def test_refused_email_is_retried_with_back_off_and_each_attempt_recorded(household, smtp):
    smtp.handler.refusals = ["451 4.3.0 Mailbox busy, try later"] * 2
    request = submitted_request(household)
    notification = Notification.objects.get(request=request)

    assert dispatch.send_due() == 0
    notification.refresh_from_db()
    first_retry = notification.next_attempt_at
    assert notification.state == NotificationState.QUEUED
    assert "451" in notification.last_error
    assert first_retry - timezone.now() > timedelta(seconds=30)
    first_delay = first_retry - notification.delivery_attempts.get().finished_at
    assert dispatch.send_due() == 0  # not due yet: nothing is tried
    assert notification.delivery_attempts.count() == 1

    with time_machine.travel(first_retry + timedelta(seconds=1)):
        assert dispatch.send_due() == 0
    notification.refresh_from_db()
    second_delay = notification.next_attempt_at - notification.delivery_attempts.last().finished_at
    assert second_delay > first_delay  # backs off more

    with time_machine.travel(notification.next_attempt_at + timedelta(seconds=1)):
        assert dispatch.send_due() == 1
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    attempts = list(notification.delivery_attempts.values_list("number", "succeeded"))
    assert attempts == [(1, False), (2, False), (3, True)]
    assert len(smtp.received) == 1


def test_permanent_refusal_is_marked_failed_and_shown_on_the_request(
    household, smtp, client, officer
):
    smtp.handler.refuse_always = "550 5.1.1 No such user here"
    request = submitted_request(household)

    dispatch.send_due()

    notification = Notification.objects.get(request=request, channel="email")
    assert notification.state == NotificationState.FAILED
    assert notification.attempts == 1
    assert DeliveryAttempt.objects.get(notification=notification).permanent
    sign_in(client, officer)
    page = client.get(f"/bureau/demandes/{request.code}/").content.decode()
    assert "Échec définitif" in page
    assert "550" in page


def test_unreachable_server_is_a_temporary_failure(household, settings):
    from tests.smtp import free_port

    use_smtp_port(settings, free_port())  # nothing listens there
    request = submitted_request(household)
    dispatch.send_due()
    notification = Notification.objects.get(request=request)
    assert notification.state == NotificationState.QUEUED
    assert notification.attempts == 1


def test_gives_up_after_the_maximum_number_of_attempts(household, smtp, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 3
    smtp.handler.refuse_always = "421 4.7.0 Too busy"
    submitted_request(household)
    moment = timezone.now()
    for _ in range(3):
        with time_machine.travel(moment):
            dispatch.send_due()
        moment += timedelta(days=1)
    notification = Notification.objects.get(channel="email")
    assert notification.state == NotificationState.FAILED
    assert notification.delivery_attempts.count() == 3


def test_a_claim_is_taken_by_one_worker_only(household):
    submitted_request(household)
    notification = Notification.objects.get()
    assert dispatch.claim(notification.pk) is not None
    assert dispatch.claim(notification.pk) is None


def test_an_expired_claim_is_taken_again(household, smtp):
    submitted_request(household)
    notification = Notification.objects.get()
    dispatch.claim(notification.pk)  # a worker claims it, then dies without recording
    assert dispatch.send_due() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert dispatch.send_due() == 1
    assert len(smtp.received) == 1


def test_markup_and_line_breaks_cannot_change_the_email_headers(household, smtp):
    household.holder.first_name = "Nadia\r\nBcc: victim@example.org"
    household.holder.save()
    submitted_request(household, description="<script>alert(1)</script>")
    dispatch.send_due()
    [message] = smtp.received
    assert message["Bcc"] is None and message["X-Injected"] is None
