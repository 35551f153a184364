"""Step 5, «Vérifiez votre demande»: who does the work, and the tenant's acknowledgement."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agir.estate.models import Contractor, MaintenanceContract
from agir.notify.models import Notification
from agir.repairs.models import RepairRequest
from tests.portal.helpers import text_of


def test_the_review_is_closed_until_the_details_are_given(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = wizard.get("wizard_review")

    assert response.url == wizard.url("wizard_details")


def test_the_review_lists_each_answer_with_a_change_link(wizard):
    wizard.reach_review(description="Ça coule.", access_notes="Code 12")

    response = wizard.get("wizard_review")
    page = text_of(response)

    assert "Vérifiez votre demande" in page
    for shown in ("Cuisine", "Évier", "Fuite sous l'évier (Cuisine)", "Ça coule.", "Code 12"):
        assert shown in page
    assert page.count("Modifier") == 7
    html = response.content.decode()
    assert f'href="{wizard.url("wizard_symptom", "kitchen", "sink")}"' in html


def test_a_landlord_repair_says_so_with_its_legal_basis(wizard):
    wizard.reach_review("kitchen", "KIT-TAP-BROKEN")

    page = text_of(wizard.get("wizard_review"))

    assert "En principe, c'est à votre bailleur de faire et de payer cette réparation." in page
    assert "À confirmer" in page
    assert "Votre bailleur vous confirmera qui paie avant toute intervention." in page
    assert "Loi n° 89-462, art. 6" in page
    assert "Avant d'envoyer, essayez :" in page
    assert "J'ai compris" not in page


def test_a_tenant_repair_is_explained_and_asks_for_an_acknowledgement(wizard):
    wizard.reach_review("bathroom", "BATH-WASHBASIN-BLOCKED")

    page = text_of(wizard.get("wizard_review"))

    assert "En principe, cette réparation est à votre charge" in page
    assert "une petite réparation ou un entretien que la loi met à la charge du locataire" in page
    assert "À confirmer" in page
    assert "ce que coûte la réparation, avant toute intervention" in page
    assert "87-712" in page
    assert "J'ai compris que cette réparation peut m'être facturée." in page


def test_a_tenant_repair_is_refused_until_acknowledged(wizard):
    wizard.reach_review("bathroom", "BATH-WASHBASIN-BLOCKED", description="Ça ne s'écoule plus.")

    response = wizard.confirm()

    assert response.status_code == 400
    assert "Cochez « J'ai compris que cette réparation peut m'être facturée »" in text_of(response)
    assert not RepairRequest.objects.exists()
    assert wizard.state.description == "Ça ne s'écoule plus."


def test_an_acknowledged_tenant_repair_is_recorded_as_such(wizard):
    wizard.reach_review("bathroom", "BATH-WASHBASIN-BLOCKED")

    response = wizard.confirm(accept_charge="on")

    assert response.url == wizard.url("wizard_done")
    made = RepairRequest.objects.get()
    assert made.responsibility == "tenant"
    assert made.tenant_accepted_charge


def test_a_contract_equipment_names_the_contractor_to_call(wizard, estate):
    contractor = Contractor.objects.create(name="Chauffage Nord Services", phone="0320111111")
    contract = MaintenanceContract.objects.create(
        reference="CT-GAZ-1",
        contractor=contractor,
        kind="gas_boiler",
        phone="03 20 11 11 11",
        hours="du lundi au vendredi, 8 h – 18 h",
        start_date=date(2020, 1, 1),
    )
    contract.buildings.add(estate.building)
    wizard.reach_review("whole_dwelling", "DWL-BOILER-NO_HEAT")

    response = wizard.get("wizard_review")
    page = text_of(response)

    assert "Cet équipement est entretenu par Chauffage Nord Services, sous contrat" in page
    assert "elle ne vous est pas facturée en plus de vos charges" in page
    assert "du lundi au vendredi, 8 h – 18 h" in page
    assert 'href="tel:0320111111"' in response.content.decode()


def test_a_boiler_without_a_contract_in_force_is_assessed_first(wizard):
    wizard.reach_review("whole_dwelling", "DWL-BOILER-NO_HEAT")

    page = text_of(wizard.get("wizard_review"))

    assert "Nous regarderons d'abord d'où vient le problème" in page
    assert "entretenu par" not in page


def test_an_other_problem_is_assessed_first(wizard):
    wizard.get("wizard_other", "kitchen", "sink")
    wizard.details(description="Le meuble sous l'évier est gonflé.")

    page = text_of(wizard.get("wizard_review"))

    assert "Nous regarderons d'abord d'où vient le problème" in page
    assert "Évier : autre problème (Cuisine)" in page


def test_confirming_looks_the_contracts_up_once(wizard, estate):
    """The tick box and the saved request ask who pays; one look-up answers both."""
    contractor = Contractor.objects.create(name="Chauffage Nord Services", phone="0320111111")
    contract = MaintenanceContract.objects.create(
        reference="CT-GAZ-1", contractor=contractor, kind="gas_boiler", start_date=date(2020, 1, 1)
    )
    contract.buildings.add(estate.building)
    wizard.reach_review("whole_dwelling", "DWL-BOILER-NO_HEAT")

    with CaptureQueriesContext(connection) as queries:
        response = wizard.confirm()

    assert response.url == wizard.url("wizard_done")
    looked_up = [q for q in queries.captured_queries if '"estate_maintenancecontract"' in q["sql"]]
    assert len(looked_up) == 1
    made = RepairRequest.objects.get()
    assert made.suggested_responsibility == made.responsibility == "contract"


def test_confirming_reads_the_tenants_home_once_for_the_page_and_the_letter_address(
    wizard, household
):
    """The acknowledgement prints the tenant's home; the wizard read it already."""
    wizard.reach_review("whole_dwelling", "DWL-BOILER-NO_HEAT")

    with CaptureQueriesContext(connection) as queries:
        wizard.confirm()

    leases = [q for q in queries.captured_queries if q["sql"].startswith('SELECT "estate_lease"')]
    assert len(leases) == 1
    message = Notification.objects.get(request=RepairRequest.objects.get())
    home = household.lease.dwelling
    assert f"APPARTEMENT {home.number}" in "\n".join(message.context["postal_lines"])
