"""«Mes messages»: what was sent to the tenant, with its channel, date, subject and state."""

import pytest

from agir.notify.models import Notification, NotificationState
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.personas import mark_sent


@pytest.fixture(autouse=True)
def sent(personas):
    mark_sent()


def test_it_lists_what_was_sent_with_channel_subject_preview_and_state(personas):
    reference = personas.alice_request.reference
    response = personas.client_for(personas.alice_user).get("/locataire/messages/")
    assert response.status_code == 200
    assert f"Demande enregistrée n° {reference}" in response.text
    assert "E-mail" in response.text
    assert "Nous avons bien reçu votre demande." in response.text
    assert "Envoyé" in response.text


def test_a_delivered_message_says_it_was_received(personas):
    Notification.objects.update(state=NotificationState.DELIVERED)
    response = personas.client_for(personas.alice_user).get("/locataire/messages/")
    assert "Reçu" in response.text


def test_a_message_not_sent_yet_is_not_listed(personas):
    Notification.objects.update(state=NotificationState.QUEUED, sent_at=None)
    response = personas.client_for(personas.alice_user).get("/locataire/messages/")
    assert personas.alice_request.reference not in response.text


def test_newest_first(personas):
    lifecycle.comment(
        personas.alice_request, actor=Actor.of(personas.officer), message="Le plombier vient."
    )
    mark_sent(Notification.objects.filter(template="landlord_message"))
    text = personas.client_for(personas.alice_user).get("/locataire/messages/").text
    assert text.index("Nouveau message") < text.index("Demande enregistrée")


def test_one_message_reads_in_full(personas):
    notification = Notification.objects.get(request=personas.alice_request)
    response = personas.client_for(personas.alice_user).get(
        f"/locataire/messages/{notification.code}/"
    )
    assert response.status_code == 200
    assert "Bonjour" in response.text
    assert personas.alice_request.reference in response.text


def test_only_the_tenants_own_messages_are_listed(personas):
    text = personas.client_for(personas.alice_user).get("/locataire/messages/").text
    assert personas.bob_request.reference not in text


def test_an_empty_list_says_nothing_was_sent(personas):
    Notification.objects.all().delete()
    text = personas.client_for(personas.alice_user).get("/locataire/messages/").text
    assert "Nous ne vous avons encore rien envoyé." in text


def test_a_channel_without_templates_still_gets_a_subject(personas):
    Notification.objects.filter(request=personas.alice_request).update(channel="sms")
    text = personas.client_for(personas.alice_user).get("/locataire/messages/").text
    assert "Demande enregistrée" in text
    assert "SMS" in text
