"""The managers' quality dashboard in Chromium: every chart drawn, each with its numbers one
click away, under the Content-Security-Policy; the sensitive-words warning while typing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agir.accounts.models import Role
from tests.browser.conftest import type_a_place
from tests.browser.test_csp_pages import sign_in, staff_page  # noqa: F401 (a fixture)
from tests.builders import build_estate, build_staff
from tests.quality.dataset import build_dataset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHARTS = [
    "mois",
    "engagements",
    "repartition-take-in-hand",
    "repartition-intervene",
    "repartition-close",
    "origines",
    "urgences",
    "responsabilites",
    "batiments",
    "familles",
    "satisfaction",
    "prestataires",
]


def test_the_dashboard_draws_every_chart_with_its_numbers(staff_page, live_server):  # noqa: F811
    page = staff_page
    build_dataset(build_estate())
    sign_in(page, live_server, build_staff(Role.MANAGER))
    url = reverse("quality_staff:dashboard")
    page.goto(f"{live_server.url}{url}?start=2025-11&end=2025-11")
    expect(page.get_by_role("heading", name="Tableau de bord qualité")).to_be_visible()
    for slug in CHARTS:
        chart = page.locator(f"section#{slug} svg[role=img]")
        expect(chart).to_have_count(1)
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 20, slug
        table = page.locator(f"#table-{slug}")
        expect(table).to_be_hidden()
        page.locator(f"section#{slug} summary").click()
        expect(table).to_be_visible()
    expect(page.locator("#table-chiffres-cles")).to_contain_text("Demandes reçues")
    expect(page.locator("#table-chiffres-cles")).to_contain_text("6")


def test_the_manager_gets_places_suggested_and_sees_the_figures_of_one(staff_page, live_server):  # noqa: F811
    page = staff_page
    here = build_estate(name="Les Ormes Nord")
    build_estate(name="Les Ormes Sud")
    build_dataset(here)
    sign_in(page, live_server, build_staff(Role.MANAGER))
    url = reverse("quality_staff:dashboard")
    page.goto(f"{live_server.url}{url}?start=2025-11&end=2025-11")
    type_a_place(page, "ormes n", here.site.code, here.building.code)
    page.fill("#id_place", here.building.code)
    page.get_by_role("button", name="Afficher", exact=True).click()
    page.wait_for_url(f"**place={here.building.code}**")
    expect(page.locator(".place-chosen")).to_contain_text("(bâtiment)")
    expect(page.locator("#table-chiffres-cles")).to_contain_text("6")


def test_staff_are_warned_while_typing_sensitive_words(staff_page, live_server):  # noqa: F811
    page = staff_page
    sign_in(page, live_server, build_staff(Role.MANAGER))
    page.goto(f"{live_server.url}{reverse('quality_staff:actions')}")
    page.get_by_label("Constat").fill("La locataire est hospitalisée depuis lundi.")
    expect(page.get_by_role("status").filter(has_text="donnée sensible")).to_be_visible()
