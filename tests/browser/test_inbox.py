"""An officer signs in with password and code, finds a tenant's request in the inbox by the
tenant's name, and sees an overdue emergency at the top, in red and in words; types a place
and gets suggestions as they type."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from agir.accounts.models import Role
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.browser.conftest import type_a_place
from tests.builders import build_estate, build_household, build_staff, new_request
from tests.staff_sign_in import sign_in_in_browser, verified_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_finds_a_request_by_the_tenants_name(live_server, page, shots):
    estate = build_estate()
    household = build_household(estate.dwellings[0])
    household.holder.last_name = "Tilleul-Benchaoui"
    household.holder.save()
    repair = lifecycle.submit_new(
        new_request(household, entry_code="KIT-HOB-GAS_SMELL"),
        actor=Actor.system("test"),
        at=timezone.now() - timedelta(days=2),
    ).request
    officer = build_staff(Role.OFFICER, username="agent-inbox")
    verified_device(officer)

    sign_in_in_browser(page, live_server.url, "agent-inbox")
    row = page.locator("table.inbox tbody tr").first
    assert repair.reference in row.inner_text()
    assert "en retard de 44 h" in row.inner_text()  # due 4 hours after it was sent
    shots.take(page, "inbox")

    page.fill("#id_q", "benchaoui")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=benchaoui**")
    assert repair.reference in page.locator("table.inbox").inner_text()
    page.get_by_role("link", name=repair.reference).click()
    page.wait_for_url(f"**/bureau/demandes/{repair.code}/")


def test_an_officer_gets_places_suggested_as_they_type_and_filters_on_one(live_server, page, shots):
    here, there = build_estate(name="Les Ormes Nord"), build_estate(name="Les Ormes Sud")
    wanted = lifecycle.submit_new(
        new_request(build_household(here.dwellings[0])), actor=Actor.system("test")
    ).request
    other = lifecycle.submit_new(
        new_request(build_household(there.dwellings[0])), actor=Actor.system("test")
    ).request
    officer = build_staff(Role.OFFICER, username="agent-places")
    verified_device(officer)

    sign_in_in_browser(page, live_server.url, "agent-places")
    page.locator("summary", has_text="Filtres").click()
    # htmx fills the field's suggestions as the officer types: the site and its building.
    type_a_place(page, "ormes n", here.site.code, here.building.code)
    shots.take(page, "place-suggestions")
    # Picking one puts its code in the field (what the browser does with a <datalist>).
    page.fill("#id_place", here.building.code)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**place={here.building.code}**")
    table = page.locator("table.inbox").inner_text()
    assert wanted.reference in table and other.reference not in table
