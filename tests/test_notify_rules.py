"""Which channel carries each message: preferences first, then the rule's fallbacks."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.notify import outbox
from agir.notify.kinds import MessageKind
from agir.notify.models import Notification, NotificationRule
from agir.notify.rules import plan
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import build_household, submitted_request

WEDNESDAY_NOON = timezone.make_aware(timezone.datetime(2026, 3, 11, 12, 0))


@pytest.fixture(autouse=True)
def daytime():
    # Outside quiet hours, so that what is queued is due at once.
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        yield


def _tenant(household, **fields):
    tenant = household.holder
    for name, value in fields.items():
        setattr(tenant, name, value)
    tenant.save()
    return tenant


def test_preferences_come_first_then_the_rule_fallbacks(household):
    tenant = _tenant(household, preferred_channels=["voice"], landline_phone="03 20 11 22 33")
    channels = [c for c, _ in plan(MessageKind.REQUEST_SUBMITTED, tenant)]
    assert channels == ["voice", "email", "sms", "letter"]  # no fax number: no fax


def test_tenant_without_email_is_reached_by_sms(estate):
    household = build_household(estate.dwellings[2], email=False)
    request = submitted_request(household)
    assert Notification.objects.get(request=request).channel == "sms"


def test_tenant_without_email_nor_mobile_gets_a_voice_message_on_the_landline(household):
    _tenant(household, email="", mobile_phone="", landline_phone="03 20 11 22 33")
    request = submitted_request(household)
    notification = Notification.objects.get(request=request)
    assert (notification.channel, notification.address) == ("voice", "03 20 11 22 33")


def test_tenant_with_only_a_home_gets_a_letter_to_the_postal_address(household):
    _tenant(household, email="", mobile_phone="", preferred_channels=[])
    request = submitted_request(household)
    notification = Notification.objects.get(request=request)
    assert notification.channel == "letter"
    assert notification.address.splitlines()[0] == household.holder.full_name
    assert notification.address.splitlines()[-1] == "59000 LILLE"


def test_a_landline_is_not_used_for_sms(household):
    tenant = _tenant(household, email="", mobile_phone="03 20 11 22 33")
    channels = [c for c, _ in plan(MessageKind.REQUEST_SUBMITTED, tenant)]
    assert "sms" not in channels and channels[0] == "voice"


def test_a_preferred_channel_the_rule_does_not_allow_is_not_used(household):
    NotificationRule.objects.filter(kind=MessageKind.WORK_DONE).update(channels=["email"])
    tenant = _tenant(household, preferred_channels=["sms"])
    assert [c for c, _ in plan(MessageKind.WORK_DONE, tenant)] == ["email"]


def test_without_preferences_first_the_rule_order_holds(household):
    NotificationRule.objects.filter(kind=MessageKind.WORK_DONE).update(use_preferences=False)
    tenant = _tenant(household, preferred_channels=["sms"])
    assert [c for c, _ in plan(MessageKind.WORK_DONE, tenant)][:2] == ["email", "sms"]


def test_a_disabled_rule_sends_nothing(household):
    NotificationRule.objects.filter(kind=MessageKind.REQUEST_SUBMITTED).update(enabled=False)
    request = submitted_request(household)
    assert not Notification.objects.filter(request=request).exists()


def test_a_channel_without_gateway_is_skipped(household, settings):
    settings.NOTIFY_SMS_GATEWAY = ""
    tenant = _tenant(household, email="")
    assert "sms" not in [c for c, _ in plan(MessageKind.REQUEST_SUBMITTED, tenant)]


def _walk_through_every_event(request, officer):
    actor = Actor.of(officer)
    start = timezone.now() + timedelta(days=3)
    lifecycle.acknowledge(request, actor=actor)
    lifecycle.schedule(request, actor=actor, start=start, end=start + timedelta(hours=4))
    lifecycle.postpone(
        request,
        actor=actor,
        reason="Pièce manquante",
        new_start=start + timedelta(days=1),
        new_end=start + timedelta(days=1, hours=4),
    )
    lifecycle.comment(request, actor=actor, message="Le technicien appellera avant.")
    lifecycle.start(request, actor=actor)
    lifecycle.finish(request, actor=actor)
    lifecycle.close(request, actor=actor)


def test_every_kind_of_event_sends_its_message(household, officer):
    request = submitted_request(household)
    _walk_through_every_event(request, officer)
    other = submitted_request(household)
    lifecycle.reject(other, actor=Actor.of(officer), reason="Hors patrimoine")

    kinds = set(Notification.objects.values_list("template", flat=True))
    assert kinds == {
        "request_submitted",
        "request_acknowledged",
        "visit_scheduled",
        "visit_postponed",
        "landlord_message",
        "work_done",
        "request_closed",
        "request_rejected",
    }


def test_visit_reminder_is_queued_the_day_before_once(household, officer):
    request = submitted_request(household)
    lifecycle.acknowledge(request, actor=Actor.of(officer))
    start = timezone.now() + timedelta(days=3)
    lifecycle.schedule(
        request, actor=Actor.of(officer), start=start, end=start + timedelta(hours=3)
    )

    assert outbox.queue_reminders() == 0  # three days ahead: not yet
    with time_machine.travel(start - timedelta(hours=20), tick=False):
        assert outbox.queue_reminders() == 1
        outbox.queue_reminders()  # the periodic job runs again
    reminders = Notification.objects.filter(template="visit_reminder")
    assert reminders.count() == 1
    assert reminders.get().channel == "email"  # the tenant prefers email


def test_a_visit_set_within_the_reminder_window_gets_no_reminder(household, officer):
    request = submitted_request(household)
    lifecycle.acknowledge(request, actor=Actor.of(officer))
    start = timezone.now() + timedelta(hours=10)
    lifecycle.schedule(
        request, actor=Actor.of(officer), start=start, end=start + timedelta(hours=3)
    )
    assert outbox.queue_reminders() == 0


def test_an_event_queued_again_keeps_its_one_notification(household):
    request = submitted_request(household)
    event = request.events.get(kind="submitted")
    first = Notification.objects.get(event=event)

    again = outbox.queue_for_event(event)  # a retried transaction's handler, say

    assert [n.pk for n in again] == [first.pk]
    assert Notification.objects.filter(event=event).count() == 1


def test_a_new_message_is_inserted_without_a_read_of_its_key_first(household):
    request = submitted_request(household)
    event = request.events.get(kind="submitted")
    Notification.objects.filter(event=event).delete()

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        outbox.queue_for_event(event)

    reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "notify_notification"')]
    assert reads == []
    assert Notification.objects.filter(event=event).count() == 1
