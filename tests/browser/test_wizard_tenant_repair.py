"""A tenant repair: the review says it is the tenant's charge and why; confirm awaits the tick."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from agir.repairs.models import RepairRequest
from tests.browser.conftest import sign_in_by_keyboard, tab_to
from tests.browser.test_wizard_journey import press_enter_and_wait
from tests.builders import build_estate, build_household

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_blocked_washbasin_is_the_tenants_charge_and_needs_an_acknowledgement(
    page, live_server, shots
):
    tenant = build_household(build_estate().dwellings[0])
    sign_in_by_keyboard(page, live_server.url, tenant.holder.user.username)
    tab_to(page, "Signaler un problème")
    press_enter_and_wait(page, r"/ou/$")
    shots.take(page, "step1-where")
    tab_to(page, "Salle de bain", exact=True)
    press_enter_and_wait(page, r"/quoi/bathroom/$")
    shots.take(page, "step2-what")
    tab_to(page, "Lavabo", exact=True)
    press_enter_and_wait(page, r"/probleme/bathroom/washbasin/$")
    shots.take(page, "step3-symptom")
    tab_to(page, "Siphon du lavabo bouché")
    press_enter_and_wait(page, r"/precisions/$")
    shots.take(page, "step4-details")
    tab_to(page, "Continuer", exact=True)
    press_enter_and_wait(page, r"/verifier/$")

    panel = page.locator(".who-pays")
    expect(panel).to_contain_text(
        "En principe, cette réparation est à votre charge : c'est une réparation locative."
    )
    expect(panel).to_contain_text("que la loi met à la charge du locataire")
    expect(panel).to_contain_text("87-712")
    shots.take(page, "step5-review")

    tab_to(page, "Envoyer ma demande", exact=True)
    press_enter_and_wait(page, r"/verifier/$")
    expect(page.locator(".error-summary")).to_contain_text(
        "Cochez « J'ai compris que cette réparation peut m'être facturée »"
    )
    assert not RepairRequest.objects.exists()
    shots.take(page, "step5-refused")

    tab_to(page, "J'ai compris que cette réparation peut m'être facturée.")
    page.keyboard.press("Space")
    expect(page.locator("#accept_charge")).to_be_checked()
    tab_to(page, "Envoyer ma demande", exact=True)
    press_enter_and_wait(page, r"/enregistree/$")
    shots.take(page, "confirmation")

    made = RepairRequest.objects.get()
    assert made.catalogue_entry.code == "BATH-WASHBASIN-BLOCKED"
    assert made.tenant_accepted_charge
    assert re.fullmatch(r"\d{4}-\d{6}", page.locator(".reference-number").inner_text())
