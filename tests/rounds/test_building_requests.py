"""A building's page shows its most pressing open requests, up to a bound; the list of them all
goes a page at a time, in the same order, and is kept on the phone for offline use."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from agir.catalogue.models import Urgency
from agir.repairs.models import OPEN_STATUSES, RepairRequest, Status
from agir.rounds.sector_views import BUILDING_LINES, REQUESTS_PAGE
from tests.builders import build_caretaker
from tests.builders import request_copies as copies


@pytest.fixture
def caretaker_client(personas):
    return personas.client_for(personas.caretaker.user)


def open_in(building) -> list[str]:
    return [
        r.reference
        for r in RepairRequest.objects.filter(building=building, status__in=OPEN_STATUSES)
    ]


def building_url(personas) -> str:
    return reverse("rounds:building", args=[personas.estate.building.code])


def list_url(personas) -> str:
    return reverse("rounds:building_requests", args=[personas.estate.building.code])


def shown(response) -> list[str]:
    return [line.request.reference for line in response.context["lines"]]


# --- the building's page --------------------------------------------------------------------


def test_it_shows_the_bound_with_the_total_and_a_link_to_them_all(caretaker_client, personas):
    copies(personas.alice_request, 40)
    copies(personas.alice_request, 5, status=Status.CLOSED)  # not counted
    total = len(open_in(personas.estate.building))
    assert total == 43  # the personas' three and the 40
    response = caretaker_client.get(building_url(personas))
    page = response.content.decode()
    assert len(shown(response)) == BUILDING_LINES
    assert f"Demandes en cours ({total})" in page
    assert f"Voir les {total} demandes ouvertes" in page
    assert f'href="{list_url(personas)}"' in page
    english = caretaker_client.get(building_url(personas), HTTP_ACCEPT_LANGUAGE="en")
    assert f"See all {total} open requests" in english.content.decode()


def test_it_shows_every_open_request_and_no_link_when_they_fit(caretaker_client, personas):
    response = caretaker_client.get(building_url(personas))
    page = response.content.decode()
    assert sorted(shown(response)) == sorted(open_in(personas.estate.building))
    assert "Demandes en cours (3)" in page
    assert list_url(personas) not in page


def test_emergencies_come_first_then_urgent_ones_then_the_newest(caretaker_client, personas):
    template = personas.alice_request
    made = (personas.alice_request, personas.bob_request, personas.former_request)
    RepairRequest.objects.filter(pk__in=[r.pk for r in made]).update(status=Status.CLOSED)
    old_emergency = copies(template, 1, urgency=Urgency.EMERGENCY, hours_ago=500)
    new_emergency = copies(template, 1, urgency=Urgency.EMERGENCY, hours_ago=5)
    old_urgent = copies(template, 1, urgency=Urgency.URGENT, hours_ago=400)
    planned = copies(template, 1, urgency=Urgency.PLANNED, hours_ago=1)
    normal = copies(template, 2, urgency=Urgency.NORMAL, hours_ago=2)  # 2 and 3 hours ago
    expected = [new_emergency, old_emergency, old_urgent, planned, normal]
    response = caretaker_client.get(building_url(personas))
    assert shown(response) == [r.reference for group in expected for r in group]
    page = response.content.decode()
    assert page.count('class="urgency emergency"') == 2
    assert page.count('class="urgency urgent"') == 1


def test_the_bound_keeps_an_old_emergency_over_newer_requests(caretaker_client, personas):
    (emergency,) = copies(personas.alice_request, 1, urgency=Urgency.EMERGENCY, hours_ago=5000)
    copies(personas.alice_request, BUILDING_LINES + 10)
    response = caretaker_client.get(building_url(personas))
    assert shown(response)[0] == emergency.reference


# --- the list of them all -------------------------------------------------------------------


def test_the_list_pages_through_every_open_request_once(caretaker_client, personas):
    copies(personas.alice_request, 30)
    copies(personas.alice_request, 12, urgency=Urgency.URGENT, hours_ago=48)
    emergencies = copies(personas.alice_request, 3, urgency=Urgency.EMERGENCY, hours_ago=3000)
    copies(personas.alice_request, 10, status=Status.CLOSED)
    copies(personas.alice_request, 4, status=Status.DONE)
    expected = open_in(personas.estate.building)
    assert len(expected) == 48
    pages = -(-len(expected) // REQUESTS_PAGE)
    assert pages > 1
    seen: list[str] = []
    url = list_url(personas)
    while url:
        response = caretaker_client.get(url)
        assert response.status_code == 200
        assert len(shown(response)) <= REQUESTS_PAGE
        seen += shown(response)
        page = response.context["page"]
        url = list_url(personas) + f"?page={page.next_page_number()}" if page.has_next() else ""
    assert len(seen) == len(set(seen)) == len(expected)
    assert set(seen) == set(expected)
    # the same order as the building's page: its lines are the list's first
    first = shown(caretaker_client.get(building_url(personas)))
    assert seen[:BUILDING_LINES] == first
    assert seen[:3] == [r.reference for r in emergencies]  # made newest first


def test_the_list_links_its_pages_as_the_phone_keeps_them(caretaker_client, personas):
    copies(personas.alice_request, 2 * REQUESTS_PAGE)
    url = list_url(personas)
    first = caretaker_client.get(url).content.decode()
    assert f'href="{url}?page=2"' in first
    assert "Page 1 sur 3" in first
    second = caretaker_client.get(f"{url}?page=2").content.decode()
    # back to the first page by the address the phone kept, without «?page=1»
    assert f'href="{url}"' in second and "?page=1" not in second
    assert f'href="{url}?page=3"' in second
    last = caretaker_client.get(f"{url}?page=3")
    assert len(shown(last)) == 3  # 53 open requests: 25, 25 and 3
    assert "?page=4" not in last.content.decode()


@pytest.mark.parametrize("page", ["0", "99", "deux"])
def test_a_page_out_of_range_shows_a_page_rather_than_an_error(caretaker_client, personas, page):
    copies(personas.alice_request, 30)
    response = caretaker_client.get(list_url(personas) + f"?page={page}")
    assert response.status_code == 200
    assert shown(response)


def test_the_list_is_not_found_outside_the_caretakers_sector(personas, elsewhere):
    estate, _household, _request = elsewhere
    url = reverse("rounds:building_requests", args=[estate.building.code])
    assert personas.client_for(personas.caretaker.user).get(url).status_code == 404
    other = build_caretaker(estate.sector)
    assert personas.client_for(other.user).get(list_url(personas)).status_code == 404
    assert personas.client_for(other.user).get(url).status_code == 200
    missing = reverse("rounds:building_requests", args=["NOWHERE"])
    assert personas.client_for(personas.caretaker.user).get(missing).status_code == 404


@pytest.mark.parametrize("who", ["tenant", "officer"])
def test_the_list_is_for_caretakers_only(personas, who):
    user = {"tenant": personas.alice_user, "officer": personas.officer}[who]
    assert personas.client_for(user).get(list_url(personas)).status_code == 404


# --- offline --------------------------------------------------------------------------------


def test_the_phone_keeps_every_page_of_the_list_ahead(caretaker_client, personas):
    data = json.loads(caretaker_client.get(reverse("rounds:data")).content)
    assert not [p for p in data["pages"] if p.startswith(list_url(personas))]  # 3 fit
    copies(personas.alice_request, 2 * REQUESTS_PAGE)  # 53 open: three pages
    data = json.loads(caretaker_client.get(reverse("rounds:data")).content)
    url = list_url(personas)
    assert [p for p in data["pages"] if p.startswith(url)] == [
        url,
        f"{url}?page=2",
        f"{url}?page=3",
    ]
    for kept in (url, f"{url}?page=2", f"{url}?page=3"):
        assert caretaker_client.get(kept).status_code == 200
