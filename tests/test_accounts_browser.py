"""The sign-up and the login in Debian's Chromium: keyboard only, JavaScript off.

Screenshots of each page are kept under test-artifacts/accounts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agir.accounts import activation
from tests.browser.conftest import watch_csp
from tests.builders import build_estate, build_household

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "accounts"
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
PASSWORD = "Tilleul-Bleu-2026"

# serialized_rollback: the flush after a transactional test would otherwise take the shipped
# catalogue (loaded by a data migration) away from the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (./dev test installs it)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            java_script_enabled=False, locale="fr-FR", viewport={"width": 800, "height": 900}
        )
        page = context.new_page()
        violations = watch_csp(page)
        yield page
        context.close()
        browser.close()
    assert violations == [], "\n".join(violations)


def tab_to(page, name: str, limit: int = 15) -> None:
    """Press Tab until the field called `name` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def press_enter(page) -> None:
    """Submit the focused form with Enter, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_focus_is_visible(page) -> None:
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 3, outline


def assert_targets_are_large(page) -> None:
    small = page.evaluate(
        """(() => [...document.querySelectorAll(
              'main a, main button, main input:not([type=hidden]):not([hidden])')]
            .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect().height])
            .filter(([, h]) => h > 0 && h < 44))()"""
    )
    assert small == [], small


def test_a_tenant_signs_up_by_keyboard_without_javascript(live_server, page):
    estate = build_estate()
    household = build_household(estate.dwellings[0], occupants=2, with_account=False)
    code = activation.format_code(activation.issue_code(household.tenants[1]))

    page.goto(f"{live_server.url}/compte/connexion/")
    assert "Adresse e-mail ou référence de bail" in page.content()
    assert_targets_are_large(page)
    page.screenshot(path=str(SHOTS / "0-login.png"), full_page=True)
    page.goto(f"{live_server.url}/compte/activer/")
    assert_targets_are_large(page)

    tab_to(page, "lease_reference")
    assert_focus_is_visible(page)
    page.keyboard.type(household.lease.reference)
    tab_to(page, "code")
    page.keyboard.type("AAAA-BBBB-CCCC")
    press_enter(page)
    assert "La référence du bail ou le code ne correspond pas" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "1-letter-refused.png"), full_page=True)

    tab_to(page, "code")
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    press_enter(page)
    assert "Avec quoi voulez-vous vous connecter ?" in page.inner_text("h1")
    assert "Étape 2 sur 3" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "2-identifier.png"), full_page=True)

    tab_to(page, "identifier")
    page.keyboard.press("Control+A")
    page.keyboard.type("karim@exemple.fr")
    press_enter(page)
    assert "Choisissez votre mot de passe" in page.inner_text("h1")
    page.screenshot(path=str(SHOTS / "3-password.png"), full_page=True)

    tab_to(page, "new_password1")
    page.keyboard.type(PASSWORD)
    tab_to(page, "new_password2")
    page.keyboard.type(PASSWORD)
    press_enter(page)
    page.screenshot(path=str(SHOTS / "4-signed-in.png"), full_page=True)
    assert "/compte/" not in page.url
    assert "Votre compte est créé" in page.content()
    household.tenants[1].refresh_from_db()
    assert household.tenants[1].user.username == "karim@exemple.fr"


def test_a_tenant_signs_in_with_the_lease_reference_by_keyboard(live_server, page):
    estate = build_estate()
    household = build_household(estate.dwellings[0], occupants=1)

    page.goto(f"{live_server.url}/compte/connexion/")
    # The identifier field has the focus on arrival.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type(household.lease.reference)
    tab_to(page, "password")
    assert_focus_is_visible(page)
    page.keyboard.type("correct-horse-battery")
    press_enter(page)
    page.wait_for_url(lambda url: "/compte/connexion/" not in url)

    assert "Bonjour" in page.inner_text("main") or "/locataire/" in page.url
    page.screenshot(path=str(SHOTS / "5-home-after-login.png"), full_page=True)
