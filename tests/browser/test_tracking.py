"""A tenant, with the keyboard only, says «Ce n'est pas réparé» on a done request, then answers
the survey of a closed one. Debian's chromium driven by Playwright, against the live server."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, sync_playwright

from agir.quality.models import SatisfactionSurvey
from agir.repairs.models import EventKind, Status
from tests.browser.conftest import watch_csp
from tests.personas import build_personas, request_in
from tests.staff_sign_in import sign_in as staff_sign_in

ARTIFACTS = Path(settings.PROJECT_DIR) / "test-artifacts" / "tracking"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(live_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        violations = watch_csp(page)
        yield page
        context.close()
        browser.close()
    assert violations == [], "\n".join(violations)


def sign_in(page: Page, live_server, user) -> None:
    """The session cookie of a signed-in client: sign-in itself is another part's test."""
    client = Client()
    staff_sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName, id: e.id, type: e.type || "",
                    text: (e.innerText || e.value || "").trim()};
        }"""
    )


def tab_to(page: Page, *, text: str = "", element_id: str = "", limit: int = 80) -> None:
    """Press Tab until the element with that text or id has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if (text and now["text"] == text) or (element_id and now["id"] == element_id):
            return
    raise AssertionError(f"Tab never reached {text or element_id!r}")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_keyboard_only_not_repaired_then_survey(live_server, browser_page):
    page = browser_page
    personas = build_personas()
    done = request_in(Status.DONE, personas.alice, personas.officer)
    closed = request_in(Status.CLOSED, personas.alice, personas.officer)
    sign_in(page, live_server, personas.alice_user)

    # «Ce n'est pas réparé» on the done request.
    page.goto(f"{live_server.url}/locataire/demandes/{done.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == done.title
    shot(page, "1-done-request")
    tab_to(page, text="Ce n'est pas réparé")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pas-repare/")
    tab_to(page, element_id="id_reason")
    page.keyboard.type("Ça fuit encore sous l'évier.")
    shot(page, "2-not-repaired-form")
    tab_to(page, text="Envoyer")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/locataire/demandes/{done.code}/")
    assert page.get_by_text("C'est noté : nous reprenons votre demande.").is_visible()
    assert page.get_by_text(
        "Vous avez signalé que ce n'est pas réparé : « Ça fuit encore sous l'évier. »"
    ).is_visible()
    shot(page, "3-reopened")
    done.refresh_from_db()
    assert done.status == Status.REOPENED
    assert done.events.get(kind=EventKind.REOPENED).actor == personas.alice_user

    # The survey of the closed request: a score by arrow keys, a comment, send.
    page.goto(f"{live_server.url}/locataire/demandes/{closed.code}/")
    tab_to(page, text="Donner mon avis")
    page.keyboard.press("Enter")
    page.wait_for_url("**/avis/")
    tab_to(page, element_id="id_score_0")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 1 → 4, as a TV remote would
    assert focused(page)["id"] == "id_score_3"
    tab_to(page, element_id="id_comment")
    page.keyboard.type("Plombier rapide et poli.")
    shot(page, "4-survey")
    tab_to(page, text="Envoyer mon avis")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/locataire/demandes/{closed.code}/")
    assert page.get_by_text("Merci pour votre avis !").is_visible()
    assert page.get_by_text("Vous avez donné votre avis : 4 sur 5. Merci !").is_visible()
    shot(page, "5-survey-answered")
    survey = SatisfactionSurvey.objects.get(request=closed)
    assert (survey.score, survey.comment) == (4, "Plombier rapide et poli.")
