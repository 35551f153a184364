"""«Ce n'est pas réparé»: after the work is done, or within 30 days of closing."""

from datetime import timedelta

from django.utils import timezone

from agir.repairs.models import EventKind, Status
from tests.personas import advance


def url(repair) -> str:
    return f"/locataire/demandes/{repair.code}/pas-repare/"


def reopen(personas, repair, reason="Ça fuit encore sous l'évier."):
    return personas.client_for(personas.alice_user).post(url(repair), {"reason": reason})


def test_it_reopens_a_done_request_with_the_tenants_reason(personas):
    repair = personas.alice_request
    advance(repair, Status.DONE, personas.officer)
    response = reopen(personas, repair)
    assert response.status_code == 302
    repair.refresh_from_db()
    assert repair.status == Status.REOPENED
    event = repair.events.get(kind=EventKind.REOPENED)
    assert (event.actor, event.message) == (personas.alice_user, "Ça fuit encore sous l'évier.")


def test_it_asks_what_is_wrong(personas):
    repair = personas.alice_request
    advance(repair, Status.DONE, personas.officer)
    response = personas.client_for(personas.alice_user).get(url(repair))
    assert "Qu&#x27;est-ce qui ne va pas ?" in response.text


def test_the_reason_is_required(personas):
    repair = personas.alice_request
    advance(repair, Status.DONE, personas.officer)
    response = reopen(personas, repair, reason="")
    assert response.status_code == 400
    assert "Dites-nous ce qui ne va pas." in response.text
    repair.refresh_from_db()
    assert repair.status == Status.DONE


def test_a_request_closed_ten_days_ago_can_be_reopened(personas):
    repair = personas.alice_request
    advance(repair, Status.CLOSED, personas.officer, at=timezone.now() - timedelta(days=10))
    assert reopen(personas, repair).status_code == 302
    repair.refresh_from_db()
    assert repair.status == Status.REOPENED


def test_a_request_closed_more_than_thirty_days_ago_cannot(personas):
    repair = personas.alice_request
    advance(repair, Status.CLOSED, personas.officer, at=timezone.now() - timedelta(days=31))
    response = reopen(personas, repair)
    assert response.status_code == 409
    assert "close depuis plus de 30 jours" in response.text
    repair.refresh_from_db()
    assert repair.status == Status.CLOSED


def test_a_request_still_in_progress_cannot_be_said_not_repaired(personas):
    repair = personas.alice_request
    advance(repair, Status.IN_PROGRESS, personas.officer)
    response = reopen(personas, repair)
    assert response.status_code == 409
    assert "une fois les travaux terminés" in response.text
    repair.refresh_from_db()
    assert repair.status == Status.IN_PROGRESS
