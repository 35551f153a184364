"""Building notices: staff post them on a site, building or entrance until an end date; the
tenants of that place see them at home and, entering a request for the same equipment, are
offered to follow the linked request instead."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agir.catalogue.models import CatalogueEntry
from agir.notices import service
from agir.notices.models import Notice
from agir.portal.wizard.places import key_for_entry
from agir.repairs.models import RepairRequest, RequestFollower
from tests.builders import build_estate, build_household, build_staff, common_area_request
from tests.portal.helpers import TenantWizard, text_of
from tests.staff_sign_in import sign_in

HEATING = "DWL-RADIATOR-NO_HEAT"


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


def post_by_http(client, **fields):
    body = {"scope": "entrance", "ends_on": in_days(5).isoformat(), **fields}
    return client.post("/bureau/avis/", body)


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_staff_post_a_notice_on_an_entrance(client, estate, role):
    sign_in(client, build_staff(role))
    response = post_by_http(
        client,
        text="Ascenseur en panne, intervention prévue le 12",
        place=f"{estate.building.code} / {estate.entrances[0].code}",
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.entrance == estate.entrances[0]


@pytest.mark.parametrize("role", ["caretaker", "contractor"])
def test_other_staff_cannot_post_a_notice(client, estate, role):
    sign_in(client, build_staff(role))
    response = post_by_http(client, text="Avis", place=f"{estate.building.code} / A")
    assert response.status_code == 404
    assert not Notice.objects.exists()


def test_a_tenant_cannot_post_a_notice(client, household):
    sign_in(client, household.holder.user)
    entrance = household.lease.dwelling.entrance
    response = post_by_http(
        client, text="Avis", place=f"{entrance.building.code} / {entrance.code}"
    )
    assert response.status_code == 404
    assert not Notice.objects.exists()


def test_a_notice_posted_with_a_request_takes_its_place_and_equipment(client, estate, officer):
    request = common_area_request(build_household(estate.dwellings[0]), estate.common_areas["lift"])
    sign_in(client, officer)
    post_by_http(client, text="Ascenseur en panne", request=request.reference, scope="building")
    notice = Notice.objects.get()
    assert notice.building == estate.building
    assert notice.request == request
    assert notice.equipment == request.catalogue_entry.equipment


def test_an_unknown_request_reference_is_refused_in_french(client, estate, officer):
    sign_in(client, officer)
    response = post_by_http(client, text="Avis", request="1999-000000")
    assert "Aucune demande n° 1999-000000." in response.content.decode()
    assert not Notice.objects.exists()


def test_the_tenants_of_the_place_see_the_notice_at_home(client, household, officer):
    service.post(
        text="Coupure d'eau jeudi matin", ends_on=in_days(3), by=officer,
        building=household.lease.dwelling.entrance.building,
    )  # fmt: skip
    sign_in(client, household.holder.user)
    assert "Coupure d&#x27;eau jeudi matin" in client.get("/locataire/").content.decode()


def test_tenants_elsewhere_do_not_see_it(client, household, officer):
    elsewhere = build_estate()
    service.post(text="Coupure d'eau", ends_on=in_days(3), by=officer, site=elsewhere.site)
    sign_in(client, household.holder.user)
    assert "Coupure d" not in client.get("/locataire/").content.decode()


def test_a_notice_past_its_end_date_is_not_shown(household, officer):
    notice = service.post(
        text="Ancien avis", ends_on=in_days(2), starts_on=in_days(-5), by=officer,
        entrance=household.lease.dwelling.entrance,
    )  # fmt: skip
    Notice.objects.filter(pk=notice.pk).update(ends_on=in_days(-1))
    assert list(service.at_home(household.lease.dwelling)) == []


def test_a_notice_is_posted_on_one_place_only(household, officer):
    from agir.repairs.lifecycle import InvalidRequest

    with pytest.raises(InvalidRequest):
        service.post(text="Avis", ends_on=in_days(2), by=officer)


def test_taking_a_notice_down(client, household, officer):
    notice = service.post(
        text="Avis", ends_on=in_days(2), starts_on=in_days(-2), by=officer,
        entrance=household.lease.dwelling.entrance,
    )  # fmt: skip
    sign_in(client, officer)
    client.post(f"/bureau/avis/{notice.code}/retirer/")
    assert list(service.at_home(household.lease.dwelling)) == []


@pytest.fixture
def heating_notice(estate, officer):
    """The heating is off for the building: a request about it, and a notice linked to it."""
    reporter = build_household(estate.dwellings[1])
    request = common_area_request(
        reporter, estate.common_areas["hall"], entry_code="HALL-MAIN_DOOR-BROKEN"
    )
    return service.post(
        text="Chauffage collectif coupé, réparation prévue le 12",
        ends_on=in_days(5),
        by=officer,
        building=estate.building,
        request=request,
        equipment=CatalogueEntry.objects.get(code=HEATING).equipment,
    )


def test_entering_a_request_for_the_same_equipment_offers_to_follow(
    client, household, heating_notice
):
    wizard = TenantWizard(client, household).start()
    entry = CatalogueEntry.objects.get(code=HEATING)
    response = wizard.choose(key_for_entry(entry, household.lease.dwelling), HEATING)
    assert response.url == wizard.url("wizard_duplicate")
    assert heating_notice.request.title in text_of(wizard.get("wizard_duplicate"))


def test_following_from_the_notice_makes_no_new_request(client, household, heating_notice):
    wizard = TenantWizard(client, household).start()
    entry = CatalogueEntry.objects.get(code=HEATING)
    wizard.choose(key_for_entry(entry, household.lease.dwelling), HEATING)
    wizard.client.post(
        wizard.url("wizard_duplicate"),
        {"action": "join", "demande": str(heating_notice.request.code)},
    )
    assert RequestFollower.objects.filter(
        request=heating_notice.request, tenant=household.holder
    ).exists()
    assert RepairRequest.objects.count() == 1


def test_the_request_page_offers_a_notice_prefilled_with_the_request(client, estate, officer):
    request = common_area_request(build_household(estate.dwellings[0]), estate.common_areas["lift"])
    sign_in(client, officer)
    page = client.get(f"/bureau/demandes/{request.code}/").content.decode()
    link = f"/bureau/avis/?demande={request.reference}"
    assert link in page
    assert f'value="{request.reference}"' in client.get(link).content.decode()


# --- the place, typed (agir/backoffice/place_search) ------------------------------------------


def test_a_notice_goes_on_the_building_whose_code_is_typed(client, estate, officer):
    sign_in(client, officer)
    post_by_http(client, text="Coupure d'eau", scope="building", place=estate.building.code.lower())
    assert Notice.objects.get().building == estate.building


def test_a_notice_goes_on_the_site_whose_name_is_typed(client, officer, db):
    estate = build_estate(name="Résidence des Glycines")
    sign_in(client, officer)
    post_by_http(client, text="Coupure d'eau", scope="site", place="glycines")
    assert Notice.objects.get().site == estate.site


def test_a_place_that_matches_nothing_is_refused_in_french(client, estate, officer):
    sign_in(client, officer)
    response = post_by_http(client, text="Avis", scope="site", place="Nulle part")
    assert "Aucune résidence, aucun bâtiment ni aucune entrée ne correspond à « Nulle part »." in (
        response.content.decode()
    )
    assert not Notice.objects.exists()


def test_a_place_that_names_several_is_refused_with_what_it_names(client, officer, db):
    first, second = build_estate(name="Les Hêtres Nord"), build_estate(name="Les Hêtres Sud")
    sign_in(client, officer)
    page = post_by_http(client, text="Avis", scope="site", place="Hêtres").content.decode()
    assert "Plusieurs lieux correspondent à « Hêtres »" in page
    assert first.site.code in page and second.site.code in page
    assert not Notice.objects.exists()


def test_a_building_typed_for_a_notice_at_the_entrance_asks_for_the_entrance(
    client, estate, officer
):
    sign_in(client, officer)
    page = post_by_http(client, text="Avis", scope="entrance", place=estate.building.code)
    assert "choisissez une entrée : le code du bâtiment, une barre et" in page.content.decode()
    assert not Notice.objects.exists()


def test_the_notices_page_lists_no_building(client, estate, officer):
    sign_in(client, officer)
    page = client.get("/bureau/avis/").content.decode()
    assert estate.building.code not in page
    assert 'list="place-suggestions"' in page
