"""`lifecycle.batch`: many changes written together (the ERP's import) must leave exactly what
the same changes made one at a time leave: the requests, their events, the tenants' and the
followers' notifications, the quality facts' marks; and cost queries that do not grow with
their number."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from agir.catalogue.models import Responsibility, Urgency
from agir.estate.models import ContractKind
from agir.notify.models import Notification
from agir.quality.models import StaleFact
from agir.repairs import followers, lifecycle
from agir.repairs.lifecycle import Actor, TransitionNotAllowed
from agir.repairs.models import RepairRequest, RequestEvent, Status
from tests.builders import (
    build_contract,
    build_household,
    common_area_request,
    submitted_request,
)
from tests.personas import visit_slot

pytestmark = pytest.mark.django_db

ERP = Actor.system("ERP")
REQUEST_FIELDS = [
    "status",
    "responsibility",
    "urgency",
    "acknowledged_at",
    "done_at",
    "closed_at",
    "planned_start",
    "planned_end",
    "take_in_hand_due",
    "intervention_due",
    "next_due",
]

EVENT_FIELDS = [
    "request_id",
    "kind",
    "from_status",
    "to_status",
    "actor_label",
    "at",
    "public",
    "message",
    "data",
]


@pytest.fixture
def requests(estate, household, neighbour):
    """A leak a plumbing contract covers, a neighbour's request, and a lift request the
    neighbour follows."""
    build_contract(ContractKind.PLUMBING, buildings=(estate.building,))
    lift = common_area_request(household, estate.common_areas["lift"])
    followers.join(lift, neighbour.holder, actor=Actor.of(neighbour.holder.user))
    return [submitted_request(household), submitted_request(neighbour), lift]


AT = timezone.now() - timedelta(hours=3)
START, END = visit_slot()


def script(requests: list[RepairRequest], at=AT, start=START, end=END) -> None:
    """Take each request in hand, set the visits, put one off, refuse one."""
    leak, other, lift = requests
    lifecycle.acknowledge(
        leak, actor=ERP, responsibility=Responsibility.CONTRACT, urgency=Urgency.URGENT, at=at
    )
    lifecycle.schedule(leak, actor=ERP, start=start, end=end, at=at + timedelta(minutes=1))
    lifecycle.reject(other, actor=ERP, reason="Déjà signalé par le gardien.", at=at)
    lifecycle.acknowledge(lift, actor=ERP, message="Le technicien passe demain.", at=at)
    lifecycle.schedule(lift, actor=ERP, start=start, end=end, at=at + timedelta(minutes=2))
    lifecycle.postpone(
        lift, actor=ERP, reason="La pièce n'est pas arrivée.", at=at + timedelta(minutes=3)
    )


def outcome(requests: list[RepairRequest], events_before: int) -> dict:
    """What the changes left, without the keys and times the database or the clock chose."""
    ids = [r.pk for r in requests]
    events = list(RequestEvent.objects.filter(request__in=ids).order_by("pk")[events_before:])
    position = {event.pk: n for n, event in enumerate(events)}
    rows = RepairRequest.objects.filter(pk__in=ids).order_by("pk")
    notifications = Notification.objects.filter(event__in=position).order_by("event", "tenant")
    return {
        "requests": [{name: getattr(r, name) for name in REQUEST_FIELDS} for r in rows],
        "events": [
            (
                e.request_id,
                e.kind,
                e.from_status,
                e.to_status,
                e.actor_label,
                e.at,
                e.public,
                e.message,
                e.data,
            )
            for e in events
        ],
        "notifications": [
            (
                position[n.event_id],
                n.tenant_id,
                n.recipient_name,
                n.channel,
                n.address,
                n.template,
                n.context,
                n.idempotency_key.replace(f"event-{n.event_id}:", f"event#{position[n.event_id]}:"),
                n.state,
            )
            for n in notifications
        ],
        "stale": sorted(StaleFact.objects.filter(request__in=ids).values_list("pk", flat=True)),
    }


def run(requests: list[RepairRequest], *, in_batch: bool) -> dict:
    before = RequestEvent.objects.filter(request__in=requests).count()
    StaleFact.objects.all().delete()
    with transaction.atomic():
        if in_batch:
            with lifecycle.batch([r.pk for r in requests]) as changes:
                script([changes.current[r.pk] for r in requests])
        else:
            script([RepairRequest.objects.get(pk=r.pk) for r in requests])
        seen = outcome(requests, before)
        transaction.set_rollback(True)
    return seen


def test_a_batch_leaves_what_the_same_changes_one_at_a_time_leave(requests):
    one_at_a_time = run(requests, in_batch=False)

    in_batch = run(requests, in_batch=True)

    assert len(one_at_a_time["events"]) == 6
    assert len(one_at_a_time["notifications"]) >= 6  # the follower hears of the lift too
    assert in_batch == one_at_a_time


def test_events_made_in_a_batch_have_their_keys_once_it_is_written(requests):
    leak = requests[0]
    with lifecycle.batch([leak.pk]) as changes:
        event = lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
        assert event.pk is None

    assert event.pk is not None
    assert RequestEvent.objects.get(pk=event.pk).kind == event.kind


def test_a_refused_unit_leaves_no_trace_and_the_rest_is_written(requests):
    leak, other, _lift = requests
    with lifecycle.batch([leak.pk, other.pk]) as changes:
        with pytest.raises(TransitionNotAllowed), changes.all_or_nothing():
            lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
            lifecycle.close(changes.current[leak.pk], actor=ERP)  # not done yet
        assert changes.current[leak.pk].status == Status.SUBMITTED
        with changes.all_or_nothing():
            lifecycle.acknowledge(changes.current[other.pk], actor=ERP)

    leak.refresh_from_db()
    other.refresh_from_db()
    assert (leak.status, leak.acknowledged_at) == (Status.SUBMITTED, None)
    assert leak.events.count() == 1  # its submission only
    assert other.status == Status.ACKNOWLEDGED
    assert not Notification.objects.filter(request=leak, event__kind="acknowledged").exists()


def test_a_change_on_a_request_the_batch_did_not_load_is_refused(requests):
    leak, other, _lift = requests
    with pytest.raises(ValueError), lifecycle.batch([leak.pk]):
        lifecycle.acknowledge(other, actor=ERP)

    other.refresh_from_db()
    assert other.status == Status.SUBMITTED


def queries_for(count: int, estate) -> int:
    made = [
        submitted_request(build_household(estate.dwellings[n % len(estate.dwellings)]))
        for n in range(count)
    ]
    ids = [r.pk for r in made]
    with CaptureQueriesContext(connection) as captured, lifecycle.batch(ids) as changes:
        for request in made:
            with changes.all_or_nothing():
                lifecycle.acknowledge(changes.current[request.pk], actor=ERP)
    assert RequestEvent.objects.filter(request__in=made, kind="acknowledged").count() == count
    return len([q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]])


def test_a_batch_costs_the_same_queries_for_3_changes_as_for_12(estate):
    assert queries_for(12, estate) == queries_for(3, estate)


def test_a_unit_without_writes_that_fails_is_undone_in_memory(requests):
    leak, other, _lift = requests
    with lifecycle.batch([leak.pk, other.pk]) as changes:
        with pytest.raises(TransitionNotAllowed), changes.all_or_nothing(writes=False):
            lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
            lifecycle.close(changes.current[leak.pk], actor=ERP)  # not done yet
        assert changes.current[leak.pk].status == Status.SUBMITTED
        with changes.all_or_nothing(writes=False):
            lifecycle.acknowledge(changes.current[other.pk], actor=ERP)

    leak.refresh_from_db()
    other.refresh_from_db()
    assert (leak.status, leak.events.count()) == (Status.SUBMITTED, 1)
    assert other.status == Status.ACKNOWLEDGED


def test_a_unit_without_writes_sends_no_savepoint(requests):
    leak, _other, _lift = requests
    with CaptureQueriesContext(connection) as captured, lifecycle.batch([leak.pk]) as changes:
        start = len(captured.captured_queries)
        with changes.all_or_nothing(writes=False):
            lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
        assert captured.captured_queries[start:] == []


def test_a_unit_declared_without_writes_may_not_write(requests):
    leak, _other, _lift = requests
    with (
        lifecycle.batch([leak.pk]) as changes,
        pytest.raises(lifecycle.UnitWrites),
        changes.all_or_nothing(writes=False),
    ):
        lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
        RepairRequest.objects.filter(pk=leak.pk).update(external_ref="IKOS-1")

    leak.refresh_from_db()
    assert (leak.status, leak.external_ref) == (Status.SUBMITTED, "")


def test_a_batch_leaves_the_language_and_time_zone_as_they_were(requests):
    leak = requests[0]
    with timezone.override("America/Cayenne"), translation.override("en"):
        with lifecycle.batch([leak.pk]) as changes:
            lifecycle.acknowledge(changes.current[leak.pk], actor=ERP)
            assert timezone.get_current_timezone_name() == "America/Cayenne"
            assert translation.get_language() == "en"

        assert timezone.get_current_timezone_name() == "America/Cayenne"
        assert translation.get_language() == "en"
