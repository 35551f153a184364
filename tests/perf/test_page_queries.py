"""No page's query count grows with the data: each page, with 10 rows and with 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agir.repairs.models import RepairRequest, Status
from agir.rounds.sector_views import BUILDING_LINES, REQUESTS_PAGE
from tests.builders import (
    build_caretaker,
    common_area_request,
    request_copies,
    submitted_request,
)
from tests.portal.helpers import TenantWizard
from tests.staff_sign_in import sign_in


def _queries(client, url: str) -> int:
    # Warm, as a page is met most of the time: sessions, caches, and the dashboard's months
    # (counted on a first view, added up and kept on the next).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def grown(estate, household, neighbour):
    """Returns a function that brings the household's lease and building to `n` rows each."""
    mine = submitted_request(household)
    area = next(iter(estate.common_areas.values()))
    theirs = common_area_request(neighbour, area)
    closed = submitted_request(neighbour)

    def grow(n: int) -> None:
        request_copies(mine, n, status=Status.SUBMITTED)
        request_copies(theirs, n, status=Status.ACKNOWLEDGED)
        request_copies(closed, n, status=Status.CLOSED)

    return grow


def _both(client, grow, url: str) -> tuple[int, int]:
    grow(9)
    small = _queries(client, url)
    grow(990)
    return small, _queries(client, url)


@pytest.mark.parametrize("name", ["portal:home", "portal:requests"])
def test_tenant_page_makes_as_many_queries_with_1000_requests_as_with_10(
    client, household, grown, name
):
    client.force_login(household.holder.user)
    small, large = _both(client, grown, reverse(name))
    assert small == large


@pytest.mark.parametrize("query", ["", "?status=closed", "?status=closed&q=fuite&page=2"])
def test_officer_inbox_makes_as_many_queries_with_1000_requests_as_with_10(
    client, officer, grown, query
):
    sign_in(client, officer)
    small, large = _both(client, grown, reverse("backoffice:requests") + query)
    assert small == large


def test_tenant_home_shows_ten_notices_at_most(client, household, grown):
    grown(40)
    client.force_login(household.holder.user)
    response = client.get(reverse("portal:home"))
    assert len(response.context["notices"]) == 10
    assert len(response.context["lines"]) == 10


def test_my_requests_shows_a_page_and_links_to_the_next(client, household, grown):
    grown(40)
    client.force_login(household.holder.user)
    first = client.get(reverse("portal:requests"))
    assert len(first.context["lines"]) == 20
    assert "?page=2" in first.content.decode()
    last = client.get(reverse("portal:requests") + "?page=3")
    assert len(last.context["lines"]) == 1


def test_tenant_request_page_makes_as_many_queries_with_1000_requests_as_with_10(
    client, household, grown
):
    client.force_login(household.holder.user)
    shown = RepairRequest.objects.filter(lease=household.lease).earliest("pk")
    small, large = _both(client, grown, reverse("portal:request", args=[shown.code]))
    assert small == large


def test_officer_request_page_makes_as_many_queries_with_1000_requests_as_with_10(
    client, officer, household, grown
):
    sign_in(client, officer)
    shown = RepairRequest.objects.filter(lease=household.lease).earliest("pk")
    small, large = _both(client, grown, reverse("backoffice:request", args=[shown.code]))
    assert small == large


def test_officer_request_page_names_ten_possible_duplicates_in_as_many_queries_as_one(
    client, officer, household
):
    # Each possible duplicate is named by its place («Logement 12, Bâtiment A, entrée B»):
    # read one by one, its entrance and building cost two queries each.
    shown = submitted_request(household)
    sign_in(client, officer)
    url = reverse("backoffice:request", args=[shown.code])
    request_copies(shown, 1, status=Status.SUBMITTED)
    one = _queries(client, url)
    request_copies(shown, 9, status=Status.SUBMITTED)
    response = client.get(url)
    assert len(response.context["merge_candidates"]) == 10
    assert _queries(client, url) == one


@pytest.mark.parametrize(
    "step", ["wizard_where", "wizard_what", "wizard_symptom", "wizard_details", "wizard_review"]
)
def test_wizard_step_makes_as_many_queries_with_1000_requests_as_with_10(
    client, household, grown, step
):
    wizard = TenantWizard(client, household).start()
    wizard.reach_review()
    made = wizard.state
    args = {"wizard_what": [made.place], "wizard_symptom": [made.place, made.equipment]}
    small, large = _both(client, grown, wizard.url(step, *args.get(step, [])))
    assert small == large


def test_wizard_step_reads_the_catalogue_once_a_process(client, household):
    wizard = TenantWizard(client, household).start()
    wizard.reach_review()
    url = wizard.url("wizard_symptom", wizard.state.place, wizard.state.equipment)
    # the session, the user with their tenant record, the lease: the catalogue's places,
    # equipment and entries are held
    assert _queries(client, url) == 3


@pytest.mark.parametrize("page", ["home", "building", "building_requests"])
def test_caretaker_page_makes_as_many_queries_with_1000_requests_as_with_10(
    client, estate, grown, page
):
    caretaker = build_caretaker(estate.sector)
    client.force_login(caretaker.user)
    url = (
        reverse("rounds:home")
        if page == "home"
        else reverse(f"rounds:{page}", args=[estate.building.code])
    )
    small, large = _both(client, grown, url)
    assert small == large


def test_caretaker_building_page_reads_its_entrances_and_common_areas_once(client, estate):
    # Shown on the page, and the round's line is made from them: read once for both.
    caretaker = build_caretaker(estate.sector)
    client.force_login(caretaker.user)
    url = reverse("rounds:building", args=[estate.building.code])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert len([sql for sql in statements if sql.startswith('SELECT "estate_entrance"')]) == 1
    assert len([sql for sql in statements if sql.startswith('SELECT "estate_commonarea"')]) == 1
    assert len(response.context["entrances"]) == len(estate.entrances)


@pytest.mark.parametrize("page", ["building", "building_requests", "building_requests?page=2"])
def test_caretaker_building_page_weighs_the_same_with_200_open_requests_as_with_a_page(
    client, estate, household, page
):
    """The building's page shows BUILDING_LINES of its open requests, its list REQUESTS_PAGE a
    page: past those, more open requests change the page's size by the digits of their count
    and its queries not at all (fewer than a page, it is lighter: 5 requests, 5 lines)."""
    caretaker = build_caretaker(estate.sector)
    client.force_login(caretaker.user)
    name, _, query = page.partition("?")
    url = reverse(f"rounds:{name}", args=[estate.building.code]) + (f"?{query}" if query else "")
    mine = submitted_request(household)
    request_copies(mine, 4, status=Status.SUBMITTED)
    few_queries = _queries(client, url)
    request_copies(mine, max(BUILDING_LINES, 2 * REQUESTS_PAGE) + 1 - 5, status=Status.SUBMITTED)
    full = _weight_and_queries(client, url)
    request_copies(mine, 200 - RepairRequest.objects.open().count(), status=Status.SUBMITTED)
    assert RepairRequest.objects.open().count() == 200
    response = client.get(url)
    assert len(response.context["lines"]) == (
        BUILDING_LINES if name == "building" else REQUESTS_PAGE
    )
    weight, queries = _weight_and_queries(client, url)
    assert queries == full[1] == few_queries
    assert 0 <= weight - full[0] <= 4  # the counts' digits: «(51)» → «(200)»


# --- the estate's size: the place filters are typed, never listed (backoffice/place_search) -----


def _more_buildings(sector, count: int) -> None:
    """`count` more buildings, two a site, in the same sector (sectors stay a short list)."""
    from agir.estate.models import Building, Site

    first = Site.objects.count()
    sites = Site.objects.bulk_create(
        Site(
            code=f"GROW{first + n}", name=f"Cité Neuve {first + n}", postcode="59000", city="Lille"
        )
        for n in range((count + 1) // 2)
    )
    buildings = [
        Building(
            site=site,
            sector=sector,
            code=f"{site.code}-{letter}",
            name=f"{site.name} – bât. {letter}",
            street_address=f"{n} rue Neuve",
            postcode="59000",
            city="Lille",
        )
        for n, site in enumerate(sites)
        for letter in "AB"
    ]
    Building.objects.bulk_create(buildings[:count])


def _weight_and_queries(client, url: str) -> tuple[int, int]:
    # Warm, as a page is met most of the time: sessions, caches, and the dashboard's months
    # (counted on a first view, added up and kept on the next).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(queries)


def _typed(place: str, estate) -> str:
    """What the officer or the manager types for the parameter's placeholder."""
    return {
        "<the building's code>": estate.building.code,
        "<a word of the site's name>": estate.site.name.split()[-2],  # «Acacias»
    }.get(place, place)


def _assert_the_same_with_300_buildings_as_with_10(client, estate, url: str) -> None:
    from agir.estate.models import Building

    _more_buildings(estate.sector, 9)
    assert Building.objects.count() == 10
    small = _weight_and_queries(client, url)
    _more_buildings(estate.sector, 290)
    assert Building.objects.count() == 300
    assert _weight_and_queries(client, url) == small


@pytest.mark.parametrize(
    "place", ["", "<the building's code>", "<a word of the site's name>", "Nulle part"]
)
def test_officer_inbox_weighs_and_queries_the_same_with_300_buildings_as_with_10(
    client, officer, estate, household, place
):

    submitted_request(household)
    sign_in(client, officer)
    place = _typed(place, estate)
    url = reverse("backoffice:requests") + (f"?place={place}" if place else "")
    _assert_the_same_with_300_buildings_as_with_10(client, estate, url)


def test_notices_page_weighs_and_queries_the_same_with_300_buildings_as_with_10(
    client, officer, estate
):
    sign_in(client, officer)
    url = reverse("backoffice_notices:notices")
    _more_buildings(estate.sector, 9)
    small = _weight_and_queries(client, url)
    _more_buildings(estate.sector, 290)
    assert _weight_and_queries(client, url) == small


@pytest.mark.parametrize(
    "place", ["", "<the building's code>", "<a word of the site's name>", "Nulle part"]
)
def test_quality_dashboard_weighs_and_queries_the_same_with_300_buildings_as_with_10(
    client, estate, household, place
):
    from agir.accounts.models import Role
    from tests.builders import build_staff

    submitted_request(household)
    sign_in(client, build_staff(Role.MANAGER))
    place = _typed(place, estate)
    url = reverse("quality_staff:dashboard") + (f"?place={place}" if place else "")
    _assert_the_same_with_300_buildings_as_with_10(client, estate, url)
