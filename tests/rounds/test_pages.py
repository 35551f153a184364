"""The caretaker's pages: their sector only, everything else 404."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from agir.repairs.models import RepairRequest
from agir.rounds import places
from tests.builders import build_caretaker, build_estate


@pytest.fixture
def caretaker_client(personas):
    return personas.client_for(personas.caretaker.user)


def test_caretaker_lands_on_their_sector(caretaker_client, personas):
    response = caretaker_client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("rounds:home")
    assert personas.estate.building.name in response.content.decode()


def test_sector_page_counts_open_requests_by_building(caretaker_client, personas):
    page = caretaker_client.get(reverse("rounds:home")).content.decode()
    assert "3 demandes en cours" in page


def test_building_page_lists_its_open_requests(caretaker_client, personas):
    page = caretaker_client.get(reverse("rounds:building", args=[personas.estate.building.code]))
    assert personas.alice_request.reference in page.content.decode()


def test_entrance_page_lists_dwellings_with_the_name_on_the_door(caretaker_client, personas):
    entrance = personas.estate.entrances[0]
    page = caretaker_client.get(
        reverse("rounds:entrance", args=[entrance.building.code, entrance.code])
    ).content.decode()
    assert personas.alice.holder.last_name in page
    assert personas.alice.holder.email not in page


def test_dwelling_page_shows_its_requests(caretaker_client, personas):
    page = caretaker_client.get(
        reverse("rounds:dwelling", args=[personas.alice.lease.dwelling.code])
    )
    assert personas.alice_request.reference in page.content.decode()


@pytest.mark.parametrize("field", ["number", "name", "reference"])
def test_search_finds_by_dwelling_number_tenant_name_or_reference(
    caretaker_client, personas, field
):
    query = {
        "number": personas.alice.lease.dwelling.number,
        "name": personas.alice.holder.last_name,
        "reference": personas.alice_request.reference,
    }[field]
    page = caretaker_client.get(reverse("rounds:search"), {"q": query}).content.decode()
    expected = (
        personas.alice_request.reference
        if field == "reference"
        else reverse("rounds:dwelling", args=[personas.alice.lease.dwelling.code])
    )
    assert expected in page


def test_request_page_says_what_to_tell_the_tenant(caretaker_client, personas):
    page = caretaker_client.get(reverse("rounds:request", args=[personas.alice_request.code]))
    text = page.content.decode()
    assert "Ce que vous pouvez dire au locataire" in text
    assert "Constaté" in text


def test_observed_from_the_page_is_an_event_once_even_posted_twice(caretaker_client, personas):
    url = reverse("rounds:request_action", args=[personas.alice_request.code, "observe"])
    form = {"item": "6f1c0f4e-3b59-4c55-9d43-0b1f1f2a0001", "message": "Fuite visible."}
    caretaker_client.post(url, form)
    caretaker_client.post(url, form)
    assert personas.alice_request.events.filter(kind="observed").count() == 1


def test_new_request_from_the_form_reaches_the_tenant(caretaker_client, personas):
    dwelling = personas.alice.lease.dwelling
    response = caretaker_client.post(
        reverse("rounds:new_request"),
        {
            "item": "6f1c0f4e-3b59-4c55-9d43-0b1f1f2a0002",
            "lieu": places.dwelling_key(dwelling),
            "probleme": "KIT-TAP-LEAK",
            "description": "Le robinet goutte.",
        },
    )
    made = RepairRequest.objects.get(idempotency_key="6f1c0f4e-3b59-4c55-9d43-0b1f1f2a0002")
    assert response.url == reverse("rounds:request", args=[made.code])
    assert made.requested_by == personas.alice.holder


def test_new_request_steps_offer_the_tenants_cards(caretaker_client, personas):
    lift = personas.estate.common_areas["lift"]
    key = places.area_key(lift)
    page = caretaker_client.get(reverse("rounds:new_request"), {"lieu": key}).content.decode()
    assert "equipement=lift_car" in page
    page = caretaker_client.get(
        reverse("rounds:new_request"), {"lieu": key, "equipement": "lift_car"}
    ).content.decode()
    assert "probleme=LIFT-CAR-NOT_WORKING" in page


def test_new_request_search_uses_the_catalogue_search(caretaker_client, personas):
    key = places.dwelling_key(personas.alice.lease.dwelling)
    page = caretaker_client.get(
        reverse("rounds:new_request"), {"lieu": key, "q": "fuite evier"}
    ).content.decode()
    assert "probleme=KIT-SINK-LEAK" in page


def test_round_bad_point_opens_the_prefilled_new_request(caretaker_client, personas):
    building = personas.estate.building
    hall = places.area_key(personas.estate.common_areas["hall"])
    response = caretaker_client.post(
        reverse("rounds:round_check", args=[building.code]),
        {
            "item": "6f1c0f4e-3b59-4c55-9d43-0b1f1f2a0003",
            "point": "lighting",
            "lieu": hall,
            "ok": "0",
        },
    )
    assert response.url == reverse("rounds:new_request") + (
        f"?lieu={hall}&probleme=HALL-LIGHTING-NOT_WORKING"
    )
    page = caretaker_client.get(response.url).content.decode()
    assert "Plus de lumière dans le hall" in page


def test_round_page_shows_what_was_seen_today(caretaker_client, personas):
    building = personas.estate.building
    hall = places.area_key(personas.estate.common_areas["hall"])
    caretaker_client.post(
        reverse("rounds:round_check", args=[building.code]),
        {"item": "6f1c0f4e-3b59-4c55-9d43-0b1f1f2a0004", "point": "doors", "lieu": hall, "ok": "1"},
    )
    page = caretaker_client.get(reverse("rounds:round", args=[building.code])).content.decode()
    assert "vu, en ordre" in page


def test_sector_data_holds_no_tenant_contact_details(caretaker_client, personas):
    data = caretaker_client.get(reverse("rounds:data")).content.decode()
    for household in (personas.alice, personas.bob):
        for tenant in household.tenants:
            assert tenant.email not in data
            assert tenant.mobile_phone not in data
            assert tenant.first_name not in data
        assert household.lease.reference not in data
    assert personas.alice.holder.last_name in data  # the name on the door, as the pages show
    assert json.loads(data)["requests"]


# --- isolation ---------------------------------------------------------------------------


def _other_sector_urls(db_estate, request) -> list[str]:
    dwelling = db_estate.dwellings[0]
    entrance = db_estate.entrances[0]
    return [
        reverse("rounds:building", args=[db_estate.building.code]),
        reverse("rounds:building_requests", args=[db_estate.building.code]),
        reverse("rounds:entrance", args=[entrance.building.code, entrance.code]),
        reverse("rounds:dwelling", args=[dwelling.code]),
        reverse("rounds:request", args=[request.code]),
        reverse("rounds:round", args=[db_estate.building.code]),
    ]


def test_caretaker_gets_404_outside_their_sector(caretaker_client, elsewhere):
    estate, _household, request = elsewhere
    for url in _other_sector_urls(estate, request):
        assert caretaker_client.get(url).status_code == 404, url


def test_caretaker_cannot_write_outside_their_sector(caretaker_client, elsewhere):
    estate, _household, request = elsewhere
    url = reverse("rounds:request_action", args=[request.code, "note"])
    assert caretaker_client.post(url, {"message": "Vu."}).status_code == 404
    response = caretaker_client.post(
        reverse("rounds:round_check", args=[estate.building.code]), {"point": "lighting"}
    )
    assert response.status_code == 404


def test_other_sector_places_are_not_offered_by_the_new_request_page(caretaker_client, elsewhere):
    estate, _household, _request = elsewhere
    key = places.dwelling_key(estate.dwellings[0])
    page = caretaker_client.get(reverse("rounds:new_request"), {"lieu": key}).content.decode()
    assert "pas dans votre secteur" in page


@pytest.mark.parametrize("who", ["tenant", "officer", "other_caretaker"])
def test_only_a_caretaker_of_the_sector_gets_the_pages(personas, who):
    user = {
        "tenant": lambda: personas.alice_user,
        "officer": lambda: personas.officer,
        "other_caretaker": lambda: build_caretaker(build_estate().sector).user,
    }[who]()
    client = personas.client_for(user)
    url = reverse("rounds:request", args=[personas.alice_request.code])
    assert client.get(url).status_code == 404
    if who != "other_caretaker":
        assert client.get(reverse("rounds:home")).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("rounds:home"))
    assert response.status_code == 302 and "connexion" in response.url


def test_new_request_says_who_pays_as_the_tenant_hears_it_contracts_included(
    caretaker_client, personas
):
    from datetime import date

    from agir.estate.models import ContractKind, Contractor, MaintenanceContract

    contractor = Contractor.objects.create(name="Ascenseurs Flandres", phone="0 800 12 34 56")
    contract = MaintenanceContract.objects.create(
        reference="C-LIFT-1",
        contractor=contractor,
        kind=ContractKind.LIFT,
        phone="0 800 12 34 56",
        hours="7 j/7, 24 h/24",
        start_date=date(2020, 1, 1),
    )
    contract.buildings.add(personas.estate.building)
    lift = places.area_key(personas.estate.common_areas["lift"])
    page = caretaker_client.get(
        reverse("rounds:new_request"), {"lieu": lift, "probleme": "LIFT-CAR-NOT_WORKING"}
    ).content.decode()
    assert "Ascenseurs Flandres" in page and "0 800 12 34 56" in page
