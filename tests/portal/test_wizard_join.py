"""A common-area problem already reported: «Je suis aussi concerné(e)» instead of a duplicate."""

import pytest

from agir.repairs.models import RepairRequest, RequestFollower
from tests.builders import build_estate, build_household, common_area_request
from tests.portal.helpers import TenantWizard, text_of


@pytest.fixture
def lift_estate(db):
    return build_estate(floors=6)


@pytest.fixture
def lift_down(lift_estate):
    reporter = build_household(lift_estate.dwellings[1])
    return common_area_request(reporter, lift_estate.common_areas["lift"])


@pytest.fixture
def lift_wizard(client, lift_estate):
    return TenantWizard(client, build_household(lift_estate.dwellings[0])).start()


def lift_key(estate) -> str:
    return f"commun-{estate.common_areas['lift'].pk}"


def test_the_open_request_is_shown_before_entering_a_duplicate(lift_wizard, lift_estate, lift_down):
    response = lift_wizard.choose(lift_key(lift_estate), "LIFT-CAR-NOISE")

    assert response.url == lift_wizard.url("wizard_duplicate")
    page = text_of(lift_wizard.get("wizard_duplicate"))
    assert "Ce problème est déjà signalé" in page
    assert lift_down.title in page
    assert "Je suis aussi concerné(e)" in page


def test_joining_follows_the_request_and_makes_no_new_one(lift_wizard, lift_estate, lift_down):
    lift_wizard.choose(lift_key(lift_estate), "LIFT-CAR-NOT_WORKING")

    response = lift_wizard.client.post(
        lift_wizard.url("wizard_duplicate"), {"action": "join", "demande": str(lift_down.code)}
    )

    assert response.url == lift_wizard.url("wizard_joined")
    assert RepairRequest.objects.count() == 1
    assert RequestFollower.objects.filter(request=lift_down).count() == 1
    assert "Vous suivez cette demande" in text_of(lift_wizard.get("wizard_joined"))


def test_joining_a_request_not_offered_is_refused(lift_wizard, lift_estate, lift_down):
    elsewhere = build_estate(floors=6)
    other = common_area_request(
        build_household(elsewhere.dwellings[0]), elsewhere.common_areas["lift"]
    )
    lift_wizard.choose(lift_key(lift_estate), "LIFT-CAR-NOT_WORKING")

    response = lift_wizard.client.post(
        lift_wizard.url("wizard_duplicate"), {"action": "join", "demande": str(other.code)}
    )

    assert response.url == lift_wizard.url("wizard_duplicate")
    assert not RequestFollower.objects.exists()


def test_another_problem_goes_on_to_the_details(lift_wizard, lift_estate, lift_down):
    lift_wizard.choose(lift_key(lift_estate), "LIFT-CAR-NOISE")

    response = lift_wizard.client.post(lift_wizard.url("wizard_duplicate"), {"action": "continue"})

    assert response.url == lift_wizard.url("wizard_details")


def test_no_open_request_means_no_duplicate_page(lift_wizard, lift_estate):
    response = lift_wizard.choose(lift_key(lift_estate), "LIFT-CAR-NOISE")

    assert response.url == lift_wizard.url("wizard_details")


def test_a_common_area_request_is_filed_on_the_area(lift_wizard, lift_estate):
    lift_wizard.reach_review(lift_key(lift_estate), "LIFT-CAR-NOISE")

    lift_wizard.confirm()

    made = RepairRequest.objects.get()
    assert made.common_area == lift_estate.common_areas["lift"]
    assert made.dwelling is None
    assert made.lease == lift_wizard.household.lease
