"""The API's documentation page works in a browser under its strict policy, from our own
files only."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_docs_page_shows_the_operations_without_breaking_its_policy(page, live_server):
    violations: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('Content Security violation ' + e.violatedDirective))"
    )

    page.goto(f"{live_server.url}/api/docs")

    expect(page.locator(".opblock-summary-path", has_text="/api/catalogue/suggest")).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/catalogue/suggest").click()
    expect(page.get_by_text("How many results at most.")).to_be_visible()
    assert violations == []
    assert hosts <= {urlparse(live_server.url).netloc}
