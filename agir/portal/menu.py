"""The tenant's menu, on the tenant's pages (portal/base.html; not in the guided entry, which
keeps one question a page): one line per entry, in the order shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agir.core.menus import MenuEntry, MenuLink, links_for

MENU: list[MenuEntry] = [
    # «Accueil» is also the landlord's front desk (a request's origin): a context of its own.
    MenuEntry(pgettext_lazy("tenant menu", "Accueil"), "portal:home"),
    MenuEntry(_("Mes demandes"), "portal:requests"),
    MenuEntry(_("Mes messages"), "portal:messages"),
    MenuEntry(_("Comment vous prévenir ?"), "portal:preferences"),
    MenuEntry(_("Mes données"), "quality_portal:my_data"),
]


def links(user, path: str) -> list[MenuLink]:
    return links_for(MENU, user, path)
