"""The tenant's pages share a menu (agir/portal/menu.py) that reaches «Mes messages» and «Comment
vous prévenir ?»; the home page says how the tenant is told and links to both. The guided
entry keeps one question a page, without the menu."""

import re

import pytest
from django.urls import reverse

from tests.builders import submitted_request
from tests.portal.helpers import TenantWizard


def menu_of(html: str) -> list[tuple[str, str, bool]]:
    nav = re.search(r'<nav class="site-menu tenant-menu".*?</nav>', html, re.S)
    assert nav, "no tenant menu on this page"
    return [
        (label.strip(), href, "aria-current" in attributes)
        for href, attributes, label in re.findall(
            r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav.group(0)
        )
    ]


MENU = [
    ("Accueil", "/locataire/"),
    ("Mes demandes", "/locataire/demandes/"),
    ("Mes messages", "/locataire/messages/"),
    ("Comment vous prévenir ?", "/locataire/preferences/"),
    ("Mes données", "/locataire/mes-donnees/"),
]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/locataire/", "Accueil"),
        ("/locataire/demandes/", "Mes demandes"),
        ("/locataire/demandes/{code}/", "Mes demandes"),
        ("/locataire/messages/", "Mes messages"),
        ("/locataire/preferences/", "Comment vous prévenir ?"),
    ],
)
def test_every_tenant_page_has_the_menu_with_its_own_entry_marked(client, household, path, current):
    request = submitted_request(household)
    client.force_login(household.holder.user)
    links = menu_of(client.get(path.format(code=request.code)).content.decode())
    assert [(label, href) for label, href, _ in links] == MENU
    assert [label for label, _href, marked in links if marked] == [current]


def test_the_home_page_says_how_the_tenant_is_told_and_links_to_change_it(client, household):
    client.force_login(household.holder.user)
    html = client.get(reverse("portal:home")).content.decode()
    main = html[html.index("<main") :]
    assert f"par e-mail, à {household.holder.email}" in main
    assert f'href="{reverse("portal:preferences")}"' in main
    assert f'href="{reverse("portal:messages")}"' in main


def test_the_guided_entry_keeps_one_question_a_page_without_the_menu(client, household):
    wizard = TenantWizard(client, household).start()
    html = wizard.get("wizard_where").content.decode()
    assert "tenant-menu" not in html
