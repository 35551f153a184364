"""A tenant reports a problem from the pictures, by keyboard alone, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from agir.repairs.models import RepairRequest, Status
from tests.browser.conftest import new_page, sign_in_by_keyboard, tab_to
from tests.builders import build_estate, build_household

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def tenant():
    estate = build_estate(floors=5)
    return build_household(estate.dwellings[0])


def press_enter_and_wait(page: Page, url_part: str) -> None:
    with page.expect_navigation(url=re.compile(url_part)):
        page.keyboard.press("Enter")


def kitchen_sink_leak_by_keyboard(page: Page, live_server, tenant, shots, *, arrows: bool):
    sign_in_by_keyboard(page, live_server.url, tenant.holder.user.username)
    shots.take(page, "home")

    tab_to(page, "Signaler un problème")
    press_enter_and_wait(page, r"/ou/$")
    expect(page.get_by_role("heading", level=1)).to_have_text("Où est le problème ?")
    shots.take(page, "step1-where")

    if arrows:
        # On the plan, arrow keys go from room to room, as a TV remote does.
        tab_to(page, "Entrée", exact=True)
        page.keyboard.press("ArrowLeft")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Cuisine"
        shots.take(page, "step1-where-focus-on-the-kitchen")
    else:
        tab_to(page, "Cuisine", exact=True)
    press_enter_and_wait(page, r"/quoi/kitchen/$")
    shots.take(page, "step2-what")

    tab_to(page, "Évier", exact=True)
    press_enter_and_wait(page, r"/probleme/kitchen/sink/$")
    shots.take(page, "step3-symptom")

    tab_to(page, "Fuite sous l'évier")
    press_enter_and_wait(page, r"/precisions/$")
    shots.take(page, "step4-details")

    tab_to(page, "Décrivez ce que vous voyez")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    page.keyboard.type("L'eau coule sous l'évier quand on ouvre le robinet.")
    tab_to(page, "Continuer", exact=True)
    press_enter_and_wait(page, r"/verifier/$")
    expect(page.locator(".who-pays")).to_contain_text("À confirmer")
    shots.take(page, "step5-review")

    tab_to(page, "Envoyer ma demande", exact=True)
    press_enter_and_wait(page, r"/enregistree/$")
    reference = page.locator(".reference-number").inner_text()
    assert re.fullmatch(r"\d{4}-\d{6}", reference)
    shots.take(page, "confirmation")

    tab_to(page, "Voir mes demandes", exact=True)
    press_enter_and_wait(page, r"/locataire/demandes/$")
    expect(page.get_by_text(reference)).to_be_visible()
    expect(page.get_by_text("Fuite sous l'évier (Cuisine)")).to_be_visible()
    shots.take(page, "my-requests")
    return reference


def test_keyboard_only_tenant_reports_a_leak_under_the_sink(page, live_server, tenant, shots):
    reference = kitchen_sink_leak_by_keyboard(page, live_server, tenant, shots, arrows=True)

    made = RepairRequest.objects.get(reference=reference)
    assert made.status == Status.SUBMITTED
    assert made.catalogue_entry.code == "KIT-SINK-LEAK"
    assert made.responsibility == "assess"  # a trap joint or a pipe: the cause decides
    assert made.dwelling == tenant.lease.dwelling
    assert made.requested_by == tenant.holder
    assert made.description == "L'eau coule sous l'évier quand on ouvre le robinet."


def test_the_same_journey_works_without_javascript(browser, live_server, tenant, shots):
    page = new_page(browser, javascript=False)
    try:
        reference = kitchen_sink_leak_by_keyboard(page, live_server, tenant, shots, arrows=False)
    finally:
        page.context.close()

    assert RepairRequest.objects.filter(reference=reference, lease=tenant.lease).count() == 1
