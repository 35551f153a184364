"""Driving Debian's chromium through Playwright against pytest-django's live server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.builders import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
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
TV = {"width": 1280, "height": 720}


# Module scope: other test modules start Playwright themselves, and two sync_playwright() may
# not run at once in one thread.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (./dev test installs it)")
    saved = _serialized_contents()
    with sync_playwright() as playwright:
        # Starting Playwright's sync API switches the context Django's connections live in, so
        # the tests after it see fresh connection objects without the database contents that
        # serialized_rollback restores (the shipped catalogue): hand them over.
        _restore_serialized_contents(saved)
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


_SNAPSHOTS: dict[str, str] = {}


def _serialized_contents() -> dict[str, str]:
    from django.db import connections

    for alias in connections:
        if hasattr(connections[alias], "_test_serialized_contents"):
            _SNAPSHOTS[alias] = connections[alias]._test_serialized_contents
    return dict(_SNAPSHOTS)


def _restore_serialized_contents(saved: dict[str, str]) -> None:
    from django.db import connections

    for alias, contents in saved.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


# What Chromium said about the Content-Security-Policy, per page (see watch_csp).
_CSP_REPORTS: dict[int, list[str]] = {}


def watch_csp(page: Page) -> list[str]:
    """Collect every Content-Security-Policy violation Chromium reports on `page`."""
    reports = _CSP_REPORTS.setdefault(id(page), [])
    page.on(
        "console",
        lambda message: (
            reports.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return reports


def csp_violations(page: Page) -> list[str]:
    return list(_CSP_REPORTS.get(id(page), []))


def new_page(browser: Browser, *, javascript: bool = True, **options) -> Page:
    context = browser.new_context(
        java_script_enabled=javascript,
        locale="fr-FR",
        viewport=options.pop("viewport", TV),
        **options,
    )
    context.set_default_timeout(15_000)
    made = context.new_page()
    watch_csp(made)
    return made


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    made = new_page(browser)
    yield made
    violations = csp_violations(made)
    _CSP_REPORTS.pop(id(made), None)
    made.context.close()
    # Every browser test is also a Content-Security-Policy test: nothing it saw was refused.
    assert violations == [], "\n".join(violations)


class Shots:
    """Screenshots of one test, numbered in the order taken, under test-artifacts/<test>/."""

    def __init__(self, name: str) -> None:
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def take(self, page: Page, label: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request) -> Shots:
    return Shots(request.node.name)


# --- the keyboard, as a person (or a TV remote) uses it ----------------------------------

FOCUSED_TEXT = """() => {
  const el = document.activeElement;
  if (!el) return "";
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return (el.getAttribute("aria-label") || label || el.innerText || el.textContent || "")
    .replace(/\\s+/g, " ").trim();
}"""


def focused_text(page: Page) -> str:
    return page.evaluate(FOCUSED_TEXT)


def tab_to(page: Page, text: str, *, exact: bool = False, limit: int = 150) -> None:
    """Press Tab until the focused element says `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        said = focused_text(page)
        if (said == text) if exact else (text in said):
            return
    raise AssertionError(f"Tab never reached {text!r}")


def sign_in_by_keyboard(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/compte/connexion/")
    # The username field takes the focus when the page opens (autofocus).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/locataire/$"))


# --- accessibility and weight ------------------------------------------------------------


def axe_violations(page: Page) -> list[dict]:
    # Evaluated through the DevTools protocol: a <script> tag added to the page would be an
    # inline script, which the Content-Security-Policy refuses.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ["violations"]});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )
    return result


def transferred_bytes(browser: Browser, url: str, storage_state: dict) -> tuple[int, list]:
    """Everything a fresh browser downloads to show `url`: HTML, CSS, scripts, pictures."""
    context = browser.new_context(storage_state=storage_state, viewport=TV)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes = []
    for response in responses:
        measured = response.request.sizes()
        sizes.append((response.url, measured["responseBodySize"] + measured["responseHeadersSize"]))
    context.close()
    return sum(size for _url, size in sizes), sizes


def type_a_place(page: Page, typed: str, *codes: str) -> None:
    """Types `typed` in the place field and waits for htmx to suggest exactly `codes`, in order
    (agir/backoffice/place_search, under the CSP)."""
    page.locator("#id_place").press_sequentially(typed)
    suggestions = page.locator("#place-suggestions option")
    expect(suggestions).to_have_count(len(codes))
    assert [o.get_attribute("value") for o in suggestions.all()] == list(codes)
