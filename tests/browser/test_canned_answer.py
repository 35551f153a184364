"""On the request page, picking a canned answer puts its text in the answer, to be changed
before sending; no Content-Security-Policy violation (the page fixture checks it)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from agir.backoffice.models import CannedAnswer
from agir.repairs.models import EventKind
from tests.builders import build_estate, build_household, build_staff, submitted_request
from tests.staff_sign_in import sign_in_in_browser, verified_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_canned_answer_is_picked_changed_and_sent(page, live_server, shots):
    CannedAnswer.objects.create(title="Passage du gardien", body="Le gardien passera lundi.")
    request = submitted_request(build_household(build_estate().dwellings[0]))
    officer = build_staff()
    verified_device(officer)
    sign_in_in_browser(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/bureau/demandes/{request.code}/")

    page.select_option("#id_answer-canned", label="Passage du gardien")
    message = page.locator("#id_answer-message")
    expect(message).to_have_value("Le gardien passera lundi.")
    message.fill("Le gardien passera lundi matin.")
    shots.take(page, "canned-answer")
    with page.expect_navigation(url=re.compile(r"/bureau/demandes/")):
        page.get_by_role("button", name="Envoyer la réponse").click()

    event = request.events.get(kind=EventKind.COMMENTED)
    assert event.public
    assert event.message == "Le gardien passera lundi matin."
