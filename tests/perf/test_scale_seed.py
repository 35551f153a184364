"""`agir seed`: a large estate and its history in bulk, that the product then works with."""

import uuid
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from agir.accounts.models import User
from agir.estate.models import Dwelling, Lease, Site
from agir.notify.models import Notification, NotificationState
from agir.repairs import lifecycle
from agir.repairs.commitments import awaited, current_terms, due_dates
from agir.repairs.models import EventKind, RepairRequest, RequestEvent, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed", dwellings=120, years=2, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_makes_the_dwellings_asked_for_in_sites(seeded):
    assert Dwelling.objects.count() == 120
    assert Site.objects.count() >= 1
    assert Lease.objects.current().count() > 100


def test_seed_makes_about_one_request_a_dwelling_a_year_in_every_status(seeded):
    count = RepairRequest.objects.count()
    assert 200 <= count <= 260
    statuses = set(RepairRequest.objects.values_list("status", flat=True))
    assert statuses >= {Status.SUBMITTED, Status.CLOSED, Status.CANCELLED, Status.REJECTED}


def test_seeded_request_history_follows_its_status(seeded):
    for request in RepairRequest.objects.filter(status=Status.CLOSED)[:20]:
        kinds = list(request.events.order_by("at", "id").values_list("to_status", flat=True))
        assert kinds[0] == Status.SUBMITTED and kinds[-1] == Status.CLOSED
        assert request.reference and request.closed_at >= request.submitted_at


def test_seed_queues_notifications_in_several_states(seeded):
    states = set(Notification.objects.values_list("state", flat=True))
    assert {NotificationState.DELIVERED, NotificationState.SENT} <= states
    assert RequestEvent.objects.count() > RepairRequest.objects.count()


def test_lifecycle_goes_on_after_the_seed(seeded):
    """Keys and reference numbers continue after the seeded ones."""
    lease = Lease.objects.current().select_related("dwelling").first()
    entry = RepairRequest.objects.filter(dwelling__isnull=False).first().catalogue_entry
    submitted = lifecycle.submit_new(
        lifecycle.NewRequest(
            idempotency_key=uuid.uuid4(),
            origin="phone",
            dwelling=lease.dwelling,
            lease=lease,
            catalogue_entry=entry,
            requested_by=lease.tenants.first(),
        ),
        actor=lifecycle.Actor.system("test"),
    ).request
    assert (
        submitted.reference
        and RepairRequest.objects.filter(reference=submitted.reference).count() == 1
    )


def test_seed_gives_the_benchmarks_users_a_known_password(seeded):
    for username in ("gardien", "agent", "responsable"):
        assert User.objects.get(username=username).check_password("agir-scale")
    assert User.objects.filter(role="tenant").exists()


def test_seed_refuses_a_database_with_an_estate(seeded):
    with pytest.raises(CommandError):
        call_command("seed", dwellings=10, years=1)


def test_seeded_due_dates_are_the_lifecycles(seeded):
    """Each request waits on the due date `commitments.due_fields` would have set: from its
    submission, or from its reopening (the seed never changes the urgency)."""
    terms = current_terms()
    checked = 0
    for request in RepairRequest.objects.exclude(status=Status.DRAFT).prefetch_related("events"):
        reopened = [e.at for e in request.events.all() if e.kind == EventKind.REOPENED]
        due = due_dates(reopened[-1] if reopened else request.submitted_at, request.urgency, terms)
        assert (request.take_in_hand_due, request.intervention_due) == (
            _utc(due.take_in_hand),
            _utc(due.intervention),
        ), request.reference
        waits_on = awaited(request.status, due.take_in_hand, due.intervention)
        assert request.next_due == _utc(waits_on), request.reference
        checked += 1
    assert checked > 200
    assert RepairRequest.objects.filter(status=Status.SUBMITTED, next_due__isnull=False).exists()


def _utc(moment: datetime | None) -> datetime | None:
    # Python holds a local time of the night clocks go back (02:41 twice) unequal to any time
    # of another zone, even the same instant (PEP 495): compare both in UTC.
    return moment.astimezone(UTC) if moment else moment


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_leaves_postgresql_vacuumed_for_index_only_reads():
    """The inbox reads its covering index alone only where the visibility map says the rows
    are visible to all: a fresh load has an empty map until a VACUUM."""
    if connection.vendor != "postgresql":
        pytest.skip("the visibility map is PostgreSQL's")
    call_command("seed", dwellings=120, years=2, stdout=StringIO())

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'repairs_repairrequest'"
        )
        pages, all_visible = cursor.fetchone()
    assert pages > 0
    assert all_visible == pages
