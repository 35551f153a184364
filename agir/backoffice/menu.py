"""The back office's menu, shared by every staff page (backoffice/base.html).

One line per entry, in the order shown: its label, the URL it opens, and who sees it. A page
is marked as the current entry when its address starts with the entry's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def everyone(user) -> bool:
    return True


def admin_users(user) -> bool:
    return user.is_staff


def managers(user) -> bool:
    return user.role == "manager"


def demo_mailbox_in_use(user) -> bool:
    # Only `agir mailsink` (the demo's catch-all SMTP server) makes this folder.
    return settings.NOTIFY_MAILBOX_DIR.is_dir()


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    shown: Callable[..., bool] = everyone


MENU: list[MenuEntry] = [
    MenuEntry(_("Demandes"), "backoffice:requests"),
    MenuEntry(_("Messages"), "notify_staff:mailbox", shown=demo_mailbox_in_use),
    MenuEntry(_("Courriers"), "notify_staff:print_batches"),
    MenuEntry(_("Échanges ERP"), "exchange_staff:runs", shown=managers),
    MenuEntry(_("Administration"), "admin:index", shown=admin_users),
]


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    current: bool


def links_for(user, path: str) -> list[MenuLink]:
    """The entries `user` sees, the one whose address is the longest start of `path` current."""
    shown = []
    for entry in MENU:
        if not entry.shown(user):
            continue
        try:
            shown.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:  # an entry of an app that is not installed
            continue
    matching = [url for _entry, url in shown if path.startswith(url)]
    current = max(matching, key=len, default=None)
    return [MenuLink(entry.label, url, url == current) for entry, url in shown]
