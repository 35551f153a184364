"""«Annuler ma demande»: only while it is not yet taken in hand, after a confirmation page."""

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind, Status


def url(repair) -> str:
    return f"/locataire/demandes/{repair.code}/annuler/"


def test_it_asks_before_cancelling(personas):
    client = personas.client_for(personas.alice_user)
    response = client.get(url(personas.alice_request))
    assert response.status_code == 200
    assert "Voulez-vous annuler votre demande ?" in response.text
    personas.alice_request.refresh_from_db()
    assert personas.alice_request.status == Status.SUBMITTED


def test_it_cancels_a_submitted_request_through_the_lifecycle(personas):
    repair = personas.alice_request
    client = personas.client_for(personas.alice_user)
    response = client.post(url(repair), {"reason": "Réparé par mon fils."}, follow=True)
    repair.refresh_from_db()
    assert repair.status == Status.CANCELLED
    event = repair.events.get(kind=EventKind.CANCELLED)
    assert (event.actor, event.message) == (personas.alice_user, "Réparé par mon fils.")
    assert "Votre demande est annulée." in response.text
    assert "Vous avez annulé votre demande : réparé par mon fils." in response.text


def test_the_reason_is_optional(personas):
    repair = personas.alice_request
    personas.client_for(personas.alice_user).post(url(repair), {})
    repair.refresh_from_db()
    assert repair.status == Status.CANCELLED


def test_once_taken_in_hand_it_cannot_be_cancelled(personas, settings):
    repair = personas.alice_request
    lifecycle.acknowledge(repair, actor=Actor.of(personas.officer))
    client = personas.client_for(personas.alice_user)
    response = client.post(url(repair), {"reason": "Plus besoin"})
    assert response.status_code == 409
    assert "déjà prise en charge" in response.text
    assert settings.LANDLORD["phone"] in response.text
    repair.refresh_from_db()
    assert repair.status == Status.ACKNOWLEDGED


def test_the_refusal_is_explained_before_any_click(personas):
    repair = personas.alice_request
    lifecycle.acknowledge(repair, actor=Actor.of(personas.officer))
    response = personas.client_for(personas.alice_user).get(url(repair))
    assert "Cette demande ne peut pas être annulée" in response.text
    assert "Oui, annuler" not in response.text


def test_a_cancelled_request_cannot_be_cancelled_again(personas):
    repair = personas.alice_request
    client = personas.client_for(personas.alice_user)
    client.post(url(repair), {})
    response = client.post(url(repair), {})
    assert response.status_code == 409
    assert repair.events.filter(kind=EventKind.CANCELLED).count() == 1


def test_an_overlong_reason_is_refused_and_kept(personas):
    repair = personas.alice_request
    response = personas.client_for(personas.alice_user).post(url(repair), {"reason": "x" * 1001})
    assert response.status_code == 400
    assert "1000 caractères au plus" in response.text
    assert "x" * 1001 in response.text
    repair.refresh_from_db()
    assert repair.status == Status.SUBMITTED
