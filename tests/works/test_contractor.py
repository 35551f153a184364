"""The contractor, signed in: its company's work orders and nothing else; each answer moves
the request through the lifecycle and tells the tenant."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agir.estate.models import Contractor
from agir.notify.models import Notification
from agir.repairs.models import RequestPhoto, Status
from agir.works.models import Assignee, OrderStatus
from tests.builders import build_staff, submitted_request
from tests.tracking import images


def _day(days: int = 3) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_list_shows_the_companys_work_orders(works):
    order = works.order()
    response = works.client(works.contractor_user).get(reverse("works:contractor_orders"))
    assert response.status_code == 200
    assert order.number in response.text


def test_another_companys_work_order_is_not_found(works):
    order = works.order()
    other = build_staff("contractor")
    Contractor.objects.create(name="Sanitaires Express").users.add(other)
    client = works.client(other)
    assert client.get(reverse("works:contractor_order", args=[order.code])).status_code == 404
    assert order.number not in client.get(reverse("works:contractor_orders")).text
    response = client.post(reverse("works:contractor_action", args=[order.code, "accept"]))
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


def test_accepting_is_noted_for_the_officer(works):
    order = works.order()
    works.client(works.contractor_user).post(
        reverse("works:contractor_action", args=[order.code, "accept"])
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    assert works.request.events.filter(public=False, message__contains="accepté").exists()


def test_refusing_needs_a_reason_and_closes_the_order(works):
    order = works.order()
    client = works.client(works.contractor_user)
    url = reverse("works:contractor_action", args=[order.code, "refuse"])
    client.post(url, {"refuse-reason": ""})
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    client.post(url, {"refuse-reason": "Pas de technicien disponible avant trois semaines."})
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUSED and "trois semaines" in order.refusal_reason


def test_proposing_an_appointment_schedules_the_visit_and_tells_the_tenant(works):
    order = works.order()
    works.client(works.contractor_user).post(
        reverse("works:contractor_action", args=[order.code, "appointment"]),
        {"appointment-day": _day(), "appointment-slot": "afternoon"},
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.SCHEDULED
    assert timezone.localtime(works.request.planned_start).hour == 14
    assert Notification.objects.filter(request=works.request, template="visit_scheduled").exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED


def test_moving_a_fixed_appointment_needs_a_reason(works):
    order = works.order()
    client = works.client(works.contractor_user)
    url = reverse("works:contractor_action", args=[order.code, "appointment"])
    client.post(url, {"appointment-day": _day(), "appointment-slot": "morning"})
    response = client.post(
        url, {"appointment-day": _day(4), "appointment-slot": "morning"}, follow=True
    )
    assert "indiquez pourquoi il change" in response.text
    client.post(
        url,
        {
            "appointment-day": _day(4),
            "appointment-slot": "morning",
            "appointment-reason": "Pièce en retard.",
        },
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.POSTPONED
    assert works.request.planned_start.date() == timezone.localdate() + timedelta(days=4)


def test_an_appointment_in_the_past_is_refused(works):
    order = works.order()
    response = works.client(works.contractor_user).post(
        reverse("works:contractor_action", args=[order.code, "appointment"]),
        {"appointment-day": _day(-2), "appointment-slot": "morning"},
        follow=True,
    )
    assert "Choisissez une date à venir." in response.text
    works.request.refresh_from_db()
    assert works.request.status == Status.ACKNOWLEDGED


def test_postponing_tells_the_tenant_why(works):
    order = works.order()
    client = works.client(works.contractor_user)
    client.post(
        reverse("works:contractor_action", args=[order.code, "appointment"]),
        {"appointment-day": _day(), "appointment-slot": "morning"},
    )
    client.post(
        reverse("works:contractor_action", args=[order.code, "postpone"]),
        {"postpone-reason": "Le technicien est malade."},
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.POSTPONED and works.request.planned_start is None
    told = Notification.objects.get(request=works.request, template="visit_postponed")
    assert told.context["message"] == "Le technicien est malade."


def test_reporting_done_with_a_photo_finishes_the_request(works):
    order = works.order()
    response = works.client(works.contractor_user).post(
        reverse("works:contractor_action", args=[order.code, "report"]),
        {
            "report-done": "yes",
            "report-notes": "Joint du siphon changé.",
            "report-visited_on": timezone.localdate().isoformat(),
            "report-photos": images.upload(images.jpeg(), "apres.jpg"),
        },
    )
    assert response.status_code == 302
    works.request.refresh_from_db()
    assert works.request.status == Status.DONE
    order.refresh_from_db()
    assert order.status == OrderStatus.DONE
    assert RequestPhoto.objects.filter(request=works.request).count() == 1
    assert Notification.objects.filter(request=works.request, template="work_done").exists()
    [visit] = order.reports.all()
    assert visit.done and visit.photo_count == 1


def test_reporting_not_done_needs_a_reason_and_puts_the_visit_off(works):
    order = works.order()
    client = works.client(works.contractor_user)
    client.post(
        reverse("works:contractor_action", args=[order.code, "appointment"]),
        {"appointment-day": _day(), "appointment-slot": "morning"},
    )
    url = reverse("works:contractor_action", args=[order.code, "report"])
    today = timezone.localdate().isoformat()
    client.post(url, {"report-done": "no", "report-visited_on": today})
    assert not order.reports.exists()
    client.post(
        url,
        {"report-done": "no", "report-reason": "Personne n'a ouvert.", "report-visited_on": today},
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.POSTPONED
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED


def test_a_caretakers_work_order_is_not_the_contractors(works):
    order = works.order(assignee=Assignee.CARETAKER, contractor=None, caretaker=works.p.caretaker)
    client = works.client(works.contractor_user)
    assert client.get(reverse("works:contractor_order", args=[order.code])).status_code == 404


def _orders(works, count: int) -> None:
    for _ in range(count):
        request = submitted_request(works.p.alice)
        works.p.alice_request = request
        from agir.repairs import lifecycle
        from agir.repairs.lifecycle import Actor

        lifecycle.acknowledge(request, actor=Actor.of(works.officer), notify=False)
        works.order(request, send=False)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_makes_as_many_queries_for_10_and_1000_orders(works):
    from agir.works.models import WorkOrder

    client = works.client(works.contractor_user)
    url = reverse("works:contractor_orders")
    _orders(works, 10)
    few = _queries(client, url)
    template = WorkOrder.objects.first()
    _clone(template, 990)
    assert WorkOrder.objects.count() == 1000
    assert _queries(client, url) == few


def test_the_order_page_makes_as_many_queries_for_10_and_1000_orders(works):
    from agir.works.models import WorkOrder

    client = works.client(works.contractor_user)
    _orders(works, 10)
    order = WorkOrder.objects.first()
    url = reverse("works:contractor_order", args=[order.code])
    few = _queries(client, url)
    _clone(order, 990)
    assert _queries(client, url) == few


def _clone(order, count: int) -> None:
    """Many more work orders of the same company, made fast (their requests are shared)."""
    import uuid

    from agir.works.models import WorkOrder

    fields = {
        f.attname: getattr(order, f.attname)
        for f in WorkOrder._meta.concrete_fields
        if f.attname not in {"id", "code", "number"}
    }
    WorkOrder.objects.bulk_create(
        WorkOrder(**fields, code=uuid.uuid4(), number=f"BT-1999-{i:05d}") for i in range(count)
    )
