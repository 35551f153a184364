"""Who pays: `agir.catalogue.payer.who_pays`, from the catalogue entry and the place's contracts,
until an officer decides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from agir.catalogue.models import CatalogueEntry, Responsibility
from agir.catalogue.payer import Decision, who_pays, who_pays_for_request
from agir.catalogue.payer_words import words_for
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import (
    build_contract,
    build_estate,
    common_area_request,
    submitted_request,
)

pytestmark = pytest.mark.django_db

DRIPPING_TAP = "KIT-TAP-LEAK"  # a tenant repair (decree 87-712 IV d) a plumbing contract covers


def entry(code: str) -> CatalogueEntry:
    return CatalogueEntry.objects.get(code=code)


def test_a_tenant_repair_without_a_contract_is_the_tenants_in_principle(household):
    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    assert answer.payer == Responsibility.TENANT
    assert answer.in_principle and not answer.decided
    assert answer.tenant_pays
    assert answer.contract is None
    assert "87-712" in answer.legal_basis


def test_a_contract_of_the_building_makes_it_the_contracts(estate, household):
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    assert answer.payer == Responsibility.CONTRACT
    assert not answer.tenant_pays
    assert answer.contract.contractor == "Plomberie Lys Services"
    assert answer.contract.phone == "03 20 11 22 33"
    assert answer.contract.hours == "lun.–ven. 8 h–18 h"
    assert "87-713" in answer.legal_basis
    assert answer.without_contract == Responsibility.TENANT


def test_a_contract_of_the_whole_site_covers_its_buildings(estate, household):
    build_contract("plumbing", sites=(estate.site,))

    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    assert answer.payer == Responsibility.CONTRACT
    assert answer.contract.covers == "site"


def test_a_building_contract_wins_over_a_site_wide_one(estate, household):
    build_contract("plumbing", sites=(estate.site,), contractor="Site Entier")
    build_contract("plumbing", buildings=(estate.building,), contractor="Ce Bâtiment")

    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    assert answer.contract.contractor == "Ce Bâtiment"
    assert answer.contract.covers == "building"


def test_a_contract_of_another_kind_changes_nothing(estate, household):
    build_contract("lift", buildings=(estate.building,))

    assert who_pays(entry(DRIPPING_TAP), household.lease.dwelling).payer == "tenant"


def test_a_contract_of_another_building_changes_nothing(household):
    other = build_estate()
    build_contract("plumbing", buildings=(other.building,), sites=(other.site,))

    assert who_pays(entry(DRIPPING_TAP), household.lease.dwelling).payer == "tenant"


def test_a_contract_counts_only_on_the_days_it_is_in_force(estate, household):
    today = timezone.localdate()
    build_contract(
        "plumbing",
        buildings=(estate.building,),
        start=today - timedelta(days=100),
        end=today - timedelta(days=1),
    )
    dwelling = household.lease.dwelling

    assert who_pays(entry(DRIPPING_TAP), dwelling).payer == "tenant"
    assert who_pays(entry(DRIPPING_TAP), dwelling, on=today - timedelta(days=50)).payer == (
        "contract"
    )
    assert who_pays(entry(DRIPPING_TAP), dwelling, on=today - timedelta(days=101)).payer == (
        "tenant"
    )


def test_a_problem_no_contract_covers_ignores_the_contracts(estate, household):
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays(entry("KIT-SINK-BLOCKED"), household.lease.dwelling)

    assert answer.payer == "tenant"
    assert answer.contract is None


def test_a_site_wide_common_area_takes_only_site_wide_contracts(estate):
    car_park = estate.common_areas["car_park"]
    gate = entry("PARK-GARAGE_DOOR-NOT_WORKING")
    build_contract(gate.contract_kind, buildings=(estate.building,))

    assert who_pays(gate, car_park).payer == gate.responsibility
    build_contract(gate.contract_kind, sites=(estate.site,))
    assert who_pays(gate, car_park).payer == "contract"


def test_an_entrance_common_area_takes_its_buildings_contracts(estate):
    build_contract("lift", buildings=(estate.building,), contractor="Ascenseurs Flandres")

    answer = who_pays(entry("LIFT-CAR-PERSON_TRAPPED"), estate.common_areas["lift"])

    assert answer.payer == "contract"
    assert answer.contract.contractor == "Ascenseurs Flandres"


def test_without_a_place_no_contract_is_looked_up(estate):
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays(entry(DRIPPING_TAP), None)

    assert answer.payer == "tenant"
    assert answer.contract_kind == "plumbing"


def test_a_problem_in_the_tenants_own_words_is_to_be_assessed(household):
    answer = who_pays(None, household.lease.dwelling)

    assert answer.payer == Responsibility.ASSESS
    assert answer.exceptions


def test_an_officers_decision_wins_with_its_reason(estate, household):
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays(
        entry(DRIPPING_TAP),
        household.lease.dwelling,
        decision=Decision("tenant", "Robinet cassé par un choc."),
    )

    assert answer.payer == "tenant"
    assert answer.decided and not answer.in_principle
    assert answer.reason == "Robinet cassé par un choc."
    assert answer.contract is None
    assert "87-712" in answer.legal_basis


def test_a_decision_for_the_contract_names_the_contract(estate, household):
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling, decision=Decision("contract"))

    assert answer.contract.contractor == "Plomberie Lys Services"


def test_the_tenant_is_told_the_exceptions_of_article_7_d(household):
    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    text = words_for(answer).exceptions
    for cause in ("vétusté", "malfaçon", "construction", "force majeure"):
        assert cause in text
    assert len(answer.exceptions) == 4


def test_a_landlord_repair_has_no_exceptions_to_tell(household):
    answer = who_pays(entry("DWL-WALLS-DANGEROUS"), household.lease.dwelling)

    assert answer.payer == "landlord"
    assert answer.exceptions == ()


def test_the_answer_cannot_be_changed_once_given(household):
    answer = who_pays(entry(DRIPPING_TAP), household.lease.dwelling)

    with pytest.raises(AttributeError):
        answer.payer = "landlord"  # type: ignore[misc]


def test_a_request_not_yet_taken_in_hand_is_answered_in_principle(estate, household):
    request = submitted_request(household, entry_code=DRIPPING_TAP)
    build_contract("plumbing", buildings=(estate.building,))

    answer = who_pays_for_request(request)

    assert answer.in_principle
    assert answer.payer == "contract"


def test_a_request_taken_in_hand_is_answered_by_the_officers_decision(household, officer):
    request = submitted_request(household, entry_code=DRIPPING_TAP)
    lifecycle.acknowledge(
        request,
        actor=Actor.of(officer),
        responsibility="landlord",
        responsibility_reason="Mitigeur usé : vétusté.",
    )
    request.refresh_from_db()

    answer = who_pays_for_request(request)

    assert answer.decided
    assert answer.payer == "landlord"
    assert answer.reason == "Mitigeur usé : vétusté."
    assert "Loi n° 89-462, art. 6" in answer.legal_basis


def test_a_submitted_request_keeps_who_pays_in_principle_with_its_contracts(estate, household):
    build_contract("plumbing", buildings=(estate.building,))

    request = submitted_request(household, entry_code=DRIPPING_TAP)

    assert request.suggested_responsibility == "contract"


def test_a_common_area_request_takes_its_places_contracts(estate, household):
    build_contract("lift", buildings=(estate.building,))

    request = common_area_request(household, estate.common_areas["lift"])

    assert who_pays_for_request(request).contract is not None


def test_a_request_made_on_a_past_day_takes_the_contracts_of_that_day(estate, household):
    today = timezone.localdate()
    build_contract("plumbing", buildings=(estate.building,), start=today - timedelta(days=10))
    request = submitted_request(household, entry_code=DRIPPING_TAP)

    assert who_pays_for_request(request, on=date(2000, 1, 1)).payer == "tenant"
    assert who_pays_for_request(request).payer == "contract"
