"""«Ajouter un message»: the tenant's message goes into the history, public."""

from django.test import Client

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind
from tests.builders import new_request


def post(personas, repair, data, user=None):
    client = personas.client_for(user or personas.alice_user)
    return client.post(f"/locataire/demandes/{repair.code}/message/", data)


def test_it_adds_a_public_message_by_the_tenant(personas):
    repair = personas.alice_request
    response = post(personas, repair, {"message": "Je suis là après 17 h."})
    assert response.status_code == 302
    event = repair.events.get(kind=EventKind.COMMENTED)
    assert (event.message, event.public, event.actor) == (
        "Je suis là après 17 h.",
        True,
        personas.alice_user,
    )


def test_the_message_shows_in_the_timeline(personas):
    repair = personas.alice_request
    response = personas.client_for(personas.alice_user).post(
        f"/locataire/demandes/{repair.code}/message/",
        {"message": "Je suis là après 17 h."},
        follow=True,
    )
    assert "Votre message est envoyé." in response.text
    assert "Vous avez écrit : « Je suis là après 17 h. »" in response.text


def test_an_empty_message_is_refused_in_french(personas):
    response = post(personas, personas.alice_request, {"message": "   "})
    assert response.status_code == 400
    assert "Écrivez votre message." in response.text
    assert not personas.alice_request.events.filter(kind=EventKind.COMMENTED).exists()


def test_an_overlong_message_is_refused_and_kept(personas):
    text = "Ça goutte. " * 910  # 10,010 characters
    response = post(personas, personas.alice_request, {"message": text})
    assert response.status_code == 400
    assert "2000 caractères au plus" in response.text
    assert "Ça goutte. Ça goutte." in response.text  # still in the box, nothing lost
    assert not personas.alice_request.events.filter(kind=EventKind.COMMENTED).exists()


def test_a_refused_message_shows_the_lifecycle_reason_and_keeps_the_text(personas):
    alice = personas.alice
    draft = lifecycle.save_draft(new_request(alice), actor=Actor.of(personas.alice_user)).request
    response = post(personas, draft, {"message": "Un mot pour le gardien"})
    assert response.status_code == 409
    assert "Cette action n&#x27;est pas possible" in response.text
    assert "Un mot pour le gardien" in response.text


def test_the_message_needs_a_post(personas):
    client = personas.client_for(personas.alice_user)
    response = client.get(f"/locataire/demandes/{personas.alice_request.code}/message/")
    assert response.status_code == 405


def test_the_message_needs_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice_user)
    response = client.post(
        f"/locataire/demandes/{personas.alice_request.code}/message/", {"message": "Bonjour"}
    )
    assert response.status_code == 403
    assert not personas.alice_request.events.filter(kind=EventKind.COMMENTED).exists()
