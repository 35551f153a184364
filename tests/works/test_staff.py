"""The officer steers a work order: fixes or moves the visit, postpones it with a reason the
tenant hears (by voice when that is their channel), cancels it; only staff may."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from agir.notify import dispatch
from agir.notify.files import notify_path
from agir.notify.models import Notification, NotificationState
from agir.repairs.models import Status
from agir.works.models import OrderStatus

DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


def _day(days: int = 3) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _action(works, order, action: str, data: dict, user=None):
    return works.client(user or works.officer).post(
        reverse("works:order_action", args=[order.code, action]), data, follow=True
    )


def test_the_officer_sees_the_order_and_its_pdf(works):
    order = works.order()
    client = works.client(works.officer)
    page = client.get(reverse("works:order", args=[order.code]))
    assert page.status_code == 200 and order.number in page.text
    pdf = client.get(reverse("works:order_pdf", args=[order.code]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_request_page_lists_its_work_orders(works):
    order = works.order()
    page = works.client(works.officer).get(reverse("backoffice:request", args=[works.request.code]))
    assert order.number in page.text


def test_the_request_page_offers_to_order_the_work(works):
    page = works.client(works.officer).get(reverse("backoffice:request", args=[works.request.code]))
    assert reverse("works:order_new", args=[works.request.code]) in page.text


def test_a_postponement_by_the_officer_is_told_by_voice(works, settings):
    # Calls wait for the end of quiet hours: this happens at 10 in the morning.
    with time_machine.travel(DAYTIME, tick=True):
        _postpone_by_voice(works, settings)


def _postpone_by_voice(works, settings):
    settings.NOTIFY_VOICE_GATEWAY = "local"
    holder = works.p.alice.holder
    holder.email = ""
    holder.mobile_phone = "06 11 22 33 44"
    holder.preferred_channels = ["voice"]
    holder.save()
    order = works.order()
    _action(works, order, "appointment", {"appointment-day": _day(), "appointment-slot": "morning"})
    _action(
        works,
        order,
        "postpone",
        {
            "postpone-reason": "L'entreprise attend une pièce.",
            "postpone-day": _day(6),
            "postpone-slot": "afternoon",
        },
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.POSTPONED
    dispatch.send_due()
    told = Notification.objects.get(request=works.request, template="visit_postponed")
    assert told.channel == "voice" and told.state == NotificationState.SENT
    assert notify_path(told.artifact).read_bytes()[:4] == b"RIFF"


def test_cancelling_needs_a_reason(works):
    order = works.order()
    response = _action(works, order, "cancel", {"cancel-reason": ""})
    assert "Vérifiez les champs" in response.text
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    _action(works, order, "cancel", {"cancel-reason": "Confié au gardien."})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_a_contractor_cannot_use_the_officers_actions(works):
    order = works.order()
    response = _action(
        works, order, "cancel", {"cancel-reason": "Pas pour moi."}, user=works.contractor_user
    )
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


def test_the_list_puts_overdue_visits_first(works):
    order = works.order()
    order.overdue_visit_at = timezone.now()
    order.save(update_fields=["overdue_visit_at"])
    page = works.client(works.officer).get(reverse("works:orders"))
    assert "Rendez-vous passé sans compte rendu" in page.text
