"""The back office's shared layout: one menu on every staff page, the current page marked, and
an entry added with one line (agir/backoffice/menu.py)."""

import re

import pytest

from agir.backoffice import menu
from agir.core.menus import MenuEntry
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in


def menu_of(html: str) -> list[tuple[str, str, bool]]:
    nav = re.search(r'<nav class="site-menu staff-menu".*?</nav>', html, re.S)
    assert nav, "no back-office menu on this page"
    return [
        (label.strip(), href, "aria-current" in attributes)
        for href, attributes, label in re.findall(
            r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav.group(0)
        )
    ]


@pytest.fixture
def mailbox_folder(settings):
    settings.NOTIFY_MAILBOX_DIR.mkdir(parents=True, exist_ok=True)
    return settings.NOTIFY_MAILBOX_DIR


@pytest.mark.parametrize(
    "path",
    [
        "/bureau/demandes/",
        "/bureau/demandes/{code}/",
        "/bureau/messages/boite-mail/",
        "/bureau/messages/courrier/",
        "/bureau/bons/",
    ],
)
def test_every_back_office_page_shows_the_menu(client, officer, household, mailbox_folder, path):
    request = submitted_request(household)
    sign_in(client, officer)
    html = client.get(path.format(code=request.code)).content.decode()
    assert [(label, href) for label, href, _current in menu_of(html)] == [
        ("Demandes", "/bureau/demandes/"),
        ("Saisie téléphone", "/bureau/saisie/"),
        ("Avis", "/bureau/avis/"),
        ("Bons de travaux", "/bureau/bons/"),
        ("Messages", "/bureau/messages/boite-mail/"),
        ("Courriers", "/bureau/messages/courrier/"),
    ]


def test_the_menu_marks_the_page_you_are_on(client, officer, household, mailbox_folder):
    request = submitted_request(household)
    sign_in(client, officer)
    detail = menu_of(client.get(f"/bureau/demandes/{request.code}/").content.decode())
    assert [label for label, _href, current in detail if current] == ["Demandes"]
    batches = menu_of(client.get("/bureau/messages/courrier/").content.decode())
    assert [label for label, _href, current in batches if current] == ["Courriers"]


def test_the_admin_entry_is_shown_to_those_who_may_use_the_admin(client, db):
    manager = build_staff("manager")
    manager.is_staff = True
    manager.save(update_fields=["is_staff"])
    sign_in(client, manager)
    links = menu_of(client.get("/bureau/demandes/").content.decode())
    assert ("Administration", "/admin/", False) in links


def test_the_officer_sees_no_admin_entry_and_no_mailbox_outside_the_demo(client, officer):
    sign_in(client, officer)
    labels = [label for label, *_ in menu_of(client.get("/bureau/demandes/").content.decode())]
    assert labels == ["Demandes", "Saisie téléphone", "Avis", "Bons de travaux", "Courriers"]


def test_an_entry_is_added_with_one_line(client, officer, monkeypatch):
    monkeypatch.setattr(menu, "MENU", [*menu.MENU, MenuEntry("Santé", "healthz")])
    sign_in(client, officer)
    links = menu_of(client.get("/bureau/demandes/").content.decode())
    assert links[-1] == ("Santé", "/healthz", False)
