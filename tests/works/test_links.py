"""The signed link of a work order: it opens that order only, until it expires or the order
is cancelled, reassigned, refused or done; a forged link opens nothing."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from agir.repairs.lifecycle import Actor
from agir.repairs.models import Status
from agir.works import orders
from agir.works.links import make_token
from agir.works.models import OrderStatus


def _open(works, token: str):
    return works.client(None).get(reverse("works:link", args=[token]))


def test_the_link_opens_its_work_order_without_an_account(works):
    order = works.order()
    response = _open(works, make_token(order))
    assert response.status_code == 200
    assert order.number in response.text and "Accepter ce bon" in response.text


def test_an_expired_link_opens_nothing(works, settings):
    settings.WORKS_LINK_DAYS = 30
    order = works.order()
    token = make_token(order)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        response = _open(works, token)
    assert response.status_code == 403
    assert "Ce lien a expiré" in response.text
    assert order.number not in response.text


def test_a_link_of_a_cancelled_order_opens_nothing(works):
    order = works.order()
    token = make_token(order)
    orders.cancel(order, actor=Actor.of(works.officer), reason="Confié à une autre entreprise.")
    response = _open(works, token)
    assert response.status_code == 403
    assert "plus valable" in response.text


def test_a_link_used_for_the_report_cannot_be_used_again(works):
    order = works.order()
    token = make_token(order)
    client = works.client(None)
    response = client.post(
        reverse("works:link_action", args=[token, "report"]),
        {"report-done": "yes", "report-visited_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200 and "Ce lien ne servira plus" in response.text
    again = client.post(
        reverse("works:link_action", args=[token, "report"]),
        {"report-done": "yes", "report-visited_on": timezone.localdate().isoformat()},
    )
    assert again.status_code == 403
    assert order.reports.count() == 1


def test_a_resent_order_revokes_the_first_link(works):
    order = works.order()
    token = make_token(order)
    works.client(works.officer).post(reverse("works:order_action", args=[order.code, "resend"]))
    assert _open(works, token).status_code == 403
    order.refresh_from_db()
    assert _open(works, make_token(order)).status_code == 200


def test_a_forged_link_is_not_found(works):
    order = works.order()
    token = make_token(order)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = _open(works, forged)
    assert response.status_code == 404
    assert "existe pas." in response.text


def test_through_the_link_a_contractor_fixes_the_visit(works):
    order = works.order()
    day = (timezone.localdate() + timedelta(days=2)).isoformat()
    works.client(None).post(
        reverse("works:link_action", args=[make_token(order), "appointment"]),
        {"appointment-day": day, "appointment-slot": "morning"},
    )
    works.request.refresh_from_db()
    assert works.request.status == Status.SCHEDULED
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    event = works.request.events.get(kind="scheduled")
    assert event.actor is None and event.actor_label == works.company.name


def test_a_refused_order_closes_its_link(works):
    order = works.order()
    token = make_token(order)
    works.client(None).post(
        reverse("works:link_action", args=[token, "refuse"]), {"refuse-reason": "Hors secteur."}
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUSED
    assert _open(works, token).status_code == 403
