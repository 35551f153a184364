"""The tenant's home and «Mes demandes»."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import (
    build_estate,
    build_household,
    common_area_request,
    submitted_request,
)
from tests.portal.helpers import text_of
from tests.staff_sign_in import sign_in as staff_sign_in

PARIS = ZoneInfo("Europe/Paris")


def sign_in(client, household):
    client.force_login(household.holder.user)


def test_a_tenant_is_sent_from_the_site_root_to_their_home(client, household):
    sign_in(client, household)

    response = client.get("/")

    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_home_greets_the_tenant_with_name_and_address(client, household):
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:home")))

    assert f"Bonjour {household.holder.full_name}" in page
    assert household.lease.dwelling.entrance.street_address in page
    assert "Signaler un problème" in page


def test_home_lists_open_requests_with_status_in_words_and_planned_date(client, household, officer):
    request = submitted_request(household)
    actor = Actor.of(officer)
    lifecycle.acknowledge(request, actor=actor)
    start = datetime(2030, 3, 12, 8, tzinfo=PARIS)
    lifecycle.schedule(request, actor=actor, start=start, end=start + timedelta(hours=4))
    closed = submitted_request(household, entry_code="KIT-TAP-LEAK")
    lifecycle.cancel(closed, actor=actor)
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:home")))

    assert "Fuite sous l'évier" in page
    assert "Intervention prévue le mardi 12 mars 2030, le matin." in page
    assert "Robinet qui goutte" not in page  # cancelled: no longer «en cours»


def test_home_tells_of_an_open_request_about_the_buildings_common_areas(
    client, estate, household, neighbour
):
    theirs = common_area_request(
        neighbour, estate.common_areas["hall"], entry_code="HALL-MAIN_DOOR-BROKEN"
    )
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:home")))

    assert "Dans votre immeuble" in page
    assert f"{estate.common_areas['hall'].label} : {theirs.title}" in page
    assert theirs.reference not in page  # a neighbour's request: what, not whose


def test_home_does_not_tell_of_another_buildings_problems(client, household):
    elsewhere = build_estate()
    other = build_household(elsewhere.dwellings[0])
    common_area_request(other, elsewhere.common_areas["bin_room"], entry_code="BIN-BINS-DIRTY")
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:home")))

    assert "Dans votre immeuble" not in page


def test_home_is_not_found_for_staff(client, officer):
    staff_sign_in(client, officer)

    assert client.get(reverse("portal:home")).status_code == 404


def test_my_requests_lists_the_lease_requests_newest_first(client, household, neighbour):
    first = submitted_request(household, entry_code="KIT-TAP-LEAK")
    second = submitted_request(household, entry_code="KIT-SINK-LEAK")
    theirs = submitted_request(neighbour, entry_code="KIT-SINK-BLOCKED")
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:requests")))

    assert page.index(second.reference) < page.index(first.reference)
    assert theirs.reference not in page


def test_my_requests_leaves_out_a_lease_the_tenant_left(client, estate, household):
    old_lease = build_household(estate.dwellings[3], start=date(2015, 1, 1), end=date(2020, 1, 1))
    old = submitted_request(old_lease)
    old_lease.lease.occupancies.create(tenant=household.holder, is_holder=False)
    sign_in(client, household)

    page = text_of(client.get(reverse("portal:requests")))

    assert old.reference not in page
