"""The officer's request page: the whole story, who to reach, the photos, the messages; and a
number of queries that does not grow with events, photos, messages or past requests."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.notify.models import DeliveryAttempt, Notification, NotificationState
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor
from agir.repairs.models import (
    EventKind,
    Origin,
    RepairRequest,
    RequestEvent,
    RequestPhoto,
    Status,
)
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in
from tests.tracking import images


def page(client, request) -> str:
    response = client.get(f"/bureau/demandes/{request.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_internal_and_public_events(client, household, officer):
    request = submitted_request(household)
    lifecycle.comment(
        request, actor=Actor.of(officer), message="Appelé la gardienne.", public=False
    )
    lifecycle.comment(request, actor=Actor.of(officer), message="Nous passons mardi.")
    sign_in(client, officer)
    shown = page(client, request)
    assert "Appelé la gardienne." in shown
    assert "Nous passons mardi." in shown


def test_the_page_shows_how_to_reach_the_tenant(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    shown = page(client, request)
    assert household.holder.full_name in shown
    assert "tel:06 12 34 56 78" in shown
    assert household.holder.email in shown
    assert household.lease.reference in shown
    assert "E-mail, SMS" in shown


def test_the_page_shows_the_tenants_availability_and_access_notes(client, household, officer):
    request = submitted_request(household)
    RepairRequest.objects.filter(pk=request.pk).update(
        availability=["2026-03-10:am"], access_notes="Code porte 1234B"
    )
    sign_in(client, officer)
    shown = page(client, request)
    assert "mardi 10 mars, matin" in shown
    assert "Code porte 1234B" in shown


def test_the_page_lists_the_dwellings_past_requests(client, household, officer):
    earlier = submitted_request(household, description="Une autre fuite.")
    request = submitted_request(household)
    sign_in(client, officer)
    assert f"/bureau/demandes/{earlier.code}/" in page(client, request)


def test_the_photos_are_served_to_staff_through_a_protected_view(
    client, household, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    request = submitted_request(household)
    photo = photos.attach(request, images.jpeg())
    sign_in(client, officer)
    url = f"/bureau/demandes/{request.code}/photos/{photo.code}/"
    assert url in page(client, request)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert client.get(url + "vignette/").status_code == 200


def test_a_tenant_cannot_open_a_photo_through_the_back_office(
    client, household, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    request = submitted_request(household)
    photo = photos.attach(request, images.jpeg())
    sign_in(client, household.holder.user)
    url = f"/bureau/demandes/{request.code}/photos/{photo.code}/"
    assert client.get(url).status_code == 404


def test_a_photo_of_another_request_is_404(client, household, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    request = submitted_request(household)
    other = submitted_request(household)
    photo = photos.attach(other, images.jpeg())
    sign_in(client, officer)
    assert client.get(f"/bureau/demandes/{request.code}/photos/{photo.code}/").status_code == 404


def test_a_caretaker_does_not_get_the_page(client, household):
    request = submitted_request(household)
    sign_in(client, build_staff("caretaker"))
    assert client.get(f"/bureau/demandes/{request.code}/").status_code == 404


# --- the number of queries does not grow ------------------------------------------------------


def _grow(request: RepairRequest, officer, n: int) -> None:
    """`n` events, photos, messages (each with an attempt) and past requests of the dwelling."""
    now = timezone.now()
    RequestEvent.objects.bulk_create(
        RequestEvent(
            request=request,
            kind=EventKind.COMMENTED,
            from_status=request.status,
            to_status=request.status,
            actor=officer,
            actor_label="Sandrine",
            at=now - timedelta(minutes=i),
            public=i % 2 == 0,
            message=f"Message {i}",
        )
        for i in range(n)
    )
    RequestPhoto.objects.bulk_create(
        RequestPhoto(request=request, image=f"requests/{request.code}/{i}.jpg") for i in range(n)
    )
    made = Notification.objects.bulk_create(
        Notification(
            request=request,
            tenant=request.requested_by,
            recipient_name="Nadia",
            address="nadia@exemple.fr",
            channel="email",
            template="landlord_message",
            idempotency_key=f"grow-{request.pk}-{i}",
            state=NotificationState.SENT,
            next_attempt_at=now,
        )
        for i in range(n)
    )
    DeliveryAttempt.objects.bulk_create(
        DeliveryAttempt(notification=notification, number=1, started_at=now, succeeded=True)
        for notification in made
    )
    RepairRequest.objects.bulk_create(
        RepairRequest(
            reference=f"1999-{request.pk:03d}{i:04d}",
            status=Status.CLOSED,
            building=request.building,
            dwelling=request.dwelling,
            lease=request.lease,
            title=f"Ancienne demande {i}",
            suggested_responsibility="landlord",
            responsibility="landlord",
            suggested_urgency="normal",
            urgency="normal",
            origin=Origin.TENANT_WEB,
            requested_by=request.requested_by,
            idempotency_key=uuid.uuid4(),
            submitted_at=now - timedelta(days=400 + i),
        )
        for i in range(n)
    )


def _queries(client, request) -> int:
    with CaptureQueriesContext(connection) as queries:
        page(client, request)
    return len(queries)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_story(client, estate, officer):
    from tests.builders import build_household

    small = submitted_request(build_household(estate.dwellings[0]))
    large = submitted_request(build_household(estate.dwellings[1]))
    _grow(small, officer, 10)
    _grow(large, officer, 1000)
    sign_in(client, officer)
    page(client, small)  # warm the session and the caches
    assert _queries(client, large) == _queries(client, small)


def test_the_page_looks_the_places_contracts_up_once(client, household, officer):
    # Who pays is shown, and asked again to offer a quote: one look-up answers both.
    request = submitted_request(household, entry_code="DWL-BOILER-NO_HEAT")
    sign_in(client, officer)
    page(client, request)
    with CaptureQueriesContext(connection) as queries:
        page(client, request)
    looked_up = [q for q in queries.captured_queries if '"estate_maintenancecontract"' in q["sql"]]
    assert len(looked_up) == 1
