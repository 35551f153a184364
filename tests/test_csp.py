"""Content-Security-Policy without 'unsafe-inline': every response carries it, and no template
served to a browser holds an inline script, an inline handler or a style attribute (the one
inline <style>, the landlord's colour, carries the response's nonce).

Emails and letters (rendered for mail clients and WeasyPrint, never served as pages) keep their
inline styles and are left out of the scan.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.staff_sign_in import sign_in

ROOT = Path(settings.BASE_DIR)
# Rendered for a mail client or a PDF, never sent to a browser as a page.
NOT_PAGES = (
    "channels/email/",
    "channels/letter/",
    "accounts/templates/accounts/email/",
    "accounts/templates/accounts/letters/",
    "templates/registration/password_reset_email",
    # printed, never served as a page: PDFs from agir.core.pdf
    "rounds/templates/rounds/pdf/",
    "quality/templates/quality/pdf/",
)
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style(?![^>]*csp_nonce)[^>]*>", re.I), "a <style> without the nonce"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def page_templates() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.html"))
        if not any(part in str(path) for part in NOT_PAGES)
    ]


def test_no_page_template_holds_inline_script_style_or_handler():
    # Fails before the fix: base.html set the landlord's colour in a <style> with no nonce.
    found = []
    for path in page_templates():
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert len(page_templates()) > 20
    assert found == []


def test_the_policy_allows_nothing_inline_but_the_nonce():
    policy = settings.SECURE_CSP
    everything = " ".join(" ".join(values) for values in policy.values())
    assert "'unsafe-inline'" not in everything and "'unsafe-eval'" not in everything
    assert policy["script-src"] == ["'self'"]
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize(
    "who, url",
    [
        ("anonymous", "accounts:login"),
        ("tenant", "portal:home"),
        ("officer", "backoffice:requests"),
        ("admin", "admin:index"),
    ],
)
def test_every_page_carries_the_policy_and_its_nonce(client, household, officer, who, url):
    # Fails before the fix: no Content-Security-Policy header at all.
    if who == "tenant":
        sign_in(client, household.holder.user)
    elif who in ("officer", "admin"):
        officer.is_staff = officer.is_superuser = who == "admin"
        officer.save(update_fields=["is_staff", "is_superuser"])
        sign_in(client, officer)

    response = client.get(reverse(url))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    if who != "admin":  # the admin's pages have their own layout
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        assert f'<style nonce="{nonce}">' in response.content.decode()
