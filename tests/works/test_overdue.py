"""A visit whose time has passed is never «prévue»: the tenant reads that it is over, and the
officer sees the work order flagged."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from agir.portal.status import planned_visit, status_in_words
from agir.repairs.lifecycle import Actor
from agir.works import orders, overdue


def _scheduled(works):
    order = works.order()
    start = timezone.localtime(timezone.now() + timedelta(days=1)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    orders.set_appointment(
        order, actor=Actor.of(works.officer), start=start, end=start + timedelta(hours=4)
    )
    works.request.refresh_from_db()
    return order, start


def test_a_past_visit_is_flagged_once(works):
    order, start = _scheduled(works)
    with time_machine.travel(start + timedelta(hours=7)):
        assert overdue.flag_past_visits() == 1
        assert overdue.flag_past_visits() == 0
    order.refresh_from_db()
    assert order.overdue_visit_at is not None
    note = works.request.events.filter(public=False).order_by("-id").first()
    assert "passé sans compte rendu" in note.message


def test_a_visit_not_over_is_not_flagged(works):
    _order, start = _scheduled(works)
    with time_machine.travel(start + timedelta(hours=5)):
        assert overdue.flag_past_visits() == 0


def test_the_tenant_no_longer_reads_planned_once_it_is_past(works):
    _order, start = _scheduled(works)
    assert "prévue" in status_in_words(works.request)
    with time_machine.travel(start + timedelta(hours=5)):
        assert "prévue" not in status_in_words(works.request)
        assert planned_visit(works.request) == ""
        client = works.client(works.p.alice_user)
        page = client.get(reverse("portal:request", args=[works.request.code]))
        assert "Le rendez-vous est passé" in page.text


def test_a_report_clears_the_flag(works):
    order, start = _scheduled(works)
    with time_machine.travel(start + timedelta(hours=7)):
        overdue.flag_past_visits()
        orders.report(order, actor=Actor.of(works.officer), done=True)
    order.refresh_from_db()
    assert order.overdue_visit_at is None
