"""With JavaScript, suggestions appear under the search field while the tenant types."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in_by_keyboard, tab_to
from tests.browser.test_wizard_journey import press_enter_and_wait
from tests.builders import build_estate, build_household

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_suggestions_as_you_type_lead_straight_to_the_problem(page, live_server, shots):
    tenant = build_household(build_estate().dwellings[0])
    sign_in_by_keyboard(page, live_server.url, tenant.holder.user.username)
    tab_to(page, "Signaler un problème")
    press_enter_and_wait(page, r"/ou/$")

    tab_to(page, "Ou décrivez le problème en quelques mots")
    page.keyboard.type("fuite sous l evier", delay=30)
    suggestion = page.locator("#suggestions a").first
    expect(suggestion).to_contain_text("Fuite sous l'évier")
    assert page.url.endswith("/ou/")  # no page load: the list came in place
    shots.take(page, "suggestions")

    tab_to(page, "Fuite sous l'évier")
    press_enter_and_wait(page, r"/precisions/$")
    expect(page.locator(".chosen")).to_contain_text("Cuisine › Évier › Fuite sous l'évier")
