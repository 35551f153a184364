"""An officer orders the work from a request: the contract holder is proposed, the order gets a
number of its year and carries only what the job needs."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from agir.repairs.models import RequestEvent
from agir.works import orders
from agir.works.commitments import add_working_days, target_date
from agir.works.models import Assignee, OrderStatus, WorkOrder
from tests.builders import common_area_request


def test_the_contract_holder_is_proposed(works):
    offered = orders.proposal(works.request)
    assert offered.contractor == works.company
    assert offered.contract == works.contract


def test_the_order_page_proposes_the_contract_holder(works):
    response = works.client(works.officer).get(
        reverse("works:order_new", args=[works.request.code])
    )
    assert response.status_code == 200
    assert "Entreprise proposée : Plomberie Lys Services" in response.text
    assert response.context["form"].initial["contractor"] == works.company


def test_an_officer_orders_the_work_from_the_proposed_contractor(works):
    response = works.client(works.officer).post(
        reverse("works:order_new", args=[works.request.code]),
        {
            "assignee": "contractor",
            "contractor": works.company.pk,
            "job": "Changer le joint du siphon.",
            "target_date": "2030-01-15",
            "cost_limit": "250",
        },
    )
    assert response.status_code == 302
    order = WorkOrder.objects.get(request=works.request)
    assert order.contractor == works.company and order.contract == works.contract
    assert order.status == OrderStatus.ORDERED
    assert order.target_date == date(2030, 1, 15) and order.cost_limit == 250
    assert order.number == f"BT-{timezone.localdate().year}-00001"
    note = RequestEvent.objects.filter(request=works.request).order_by("-id").first()
    assert not note.public and order.number in note.message


def test_numbers_follow_each_other_in_the_year(works):
    first = works.order()
    orders.cancel(first, actor=orders.Actor.of(works.officer), reason="Erreur d'entreprise.")
    second = works.order()
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"BT-{year}-00001", f"BT-{year}-00002")


def test_the_order_carries_the_tenants_phone_and_times_for_a_home(works):
    holder = works.p.alice.holder
    holder.mobile_phone = "06 11 22 33 44"
    holder.save(update_fields=["mobile_phone"])
    order = works.order()
    assert order.tenant_phone == "06 11 22 33 44"
    assert order.tenant_name == holder.full_name
    assert order.availability == ["lundi matin"]


def test_a_common_area_order_carries_no_tenant_phone(works):
    request = common_area_request(works.p.alice, works.p.estate.common_areas["lift"])
    orders.lifecycle.acknowledge(request, actor=orders.Actor.of(works.officer))
    order = works.order(request)
    assert order.tenant_phone == "" and order.tenant_name == "" and order.availability == []


def test_a_request_not_taken_in_hand_cannot_be_ordered(works):
    response = works.client(works.officer).post(
        reverse("works:order_new", args=[works.p.bob_request.code]),
        {"assignee": "technician", "job": "Voir.", "target_date": "2030-01-15"},
    )
    assert response.status_code == 200
    assert "prenez-la en compte avant de commander" in response.text
    assert not WorkOrder.objects.exists()


def test_a_second_order_waits_for_the_first_to_be_cancelled(works):
    works.order()
    try:
        works.order()
    except orders.WorkError as error:
        assert "déjà en cours" in error.user_message
    else:
        raise AssertionError("a second active order was accepted")


def test_a_caretaker_cannot_order_a_contractor(works):
    response = works.client(works.p.caretaker.user).post(
        reverse("works:order_new", args=[works.request.code]),
        {
            "assignee": "contractor",
            "contractor": works.company.pk,
            "job": "x",
            "target_date": "2030-01-15",
        },
    )
    assert response.status_code == 404
    assert not WorkOrder.objects.exists()


def test_the_work_can_go_to_the_caretaker(works):
    order = works.order(assignee=Assignee.CARETAKER, contractor=None, caretaker=works.p.caretaker)
    assert order.assignee_label == str(works.p.caretaker)


def test_the_target_date_follows_the_urgency_until_the_request_has_its_own():
    class Request:
        urgency = "normal"
        acknowledged_at = timezone.make_aware(timezone.datetime(2026, 3, 13, 10))  # a Friday
        submitted_at = None

    assert target_date(Request()) == date(2026, 3, 20)
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)
