"""An officer signs in as in real life: password, then the code of their authenticator app
(computed here from the device's key), and lands on the back office."""

from __future__ import annotations

import pytest

from agir.accounts.models import Role
from tests.builders import build_staff
from tests.staff_sign_in import sign_in_in_browser, verified_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_signs_in_with_password_and_code(live_server, page):
    officer = build_staff(Role.OFFICER, username="agent-test")
    verified_device(officer)
    sign_in_in_browser(page, live_server.url, "agent-test")
    assert page.url.endswith("/bureau/demandes/")
    assert page.get_by_role("heading", level=1).inner_text()
