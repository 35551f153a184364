"""Managers write the canned answers; officers use them on a request's page but cannot edit."""

from agir.backoffice.models import CannedAnswer
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in


def test_a_manager_adds_a_canned_answer(client, db):
    manager = build_staff("manager")
    sign_in(client, manager)
    response = client.post(
        "/bureau/reponses-types/nouvelle/",
        {"title": "Devis demandé", "body": "Nous avons demandé un devis.", "active": "on"},
    )
    assert response.status_code == 302
    answer = CannedAnswer.objects.get(title="Devis demandé")
    assert answer.updated_by == manager


def test_a_manager_changes_a_canned_answer(client, db):
    answer = CannedAnswer.objects.create(title="Passage", body="Ancien texte.")
    sign_in(client, build_staff("manager"))
    client.post(
        f"/bureau/reponses-types/{answer.pk}/",
        {"title": "Passage", "body": "Nouveau texte.", "active": "on"},
    )
    answer.refresh_from_db()
    assert answer.body == "Nouveau texte."


def test_an_officer_cannot_edit_canned_answers(client, officer):
    answer = CannedAnswer.objects.create(title="Passage", body="Texte.")
    sign_in(client, officer)
    response = client.post(
        f"/bureau/reponses-types/{answer.pk}/", {"title": "X", "body": "Y", "active": "on"}
    )
    assert response.status_code == 404
    answer.refresh_from_db()
    assert answer.body == "Texte."


def test_an_empty_title_is_refused_in_french(client, db):
    sign_in(client, build_staff("manager"))
    response = client.post("/bureau/reponses-types/nouvelle/", {"title": "", "body": "Texte."})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not CannedAnswer.objects.exists()


def test_an_inactive_canned_answer_is_not_offered_to_officers(client, household, officer):
    CannedAnswer.objects.create(title="Ancienne réponse", body="Texte.", active=False)
    CannedAnswer.objects.create(title="Réponse en cours", body="Texte.")
    request = submitted_request(household)
    sign_in(client, officer)
    page = client.get(f"/bureau/demandes/{request.code}/").content.decode()
    assert "Réponse en cours" in page
    assert "Ancienne réponse" not in page


def test_picking_a_canned_answer_puts_its_text_in_the_answer(client, officer):
    canned = CannedAnswer.objects.create(title="Passage", body="Le gardien passera lundi.")
    sign_in(client, officer)
    response = client.get(
        "/bureau/reponses-types/texte/", {"answer-canned": canned.pk}, headers={"HX-Request": "1"}
    )
    part = response.content.decode()
    assert 'id="id_answer-message"' in part
    assert "Le gardien passera lundi." in part
    assert "<html" not in part


def test_an_inactive_canned_answer_gives_an_empty_answer(client, officer):
    canned = CannedAnswer.objects.create(title="Vieille", body="Ancien texte.", active=False)
    sign_in(client, officer)
    part = client.get("/bureau/reponses-types/texte/", {"answer-canned": canned.pk}).content
    assert "Ancien texte." not in part.decode()
