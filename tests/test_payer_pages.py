"""The same symptom, a dripping tap, in two buildings: one under a plumbing contract, one without.

Every page that says who pays, and the API, says it from `agir.catalogue.payer.who_pays`: the
contractor's answer (nothing billed on top of the charges) in the first building, the tenant's
(«en principe», to be confirmed) in the second.
"""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from agir.catalogue import search
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest
from tests.builders import build_contract, build_estate, build_household, submitted_request
from tests.portal.helpers import TenantWizard, text_of
from tests.staff_sign_in import sign_in

TAP = "KIT-TAP-LEAK"
CONTRACTOR = "Plomberie Lys Services"
CONTRACT_WORDS = "Cet équipement est entretenu par Plomberie Lys Services"
NOT_BILLED = "elle ne vous est pas facturée en plus de vos charges"
TENANT_WORDS = "En principe, cette réparation est à votre charge"


@pytest.fixture
def covered(db):
    """A household whose building is under a plumbing contract."""
    estate = build_estate(name="Les Tilleuls")
    build_contract("plumbing", buildings=(estate.building,), contractor=CONTRACTOR)
    return build_household(estate.dwellings[0])


@pytest.fixture
def uncovered(db):
    """A household in another site, with no plumbing contract."""
    return build_household(build_estate(name="Cité des Peupliers").dwellings[0])


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def review_page(client, household) -> str:
    wizard = TenantWizard(client, household).start()
    wizard.reach_review("kitchen", TAP, description="Le robinet goutte jour et nuit.")
    return text_of(wizard.get("wizard_review"))


def confirmation_page(client, household) -> str:
    wizard = TenantWizard(client, household).start()
    wizard.reach_review("kitchen", TAP, description="Le robinet goutte jour et nuit.")
    response = wizard.confirm(accept_charge="on")
    assert response.url == wizard.url("wizard_done")
    return text_of(wizard.get("wizard_done"))


def request_page(client, household) -> str:
    request = submitted_request(household, entry_code=TAP)
    sign_in(client, household.holder.user)
    return text_of(client.get(reverse("portal:request", args=[request.code])))


def taken_in_hand(household, officer) -> RepairRequest:
    """Taken in hand by an officer who confirms who pays as the page suggested it."""
    request = submitted_request(household, entry_code=TAP)
    lifecycle.acknowledge(request, actor=Actor.of(officer), responsibility=request.responsibility)
    return request


def back_office_page(client, household, officer) -> str:
    request = submitted_request(household, entry_code=TAP)
    sign_in(client, officer)
    return html.unescape(client.get(f"/bureau/demandes/{request.code}/").content.decode())


def api_answer(client, household) -> dict:
    search.invalidate()
    building = household.lease.dwelling.entrance.building
    body = client.get(
        "/api/catalogue/suggest", {"q": "robinet qui goutte", "building": building.code}
    ).json()
    first = body["results"][0]
    assert first["code"] == TAP
    return first["who_pays"]


def test_the_review_names_the_contractor_under_contract(client, covered):
    page = review_page(client, covered)

    assert CONTRACT_WORDS in page
    assert NOT_BILLED in page
    assert "J'ai compris que cette réparation peut m'être facturée" not in page
    assert "factur" not in page.replace(NOT_BILLED, "")


def test_the_review_says_the_tenant_pays_without_a_contract(client, uncovered):
    page = review_page(client, uncovered)

    assert TENANT_WORDS in page
    assert "J'ai compris que cette réparation peut m'être facturée" in page
    assert CONTRACTOR not in page


def test_the_confirmation_names_the_contractor_under_contract(client, covered):
    page = confirmation_page(client, covered)

    assert CONTRACT_WORDS in page
    assert TENANT_WORDS not in page


def test_the_confirmation_says_the_tenant_pays_without_a_contract(client, uncovered):
    page = confirmation_page(client, uncovered)

    assert TENANT_WORDS in page
    assert "À confirmer" in page


def test_the_request_page_names_the_contractor_under_contract(client, covered):
    page = request_page(client, covered)

    assert CONTRACT_WORDS in page
    assert "03 20 11 22 33" in page


def test_the_request_page_says_the_tenant_pays_without_a_contract(client, uncovered):
    page = request_page(client, uncovered)

    assert TENANT_WORDS in page
    assert "À confirmer" in page


def test_the_timeline_names_the_contractor_once_taken_in_hand(client, covered, officer):
    request = taken_in_hand(covered, officer)
    sign_in(client, covered.holder.user)

    page = text_of(client.get(reverse("portal:request", args=[request.code])))

    assert "Votre bailleur a examiné votre demande : Plomberie Lys Services s'en occupe" in page
    assert "À confirmer" not in page


def test_the_timeline_says_the_tenant_pays_once_taken_in_hand(client, uncovered, officer):
    request = taken_in_hand(uncovered, officer)
    sign_in(client, uncovered.holder.user)

    page = text_of(client.get(reverse("portal:request", args=[request.code])))

    assert "cette réparation est à votre charge (réparation locative)" in page
    assert "ce qu'elle coûte avant toute intervention" in page


def test_the_back_office_shows_the_contract_under_contract(client, covered, officer):
    page = back_office_page(client, covered, officer)

    assert "Contrat d'entretien (charges)" in page
    assert CONTRACTOR in page
    assert re.search(r'<option value="contract" selected>', page)


def test_the_back_office_shows_the_tenant_without_a_contract(client, uncovered, officer):
    page = back_office_page(client, uncovered, officer)

    assert "Locataire (réparation locative)" in page
    assert "Aucun contrat « Robinetterie multiservices » en vigueur ici." in page
    assert re.search(r'<option value="tenant" selected>', page)


def test_the_api_answers_the_contract_for_a_building_under_contract(client, covered):
    answer = api_answer(client, covered)

    assert answer["payer"] == "contract"
    assert answer["contract"]["contractor"] == CONTRACTOR
    assert answer["in_principle"] is True
    assert "87-713" in answer["legal_basis"]


def test_the_api_answers_the_tenant_for_a_building_without(client, uncovered):
    answer = api_answer(client, uncovered)

    assert answer["payer"] == "tenant"
    assert answer["contract"] is None
    assert answer["contract_kind"] == "plumbing"
    assert len(answer["exceptions"]) == 4
