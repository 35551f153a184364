"""The back office's menu, on every staff page (backoffice/base.html): one line per entry, in
the order shown (label, URL name, who sees it)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agir.core.menus import MenuEntry, MenuLink, links_for


def admin_users(user) -> bool:
    return user.is_staff


def managers(user) -> bool:
    return user.role == "manager"


def demo_mailbox_in_use(user) -> bool:
    # Only `agir mailsink` (the demo's catch-all SMTP server) makes this folder.
    return settings.NOTIFY_MAILBOX_DIR.is_dir()


MENU: list[MenuEntry] = [
    MenuEntry(_("Qualité"), "quality_staff:dashboard", shown=managers),
    MenuEntry(_("Demandes"), "backoffice:requests"),
    MenuEntry(_("Saisie téléphone"), "backoffice:phone_entry"),
    MenuEntry(_("Avis"), "backoffice_notices:notices"),
    MenuEntry(_("Bons de travaux"), "works:orders"),
    MenuEntry(_("Messages"), "notify_staff:mailbox", shown=demo_mailbox_in_use),
    MenuEntry(_("Courriers"), "notify_staff:print_batches"),
    MenuEntry(_("Réponses types"), "backoffice:canned_answers", shown=managers),
    MenuEntry(_("Échanges ERP"), "exchange_staff:runs", shown=managers),
    MenuEntry(_("Administration"), "admin:index", shown=admin_users),
]


def links(user, path: str) -> list[MenuLink]:
    return links_for(MENU, user, path)
