"""A permanent failure moves the message to the next channel: no email → SMS → voice →
letter."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch, outbox, reports
from agir.notify.models import Notification, NotificationState
from tests.builders import build_household, submitted_request
from tests.http_peers import HttpPeer

DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


@pytest.fixture(autouse=True)
def daytime():
    with time_machine.travel(DAYTIME, tick=True):
        yield


def test_no_email_failing_sms_then_voice_then_a_letter_when_the_call_fails(
    estate, settings, tmp_path
):
    household = build_household(estate.dwellings[2], email=False)
    settings.NOTIFY_VOICE_GATEWAY = "asterisk"
    spool = settings.NOTIFY_ASTERISK_SPOOL = tmp_path / "spool"
    with HttpPeer() as gateway:
        settings.NOTIFY_SMS_GATEWAY = "generic"
        settings.NOTIFY_SMS_URL = f"{gateway.url}/sms"
        gateway.state.answer_status = 422  # the gateway refuses the number: permanent
        request = submitted_request(household)
        dispatch.send_due()
        dispatch.send_due()

    sms = Notification.objects.get(request=request, channel="sms")
    voice = Notification.objects.get(request=request, channel="voice")
    assert sms.state == NotificationState.FAILED and "HTTP 422" in sms.last_error
    assert voice.fallback_of == sms and voice.state == NotificationState.SENT

    # Asterisk could not reach the phone; its archived call file says so.
    [call] = list((spool / "outgoing").glob("*.call"))
    (spool / "outgoing_done").mkdir()
    (spool / "outgoing_done" / call.name).write_text(call.read_text() + "Status: Failed\n")
    call.unlink()
    reports.collect_asterisk_results()
    dispatch.send_due()

    voice.refresh_from_db()
    assert voice.state == NotificationState.FAILED and "call failed" in voice.last_error
    letter = Notification.objects.get(request=request, channel="letter")
    assert letter.fallback_of == voice and letter.state == NotificationState.SENT
    assert list(Notification.objects.filter(request=request).values_list("channel", flat=True)) == [
        "letter",
        "voice",
        "sms",
    ]


def test_when_every_channel_failed_nothing_more_is_queued(household, settings):
    holder = household.holder
    holder.mobile_phone = ""
    holder.save()
    submitted_request(household)
    email = Notification.objects.get()
    email.state = NotificationState.FAILED
    email.save()
    letter = outbox.fall_back(email)
    assert letter.channel == "letter"
    assert outbox.fall_back(letter) is None


def test_falling_back_twice_from_the_same_failure_queues_one_message(household):
    submitted_request(household)
    email = Notification.objects.get()
    first = outbox.fall_back(email)
    second = outbox.fall_back(email)
    assert first.pk == second.pk
    assert Notification.objects.count() == 2
