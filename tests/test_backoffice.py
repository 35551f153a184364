"""The officers' request pages: who may see them, and actions that go through the lifecycle."""

import html
from datetime import timedelta

from django.utils import timezone

from agir.repairs.models import EventKind, Status
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in


def test_officer_sees_open_requests_in_the_list(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    page = client.get("/bureau/demandes/")
    assert page.status_code == 200
    assert request.reference in page.content.decode()


def test_list_filters_by_status(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    page = client.get("/bureau/demandes/", {"status": "closed"})
    assert request.reference not in page.content.decode()


def test_tenant_gets_404_on_the_back_office(client, household):
    request = submitted_request(household)
    sign_in(client, household.holder.user)
    assert client.get(f"/bureau/demandes/{request.code}/").status_code == 404
    assert client.get("/bureau/demandes/").status_code == 404


def test_caretaker_is_not_back_office(client, household):
    request = submitted_request(household)
    sign_in(client, build_staff("caretaker"))
    response = client.get(f"/bureau/demandes/{request.code}/")
    assert response.status_code == 404


def test_anonymous_visitor_is_asked_to_sign_in(client, household):
    request = submitted_request(household)
    response = client.get(f"/bureau/demandes/{request.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")


def test_unknown_request_is_404(client, officer, db):
    sign_in(client, officer)
    assert client.get("/bureau/demandes/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_acknowledge_from_the_request_page_writes_one_event(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = client.post(
        f"/bureau/demandes/{request.code}/acknowledge/",
        {"acknowledge-responsibility": "assess", "acknowledge-urgency": "urgent"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED
    assert request.events.filter(kind=EventKind.ACKNOWLEDGED).count() == 1


def test_schedule_with_an_end_before_the_start_is_refused_in_french(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    client.post(
        f"/bureau/demandes/{request.code}/acknowledge/",
        {"acknowledge-responsibility": "assess", "acknowledge-urgency": "urgent"},
    )
    start = timezone.localtime() + timedelta(days=2)
    response = client.post(
        f"/bureau/demandes/{request.code}/schedule/",
        {
            "schedule-start": start.strftime("%Y-%m-%dT%H:%M"),
            "schedule-end": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    assert "La fin du créneau doit suivre son début." in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED


def test_refused_transition_shows_a_french_message_not_an_error(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = client.post(f"/bureau/demandes/{request.code}/finish/", {}, follow=True)
    assert response.status_code == 200
    assert "Cette action n'est pas possible" in html.unescape(response.content.decode())


def test_missing_reason_keeps_the_request_as_it_was(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = client.post(f"/bureau/demandes/{request.code}/reject/", {}, follow=True)
    assert response.status_code == 200
    assert "Vérifiez les champs" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_request_page_lists_the_notifications_sent(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    page = client.get(f"/bureau/demandes/{request.code}/").content.decode()
    assert household.holder.email in page
    assert "En attente" in page
