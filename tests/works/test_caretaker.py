"""A work order given to the caretaker shows on their phone, and «fait» / «pas fait» go
through the offline queue's sync, applied once."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import timezone

from agir.repairs.models import Status
from agir.rounds.access import Scope
from agir.rounds.sync import Item, apply_batch
from agir.works.models import Assignee, OrderStatus


def _order(works):
    return works.order(assignee=Assignee.CARETAKER, contractor=None, caretaker=works.p.caretaker)


def test_the_caretaker_sees_their_work_orders(works):
    order = _order(works)
    page = works.client(works.p.caretaker.user).get(reverse("works:caretaker_orders"))
    assert page.status_code == 200 and order.number in page.text
    assert 'data-queue="work_order_done"' in page.text


def test_done_from_the_queue_finishes_the_request_once(works):
    order = _order(works)
    scope = Scope.of(works.p.caretaker.user)
    item = Item(
        id=uuid.uuid4(),
        kind="work_order_done",
        data={"request": str(order.code), "message": "Robinet resserré."},
        made_at=timezone.now(),
    )
    [first] = apply_batch(scope, [item])
    [again] = apply_batch(scope, [item])
    assert first["status"] == "created" and again["status"] == "already_had"
    works.request.refresh_from_db()
    assert works.request.status == Status.DONE
    assert order.reports.count() == 1


def test_not_done_needs_a_reason(works):
    order = _order(works)
    scope = Scope.of(works.p.caretaker.user)
    item = Item(id=uuid.uuid4(), kind="work_order_not_done", data={"request": str(order.code)})
    [answer] = apply_batch(scope, [item])
    assert answer["status"] == "refused"
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED


def test_another_caretakers_order_is_refused(works):
    from tests.builders import build_caretaker

    order = _order(works)
    other = build_caretaker(works.p.estate.sector)
    item = Item(id=uuid.uuid4(), kind="work_order_done", data={"request": str(order.code)})
    [answer] = apply_batch(Scope.of(other.user), [item])
    assert answer["status"] == "refused"


def test_without_javascript_the_form_posts_through_the_same_sync(works):
    order = _order(works)
    client = works.client(works.p.caretaker.user)
    response = client.post(
        reverse("works:caretaker_action", args=[order.code, "pas-fait"]),
        {"item": str(uuid.uuid4()), "message": "Pas de pièce."},
    )
    assert response.status_code == 302
    assert order.reports.get().reason == "Pas de pièce."


def test_the_phones_queue_sends_a_work_order_report_over_the_sync_api(works):
    order = _order(works)
    client = works.client(works.p.caretaker.user)
    item = {
        "id": str(uuid.uuid4()),
        "kind": "work_order_not_done",
        "made_at": timezone.now().isoformat(),
        "data": {"request": str(order.code), "message": "Le locataire était absent."},
    }
    response = client.post("/api/rounds/sync", {"items": [item]}, content_type="application/json")
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["status"] == "created"
    assert order.reports.get().reason == "Le locataire était absent."
