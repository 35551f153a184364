"""Chromium under the Content-Security-Policy: the staff's pages and the admin's work without a
single violation, and the landlord's colour (the one inline <style>, with its nonce) applies.

The tenant's pages are covered by every other browser test: the `page` fixture fails a test on
any violation Chromium reports.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, sync_playwright

from agir.accounts.models import Role
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TV, watch_csp
from tests.builders import build_estate, build_household, build_staff, submitted_request
from tests.staff_sign_in import sign_in as staff_sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def staff_page(live_server):
    # A Playwright of its own, as tests/browser/test_tracking.py: the shared module-scoped one
    # leaves the database contents of serialized_rollback behind for the modules after it.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=TV, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        violations = watch_csp(page)
        yield page
        context.close()
        browser.close()
    assert violations == [], "\n".join(violations)


def sign_in(page: Page, live_server, user) -> None:
    client = Client()
    staff_sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_staff_and_admin_pages_run_under_the_policy(staff_page, live_server, settings):
    page = staff_page
    # Fails before the fix: no page carried a Content-Security-Policy.
    settings.LANDLORD = {**settings.LANDLORD, "colour": "#aa3300"}
    household = build_household(build_estate().dwellings[0])
    request = submitted_request(household)
    manager = build_staff(Role.MANAGER)
    manager.is_staff = manager.is_superuser = True
    manager.save(update_fields=["is_staff", "is_superuser"])
    sign_in(page, live_server, manager)
    urls = [
        reverse("backoffice:requests"),
        reverse("backoffice:request", args=[request.code]),
        reverse("admin:index"),
        reverse("admin:notify_notification_changelist"),
        reverse("admin:estate_lease_changelist"),
        reverse("admin:estate_tenant_change", args=[household.holder.pk]),
        reverse("admin:accounts_user_changelist"),
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy

    page.goto(live_server.url + reverse("backoffice:requests"))
    border = page.evaluate(
        "getComputedStyle(document.querySelector('header, .site-header')).borderBottomColor"
    )
    assert border == "rgb(170, 51, 0)"  # the nonce'd <style> was applied
