"""The request page's actions through HTTP, for each role allowed and each refused: each goes
through the lifecycle and writes its event; a refused person changes nothing."""

import html

import pytest

from agir.backoffice.models import CannedAnswer
from agir.notify.models import Notification
from agir.repairs.models import EventKind, RequestFollower, Status
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in

TENANT_REPAIR = "KIT-SINK-BLOCKED"


def act(client, request, intent: str, data: dict, *, follow: bool = True):
    body = {f"{intent}-{name}": value for name, value in data.items()}
    return client.post(f"/bureau/demandes/{request.code}/{intent}/", body, follow=follow)


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def manager(db):
    return build_staff("manager")


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_officers_and_managers_take_a_request_in_hand(client, household, role):
    request = submitted_request(household)
    sign_in(client, build_staff(role))
    act(client, request, "acknowledge", {"responsibility": "assess", "urgency": "urgent"})
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED


@pytest.mark.parametrize("role", ["caretaker", "contractor", "tenant"])
def test_other_roles_cannot_take_a_request_in_hand(client, household, role):
    request = submitted_request(household)
    user = household.holder.user if role == "tenant" else build_staff(role)
    sign_in(client, user)
    response = act(
        client, request, "acknowledge", {"responsibility": "assess", "urgency": "urgent"},
        follow=False,
    )  # fmt: skip
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_changing_who_pays_without_a_reason_is_refused_on_the_page(client, household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    sign_in(client, officer)
    response = act(
        client, request, "acknowledge", {"responsibility": "landlord", "urgency": "normal"}
    )
    assert "dites pourquoi" in text(response)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_the_reason_for_changing_who_pays_reaches_the_event(client, household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    sign_in(client, officer)
    act(
        client, request, "acknowledge",
        {"responsibility": "landlord", "urgency": request.urgency, "reason": "Vétusté du siphon."},
    )  # fmt: skip
    event = request.events.get(kind=EventKind.ACKNOWLEDGED)
    assert event.data["reason"] == "Vétusté du siphon."
    assert event.data["changed"] == ["responsibility"]


def test_an_officer_merges_a_duplicate_and_its_tenant_follows_the_survivor(
    client, household, neighbour, officer
):
    survivor = submitted_request(household)
    duplicate = submitted_request(neighbour)
    sign_in(client, officer)
    act(client, duplicate, "merge", {"into": survivor.reference})
    duplicate.refresh_from_db()
    assert duplicate.status == Status.CANCELLED
    assert RequestFollower.objects.filter(request=survivor, tenant=neighbour.holder).exists()
    assert Notification.objects.filter(request=duplicate, template="landlord_message").exists()


def test_merging_into_an_unknown_reference_says_so(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = act(client, request, "merge", {"into": "1999-000000"})
    assert "Aucune demande n° 1999-000000." in text(response)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_an_officer_rejects_a_tenant_repair_with_advice(client, household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    sign_in(client, officer)
    act(client, request, "reject", {"reason": "Réparation locative.", "price": "120"})
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    event = request.events.get(kind=EventKind.REJECTED)
    assert "120,00 € TTC" in event.message
    told = Notification.objects.get(event=event)
    assert "artisan de votre choix" in told.context["message"]


def test_a_caretaker_cannot_reject(client, household):
    request = submitted_request(household)
    sign_in(client, build_staff("caretaker"))
    response = act(client, request, "reject", {"reason": "Non."}, follow=False)
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_an_answer_is_public_and_notified(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    act(client, request, "answer", {"message": "Le plombier passe jeudi."})
    event = request.events.get(kind=EventKind.COMMENTED)
    assert event.public
    assert Notification.objects.filter(event=event, template="landlord_message").exists()


def test_an_internal_note_is_never_shown_to_the_tenant(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    act(client, request, "note", {"message": "Locataire difficile à joindre."})
    event = request.events.get(kind=EventKind.COMMENTED)
    assert not event.public
    assert not Notification.objects.filter(event=event).exists()
    sign_in(client, household.holder.user)
    tenant_page = client.get(f"/locataire/demandes/{request.code}/").content.decode()
    assert "Locataire difficile à joindre." not in tenant_page


def test_a_canned_answer_is_sent_when_nothing_is_typed(client, household, officer):
    canned = CannedAnswer.objects.create(title="Devis demandé", body="Nous demandons un devis.")
    request = submitted_request(household)
    sign_in(client, officer)
    act(client, request, "answer", {"canned": canned.pk, "message": ""})
    assert request.events.get(kind=EventKind.COMMENTED).message == "Nous demandons un devis."


def test_an_empty_answer_is_refused_in_french(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = act(client, request, "answer", {"message": "  "})
    assert "Écrivez la réponse ou choisissez une réponse type." in text(response)
    assert not request.events.filter(kind=EventKind.COMMENTED).exists()


def test_an_unknown_action_changes_nothing(client, household, officer):
    request = submitted_request(household)
    sign_in(client, officer)
    response = client.post(f"/bureau/demandes/{request.code}/explode/", {}, follow=True)
    assert "Action inconnue." in text(response)
