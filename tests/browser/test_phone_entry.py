"""Phone entry by keyboard alone: from the tenant's name to the request's reference."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from agir.repairs.models import Origin, RepairRequest
from tests.browser.conftest import tab_to
from tests.builders import build_estate, build_household, build_staff
from tests.staff_sign_in import sign_in_in_browser, verified_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def enter_and_wait(page: Page, url_part: str) -> None:
    with page.expect_navigation(url=re.compile(url_part)):
        page.keyboard.press("Enter")


def test_an_officer_enters_a_phoned_request_by_keyboard_alone(page, live_server, shots):
    tenant = build_household(build_estate().dwellings[0])
    officer = build_staff()
    # Signing in (password, then the second factor) is not part of the timed entry.
    verified_device(officer)
    sign_in_in_browser(page, live_server.url, officer.username)

    page.goto(f"{live_server.url}/bureau/saisie/")
    # The search takes the focus: the officer types the name the caller gives.
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'tenant-search'"
    )
    page.keyboard.type(tenant.holder.last_name)
    # The results come as the name is typed (htmx), without leaving the search.
    expect(page.locator("#tenant-results")).to_contain_text(tenant.lease.reference)
    assert page.evaluate("document.activeElement.id") == "tenant-search"
    shots.take(page, "tenant-found")
    tab_to(page, tenant.lease.reference)
    enter_and_wait(page, r"/bail/\d+/$")

    # Then the problem, in the caller's words.
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'problem-search'"
    )
    page.keyboard.type("fuite sous l'évier")
    enter_and_wait(page, r"\?q=")
    shots.take(page, "problem-found")
    # The best answer is chosen and focused; the officer types what the tenant says.
    tab_to(page, "Ce que dit le locataire")
    page.keyboard.type("La locataire appelle : l'eau coule sous l'évier.")
    tab_to(page, "Enregistrer la demande", exact=True)
    enter_and_wait(page, r"/bureau/demandes/[0-9a-f-]+/$")

    made = RepairRequest.objects.get(requested_by=tenant.holder)
    assert made.origin == Origin.PHONE
    assert made.catalogue_entry.equipment.code == "sink"
    expect(page.get_by_text(f"Demande n° {made.reference} enregistrée")).to_be_visible()
    shots.take(page, "reference")
