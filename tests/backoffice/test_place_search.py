"""The place field's suggestions (agir/backoffice/place_search): an officer types a code or a
name and gets a few sites and buildings, never the whole estate."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agir.accounts.models import Role
from agir.backoffice.place_search import search
from agir.estate.models import Building, Site
from tests.builders import build_estate, build_staff
from tests.staff_sign_in import sign_in

URL = "/bureau/lieux/"


def codes(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)"', response.text)


def add_buildings(site: Site, sector, count: int, prefix: str = "ZZ") -> None:
    """`count` more buildings on `site` (bulk: the estate's size is what is measured)."""
    Building.objects.bulk_create(
        Building(
            site=site,
            sector=sector,
            code=f"{prefix}{n:04d}",
            name=f"Immeuble {prefix} {n}",
            street_address=f"{n} rue Neuve",
            postcode="59000",
            city="Lille",
        )
        for n in range(count)
    )


@pytest.fixture
def suggest(client, officer):
    sign_in(client, officer)

    def get(text: str, **params):
        return codes(client.get(URL, {"place": text, **params}))

    return get


def test_a_building_is_suggested_by_the_start_of_its_code(suggest, estate):
    assert estate.building.code in suggest(estate.building.code[:2].lower())


def test_a_site_is_suggested_by_a_word_of_its_name(suggest, db):
    estate = build_estate(name="Résidence des Glycines")
    assert suggest("glycines")[0] == estate.site.code


def test_a_building_is_suggested_by_a_word_of_its_name(suggest, estate):
    Building.objects.filter(pk=estate.building.pk).update(name="Tour Mistral")
    assert suggest("mistral") == [estate.building.code]


def test_the_place_whose_code_is_typed_comes_first(suggest, estate):
    add_buildings(estate.site, estate.sector, 20, prefix=estate.building.code)
    assert suggest(estate.building.code.lower())[0] == estate.building.code


def test_there_are_15_suggestions_at_most(suggest, estate):
    add_buildings(estate.site, estate.sector, 40)
    assert len(suggest("ZZ")) == search.LIMIT == 15


def test_nothing_typed_suggests_nothing(suggest, estate):
    assert suggest("   ") == []


@pytest.mark.parametrize("typed", ["\x00", "%", "_", "x" * 500, "B1 / A", "'; --"])
def test_strange_text_gets_suggestions_not_an_error(suggest, estate, typed):
    suggest(typed)  # 200, whatever the text


def test_a_scoped_officer_is_suggested_the_places_of_their_sectors_only(client, db):
    mine, theirs = build_estate(name="Les Ormes Nord"), build_estate(name="Les Ormes Sud")
    officer = build_staff(Role.OFFICER)
    officer.sectors.set([mine.sector])
    sign_in(client, officer)
    found = codes(client.get(URL, {"place": "ormes"}))
    assert mine.site.code in found and mine.building.code in found
    assert theirs.site.code not in found and theirs.building.code not in found


def test_a_notice_is_suggested_the_entrances_of_the_building_whose_code_is_typed(suggest, estate):
    found = suggest(estate.building.code, pour="avis")
    assert [f"{estate.building.code} / {e.code}" for e in estate.entrances] == found[1:3]


@pytest.mark.parametrize("role", [Role.CARETAKER, Role.CONTRACTOR])
def test_suggestions_are_for_officers_and_managers_only(client, estate, role):
    sign_in(client, build_staff(role))
    assert client.get(URL, {"place": estate.building.code}).status_code == 404


def test_a_tenant_gets_no_suggestions(client, household):
    sign_in(client, household.holder.user)
    assert (
        client.get(URL, {"place": household.lease.dwelling.entrance.building.code}).status_code
        == 404
    )


def test_suggestions_make_as_many_queries_with_300_buildings_as_with_10(client, officer, estate):
    sign_in(client, officer)
    add_buildings(estate.site, estate.sector, 9)

    def queries() -> int:
        client.get(URL, {"place": "immeuble"})  # warm: session, user
        with CaptureQueriesContext(connection) as done:
            client.get(URL, {"place": "immeuble"})
        return len(done)

    with_10 = queries()
    add_buildings(estate.site, estate.sector, 290, prefix="YY")
    assert queries() == with_10
