"""What an API client may be allowed to do: one scope per kind of access.

An app that adds operations needing a new kind of access adds its scope here, with the words a
manager reads when giving it to a client.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SCOPES: dict[str, str] = {
    "requests:read": _("Lire les demandes et leur historique"),
    "requests:write": _("Créer des demandes et y ajouter des messages"),
    "estate:read": _("Consulter le patrimoine (résidences, bâtiments, logements)"),
    "exchange:write": _("Déposer des fichiers d'échange avec l'ERP"),
    "open311": _("Créer des demandes par Open311 GeoReport v2"),
}


def choices() -> list[tuple[str, str]]:
    return list(SCOPES.items())
