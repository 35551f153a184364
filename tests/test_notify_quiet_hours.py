"""SMS and calls wait outside 08:00–20:00, on Sundays and on French public holidays."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch, quiet
from agir.notify.models import Notification, NotificationState
from tests.builders import build_household, submitted_request


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.fixture(autouse=True)
def quiet_hours_on(settings):
    settings.NOTIFY_QUIET_HOURS = True


@pytest.fixture
def sms_tenant(estate):
    return build_household(estate.dwellings[2], email=False)  # reached by SMS


def test_sms_queued_in_the_evening_waits_until_eight(sms_tenant):
    with time_machine.travel(local(2026, 3, 10, 21, 30), tick=False):  # a Tuesday
        request = submitted_request(sms_tenant)
    notification = Notification.objects.get(request=request)
    assert notification.channel == "sms"
    assert notification.next_attempt_at == local(2026, 3, 11, 8, 0)


def test_held_sms_is_not_sent_at_seven_fifty_nine_and_is_at_eight(sms_tenant):
    with time_machine.travel(local(2026, 3, 10, 21, 30), tick=False):
        request = submitted_request(sms_tenant)
    with time_machine.travel(local(2026, 3, 11, 7, 59), tick=False):
        assert dispatch.send_due() == 0
    notification = Notification.objects.get(request=request)
    assert notification.state == NotificationState.QUEUED
    assert notification.attempts == 0
    with time_machine.travel(local(2026, 3, 11, 8, 0), tick=False):
        assert dispatch.send_due() == 1
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert notification.sent_at == local(2026, 3, 11, 8, 0)


def test_saturday_evening_waits_for_monday(sms_tenant):
    with time_machine.travel(local(2026, 3, 14, 20, 0), tick=False):  # Saturday 20:00
        request = submitted_request(sms_tenant)
    assert Notification.objects.get(request=request).next_attempt_at == local(2026, 3, 16, 8)


def test_a_public_holiday_is_quiet_all_day(sms_tenant):
    with time_machine.travel(local(2026, 7, 14, 11, 0), tick=False):  # Bastille Day, a Tuesday
        request = submitted_request(sms_tenant)
    assert Notification.objects.get(request=request).next_attempt_at == local(2026, 7, 15, 8)


def test_easter_monday_is_a_holiday_the_next_morning_is_not():
    assert quiet.is_public_holiday(local(2026, 4, 6, 10).date())
    assert not quiet.is_allowed("voice", local(2026, 4, 6, 10))
    assert quiet.is_allowed("voice", local(2026, 4, 7, 10))


def test_email_is_not_held_at_night(household):
    with time_machine.travel(local(2026, 3, 10, 23, 0), tick=False):
        request = submitted_request(household)
        notification = Notification.objects.get(request=request)
        assert notification.channel == "email"
        assert notification.next_attempt_at == timezone.now()


def test_a_retry_that_would_fall_at_night_waits_for_the_morning(sms_tenant, settings):
    settings.NOTIFY_SMS_GATEWAY = "generic"
    settings.NOTIFY_SMS_URL = "http://127.0.0.1:9/"  # nothing listens: a temporary failure
    with time_machine.travel(local(2026, 3, 10, 19, 59), tick=False):
        request = submitted_request(sms_tenant)
        dispatch.send_due()
    notification = Notification.objects.get(request=request)
    assert notification.state == NotificationState.QUEUED
    assert notification.next_attempt_at == local(2026, 3, 11, 8, 0)


def test_a_voice_message_queued_at_night_is_held_then_sent(estate):
    household = build_household(estate.dwellings[3], email=False)
    holder = household.holder
    holder.mobile_phone, holder.landline_phone = "", "03 20 11 22 33"
    holder.save()
    with time_machine.travel(local(2026, 3, 10, 6, 0), tick=False):
        request = submitted_request(household)
    notification = Notification.objects.get(request=request)
    assert notification.channel == "voice"
    assert notification.next_attempt_at == local(2026, 3, 10, 8, 0)
    assert notification.next_attempt_at - local(2026, 3, 10, 6, 0) == timedelta(hours=2)
