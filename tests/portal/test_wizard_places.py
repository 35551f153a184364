"""Steps 1 to 3: where, what, which problem — and forged choices answered in French."""

import re
from datetime import date

import pytest
from django.urls import reverse

from agir.estate.models import CommonArea, CommonAreaKind
from tests.builders import build_estate, build_household
from tests.portal.helpers import TenantWizard, followed, text_of
from tests.staff_sign_in import sign_in


def links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', response.content.decode())


def test_starting_makes_a_wizard_and_opens_where(client, household):
    wizard = TenantWizard(client, household).start()

    response = wizard.get("wizard_where")

    assert response.status_code == 200
    assert "Où est le problème ?" in text_of(response)
    assert "Étape 1 sur 5" in text_of(response)


def test_where_draws_the_plan_of_the_dwelling_type_with_each_room_a_link(wizard):
    response = wizard.get("wizard_where")
    html = response.content.decode()

    for room in ("kitchen", "hallway", "wc", "bathroom", "living-room", "bedroom-1", "bedroom-2"):
        assert wizard.url("wizard_what", room) in links(response)
    assert re.search(r'<a href="[^"]+/quoi/kitchen/" class="room">.*?Cuisine', html, re.S)
    assert "Chambre 3" not in html  # a T3 has two bedrooms


def test_where_offers_the_common_areas_of_the_tenants_building(wizard, estate):
    response = wizard.get("wizard_where")

    hall = estate.common_areas["hall"]
    assert wizard.url("wizard_what", f"commun-{hall.pk}") in links(response)
    assert "Parking" in text_of(response)


def test_where_shows_the_lift_only_when_the_entrance_has_one(client, db):
    low = build_estate(floors=3)
    high = build_estate(floors=6)
    without = TenantWizard(client, build_household(low.dwellings[0])).start()
    assert "Ascenseur" not in text_of(without.get("wizard_where"))

    with_lift = TenantWizard(client, build_household(high.dwellings[0])).start()
    assert "Ascenseur" in text_of(with_lift.get("wizard_where"))


def test_what_shows_the_kitchen_scene_and_the_same_choices_as_buttons(wizard):
    response = wizard.get("wizard_what", "kitchen")
    html = response.content.decode()

    sink = wizard.url("wizard_symptom", "kitchen", "sink")
    assert html.count(f'href="{sink}"') == 2  # in the scene and in the list
    assert 'class="scene"' in html
    # The radiator belongs to the whole dwelling in the catalogue, but is reported from a room.
    assert wizard.url("wizard_symptom", "kitchen", "radiator") in links(response)


def test_symptom_cards_are_the_entries_of_that_place_and_equipment(wizard):
    response = wizard.get("wizard_symptom", "kitchen", "sink")

    assert wizard.url("wizard_choose", "kitchen", "KIT-SINK-LEAK") in links(response)
    assert wizard.url("wizard_choose", "kitchen", "KIT-SINK-BLOCKED") in links(response)
    assert wizard.url("wizard_other", "kitchen", "sink") in links(response)
    assert "Fuite" in text_of(response)


def test_choosing_a_problem_goes_to_the_details(wizard):
    response = wizard.choose("kitchen", "KIT-SINK-LEAK")

    assert response.url == wizard.url("wizard_details")
    assert (wizard.state.place, wizard.state.equipment, wizard.state.entry) == (
        "kitchen",
        "sink",
        "KIT-SINK-LEAK",
    )


def test_a_forged_common_area_is_refused_in_french_and_keeps_what_was_entered(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    wizard.details(description="Ça coule.", access_notes="Code 1234")
    elsewhere = build_estate().common_areas["hall"]

    response = followed(wizard.client, wizard.get("wizard_what", f"commun-{elsewhere.pk}"))

    assert response.status_code == 200
    assert "Ce lieu ne fait pas partie de votre logement ni de votre immeuble." in text_of(response)
    assert (wizard.state.description, wizard.state.access_notes) == ("Ça coule.", "Code 1234")
    assert wizard.state.entry == "KIT-SINK-LEAK"


def test_a_common_area_of_another_entrance_is_refused(wizard, estate):
    other_hall = CommonArea.objects.create(
        kind=CommonAreaKind.HALL, label="Hall B", entrance=estate.entrances[1]
    )

    response = followed(wizard.client, wizard.get("wizard_what", f"commun-{other_hall.pk}"))

    assert "Ce lieu ne fait pas partie" in text_of(response)


@pytest.mark.parametrize("key", ["garage", "bedroom-9", "commun-999999", "commun-abc"])
def test_an_unknown_place_is_refused_with_a_message(wizard, key):
    response = followed(wizard.client, wizard.get("wizard_what", key))

    assert response.status_code == 200
    assert "Ce lieu ne fait pas partie" in text_of(response)


def test_an_equipment_not_in_that_room_is_refused(wizard):
    response = followed(wizard.client, wizard.get("wizard_symptom", "wc", "hob"))

    assert "Cet équipement n'est pas proposé pour ce lieu." in text_of(response)


def test_a_forged_entry_for_the_place_is_refused_and_the_choice_kept(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = followed(wizard.client, wizard.choose("kitchen", "LIFT-CAR-NOT_WORKING"))

    assert "Ce problème ne correspond pas à ce lieu." in text_of(response)
    assert wizard.state.entry == "KIT-SINK-LEAK"


def test_an_unknown_entry_is_refused(wizard):
    response = followed(wizard.client, wizard.choose("kitchen", "NO-SUCH-ENTRY"))

    assert "Ce problème ne correspond pas à ce lieu." in text_of(response)
    assert wizard.state.entry == ""


def test_another_persons_wizard_id_is_not_found_in_this_session(client, household, neighbour):
    theirs = TenantWizard(client, neighbour).start()
    client.logout()
    TenantWizard(client, household)

    response = followed(client, client.get(theirs.url("wizard_where")))

    assert "Cette saisie n'est plus disponible" in text_of(response)


def test_a_tenant_with_two_leases_chooses_the_dwelling_first(client, estate, household):
    second = build_household(estate.dwellings[4], start=date(2020, 1, 1))
    second.lease.occupancies.create(tenant=household.holder, is_holder=False)
    TenantWizard(client, household)

    page = client.get(reverse("portal:wizard_start"))

    assert page.status_code == 200
    assert "Pour quel logement ?" in text_of(page)
    chosen = client.post(reverse("portal:wizard_start"), {"logement": second.lease.pk})
    assert chosen.status_code == 302


def test_a_forged_dwelling_is_refused_in_french(client, estate, household, neighbour):
    second = build_household(estate.dwellings[4], start=date(2020, 1, 1))
    second.lease.occupancies.create(tenant=household.holder, is_holder=False)
    TenantWizard(client, household)

    response = client.post(reverse("portal:wizard_start"), {"logement": neighbour.lease.pk})

    assert response.status_code == 400
    assert "Ce logement n'est pas l'un des vôtres." in text_of(response)


def test_a_wizard_url_is_not_found_for_staff(client, officer, wizard):
    client.logout()
    sign_in(client, officer)

    assert client.get(wizard.url("wizard_where")).status_code == 404
