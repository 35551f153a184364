"""The demo's caught mailbox in the back office: plain rows and dates as the other staff pages
show them (local time; French words on the message's page), never Python's own notation."""

from email.message import EmailMessage

import pytest

from tests.staff_sign_in import sign_in


@pytest.fixture
def caught(settings):
    """A message as `agir mailsink` keeps it, sent at 09:00 UTC on 11 March 2026."""
    folder = settings.NOTIFY_MAILBOX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    message = EmailMessage()
    message["From"] = "AGIR <ne-pas-repondre@agir.localhost>"
    message["To"] = "nadia.benali@exemple.fr"
    message["Subject"] = "Demande enregistrée n° 2026-000123"
    message["Date"] = "Wed, 11 Mar 2026 09:00:00 +0000"
    message.set_content("Nous avons bien reçu votre demande.")
    (folder / "20260311-100000-abcd1234.eml").write_bytes(bytes(message))
    return "20260311-100000-abcd1234"


def test_the_mailbox_lists_messages_without_python_dictionaries(client, officer, caught):
    sign_in(client, officer)
    html = client.get("/bureau/messages/boite-mail/").content.decode()
    assert "Demande enregistrée n° 2026-000123" in html
    assert "{&#x27;" not in html and "{'" not in html
    assert "&#x27;subject&#x27;" not in html


def test_the_mailbox_shows_when_a_message_came_in_local_time(client, officer, caught):
    sign_in(client, officer)
    html = client.get("/bureau/messages/boite-mail/").content.decode()
    assert "11/03/2026 10:00" in html  # Paris, winter time
    assert "+0000" not in html and "Wed," not in html


def test_a_caught_message_shows_its_date_in_french_words(client, officer, caught):
    sign_in(client, officer)
    html = client.get(f"/bureau/messages/boite-mail/{caught}/").content.decode()
    assert "mercredi 11 mars 2026, 10:00" in html
    assert "nadia.benali@exemple.fr" in html and "Nous avons bien reçu votre demande." in html
    assert "+0000" not in html
