"""The dashboard's place: one typed field (a site's or a building's code or name, with
suggestions: agir/backoffice/place_search), the figures of that place as before, and the
addresses made when it was two lists of ids (`?site=12`, `?building=34`) still lead there."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from agir.accounts.models import Role
from agir.estate.models import Building, Site
from agir.quality import exports
from agir.quality.indicators import compute
from agir.quality.sections import build_sections, section_by_slug
from tests.builders import build_estate, build_staff
from tests.quality.dataset import build_dataset
from tests.staff_sign_in import sign_in

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("quality_staff:dashboard")
NOVEMBER = {"start": "2025-11", "end": "2025-11"}  # the hand-worked month of dataset.py


@pytest.fixture
def manager_client(client):
    sign_in(client, build_staff(Role.MANAGER))
    return client


@pytest.fixture
def data(estate):
    return build_dataset(estate)


def tables(sections) -> dict[str, list]:
    return {section.slug: section.rows for section in sections}


def expected(data, **place) -> dict[str, list]:
    """The tables of the dataset's month for a site or a building, as the former filters'
    scope computed them (`Scope(site_id=…)`, `Scope(building_id=…)`)."""
    scope = data.scope.with_(now=None, **place)
    return tables(build_sections(compute(scope)))


def received(response) -> int:
    key_figures = tables(response.context["sections"])["chiffres-cles"]
    return next(row[1] for row in key_figures if row[0] == "Demandes reçues")


# --- typed ----------------------------------------------------------------------------------


def test_a_building_typed_by_its_code_gives_the_figures_of_that_building(
    manager_client, data, estate
):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": estate.building.code})
    assert response.status_code == 200
    scope = response.context["scope"]
    assert (scope.site_id, scope.building_id) == (None, estate.building.pk)
    assert tables(response.context["sections"]) == expected(data, building_id=estate.building.pk)
    assert received(response) == 6  # tests/quality/test_indicators.py, by hand
    page = response.content.decode()
    assert "Lieu :" in page and estate.building.name in page


def test_a_site_typed_by_its_code_in_small_letters_gives_the_figures_of_that_site(
    manager_client, data, estate
):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": estate.site.code.lower()})
    scope = response.context["scope"]
    assert (scope.site_id, scope.building_id) == (estate.site.pk, None)
    assert tables(response.context["sections"]) == expected(data, site_id=estate.site.pk)
    assert received(response) == 6


def test_another_site_has_none_of_these_requests(manager_client, data):
    elsewhere = build_estate(name="Résidence des Glycines")
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": elsewhere.site.code})
    assert response.context["scope"].site_id == elsewhere.site.pk
    assert received(response) == 0


def test_a_site_typed_by_a_word_of_its_name_is_that_site(manager_client, data, estate):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": "acacias"})
    assert response.context["scope"].site_id == estate.site.pk
    assert received(response) == 6


def test_the_exports_keep_the_place(manager_client, data, estate):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": estate.building.code})
    export = reverse("quality_staff:export", args=["urgences", "csv"])
    assert f"{export}?{response.context['query']}" in html.unescape(response.text)
    assert f"place={estate.building.code}" in response.context["query"]
    scope = data.scope.with_(now=None, building_id=estate.building.pk)
    urgencies = section_by_slug(build_sections(compute(scope)), "urgences")
    body = manager_client.get(export, {**NOVEMBER, "place": estate.building.code}).content
    assert body == exports.to_csv(urgencies)
    elsewhere = build_estate()
    assert (
        manager_client.get(export, {**NOVEMBER, "place": elsewhere.building.code}).content != body
    )


# --- bad input ------------------------------------------------------------------------------


def test_a_place_that_names_nothing_says_so_and_shows_the_whole_estate(manager_client, data):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "place": "Nulle part"})
    assert response.status_code == 200
    assert "Aucune résidence ni aucun bâtiment ne correspond à « Nulle part »." in response.text
    assert response.context["scope"].whole_estate
    assert "Lieu :" not in response.text


def test_words_that_name_several_places_list_them_as_links(manager_client, db):
    first = build_estate(name="Les Tilleuls Nord")
    second = build_estate(name="Les Tilleuls Sud")
    response = manager_client.get(DASHBOARD, {"place": "tilleuls"})
    assert response.status_code == 200
    assert "Plusieurs lieux correspondent à « tilleuls »" in response.text
    assert response.context["scope"].whole_estate
    links = [url for _found, url in response.context["place_links"]]
    assert sorted(parse_qs(urlsplit(url).query)["place"][0] for url in links) == [
        first.site.code,
        second.site.code,
    ]


def test_an_entrance_is_not_a_place_of_the_dashboard(manager_client, estate):
    response = manager_client.get(DASHBOARD, {"place": f"{estate.building.code} / A"})
    assert response.status_code == 200
    assert response.context["scope"].whole_estate
    assert "Aucune résidence ni aucun bâtiment" in response.text


@pytest.mark.parametrize("typed", ["\x00", "%", "_", "x" * 500, "'; --", "   "])
def test_strange_text_is_never_an_error_of_the_server(manager_client, estate, typed):
    assert manager_client.get(DASHBOARD, {"place": typed}).status_code == 200


def test_the_page_lists_no_site_and_no_building(manager_client, estate):
    page = manager_client.get(DASHBOARD).text
    assert estate.site.name not in page and estate.building.code not in page
    assert 'list="place-suggestions"' in page and "/bureau/lieux/" in page
    assert 'name="site"' not in page and 'name="building"' not in page


# --- the former addresses -------------------------------------------------------------------


def redirected_query(response) -> dict[str, list[str]]:
    assert response.status_code == 302
    return parse_qs(urlsplit(response.url).query, keep_blank_values=True)


def test_a_former_site_address_leads_to_the_site_typed(manager_client, data, estate):
    response = manager_client.get(DASHBOARD, {**NOVEMBER, "site": str(estate.site.pk)})
    assert redirected_query(response) == {
        "start": ["2025-11"],
        "end": ["2025-11"],
        "place": [estate.site.code],
    }
    followed = manager_client.get(response.url)
    assert followed.context["scope"].site_id == estate.site.pk
    assert tables(followed.context["sections"]) == expected(data, site_id=estate.site.pk)


def test_a_former_building_address_leads_to_the_building_typed(manager_client, data, estate):
    response = manager_client.get(
        DASHBOARD, {"site": str(estate.site.pk), "building": str(estate.building.pk)}
    )
    assert redirected_query(response) == {"place": [estate.building.code]}


def test_a_former_address_with_empty_lists_keeps_the_other_filters(manager_client, estate):
    # What the former form sent when nothing was chosen in either list.
    response = manager_client.get(
        DASHBOARD, {"start": "2025-11", "site": "", "building": "", "sector": ""}
    )
    assert redirected_query(response) == {"start": ["2025-11"], "sector": [""]}
    assert not list(manager_client.get(response.url).context["messages"])


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "9" * 40, "١٢"])
def test_a_former_address_of_a_place_gone_says_so_and_shows_the_whole_estate(
    manager_client, estate, value
):
    response = manager_client.get(DASHBOARD, {"building": value, "start": "2025-11"})
    assert redirected_query(response) == {"start": ["2025-11"]}
    followed = manager_client.get(response.url)
    assert followed.status_code == 200
    assert followed.context["scope"].whole_estate
    assert "n'existe plus : voici les chiffres de tout le patrimoine" in html.unescape(
        followed.text
    )


def test_a_former_export_address_exports_the_place(manager_client, data, estate):
    export = reverse("quality_staff:export", args=["urgences", "csv"])
    response = manager_client.get(export, {**NOVEMBER, "building": str(estate.building.pk)})
    assert redirected_query(response)["place"] == [estate.building.code]
    assert manager_client.get(response.url).status_code == 200


# --- the suggestions ------------------------------------------------------------------------


def test_a_manager_gets_suggestions_from_the_whole_estate(manager_client, estate):
    other = build_estate()  # another sector: a manager is scoped to none
    Site.objects.filter(pk=other.site.pk).update(name="Les Tilleuls")
    Building.objects.filter(pk=estate.building.pk).update(name="Tilleuls A")
    response = manager_client.get(reverse("backoffice:place_suggestions"), {"place": "tilleuls"})
    assert response.status_code == 200
    assert f'value="{other.site.code}"' in response.text
    assert f'value="{estate.building.code}"' in response.text
