"""Every page of the tenant's guided entry, visited in chromium, each handed to a check."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import sign_in_by_keyboard
from tests.builders import (
    Household,
    build_estate,
    build_household,
    common_area_request,
    submitted_request,
)

Check = Callable[[str], None]


class Tour:
    """A tenant with a lift, a neighbour's lift already reported, one request of their own."""

    def __init__(self, page: Page, live_server) -> None:
        self.page = page
        self.base = live_server.url
        estate = build_estate(floors=6)
        self.estate = estate
        self.tenant: Household = build_household(estate.dwellings[0])
        neighbour = build_household(estate.dwellings[1])
        common_area_request(neighbour, estate.common_areas["lift"])
        submitted_request(self.tenant, entry_code="KIT-TAP-LEAK")
        self.visited: list[tuple[str, str]] = []  # (label, url) of the pages reached by GET

    def go(self, url: str) -> None:
        self.page.goto(url if url.startswith("http") else f"{self.base}{url}")

    def wizard_url(self, name: str, *args) -> str:
        wizard = re.search(r"/signaler/([0-9a-f-]{36})/", self.page.url).group(1)
        return reverse(f"portal:{name}", args=[wizard, *args])

    def seen(self, label: str, check: Check, *, by_get: bool = True) -> None:
        if by_get:
            self.visited.append((label, self.page.url))
        check(label)

    def start_wizard(self) -> None:
        self.go(reverse("portal:wizard_start"))

    def run(self, check: Check) -> None:
        page = self.page
        lift = f"commun-{self.estate.common_areas['lift'].pk}"
        hall = f"commun-{self.estate.common_areas['hall'].pk}"
        sign_in_by_keyboard(page, self.base, self.tenant.holder.user.username)
        self.seen("home", check)
        self.go(reverse("portal:requests"))
        self.seen("my-requests", check)

        self.start_wizard()
        self.seen("step1-where", check)
        self.go(self.wizard_url("wizard_what", "kitchen"))
        self.seen("step2-what-kitchen-scene", check)
        self.go(self.wizard_url("wizard_what", hall))
        self.seen("step2-what-hall-tiles", check)
        self.go(self.wizard_url("wizard_symptom", "kitchen", "sink"))
        self.seen("step3-symptom", check)
        self.go(self.wizard_url("wizard_search") + "?q=plus+de+chauffage")
        self.seen("search-results", check)

        self.go(self.wizard_url("wizard_choose", "kitchen", "KIT-HOB-GAS_SMELL"))
        self.seen("emergency", check)
        self.go(self.wizard_url("wizard_choose", lift, "LIFT-CAR-NOT_WORKING"))
        self.seen("already-reported", check)

        self.go(self.wizard_url("wizard_choose", "kitchen", "KIT-SINK-LEAK"))
        self.seen("step4-details", check)
        page.evaluate(
            "document.getElementById('id_description').removeAttribute('maxlength');"
            "document.getElementById('id_description').value = 'a'.repeat(2500);"
        )
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_selector(".error-summary")
        self.seen("step4-details-with-errors", check, by_get=False)
        page.fill("#id_description", "L'eau coule sous l'évier.")
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/verifier/$"))
        self.seen("step5-review-landlord", check)
        page.get_by_role("button", name="Envoyer ma demande").click()
        page.wait_for_url(re.compile(r"/enregistree/$"))
        self.seen("confirmation", check)

        self.start_wizard()
        self.go(self.wizard_url("wizard_choose", "bathroom", "BATH-WASHBASIN-BLOCKED"))
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/verifier/$"))
        self.seen("step5-review-tenant-repair", check)
        page.get_by_role("button", name="Envoyer ma demande").click()
        page.wait_for_selector(".error-summary")
        self.seen("step5-review-refused", check, by_get=False)

        self.start_wizard()
        self.go(self.wizard_url("wizard_choose", lift, "LIFT-CAR-NOT_WORKING"))
        page.get_by_role("button", name="Je suis aussi concerné(e)").click()
        page.wait_for_url(re.compile(r"/suivie/$"))
        self.seen("joined", check)
        self.go(reverse("portal:home"))
        self.seen("home-with-notice", check)
