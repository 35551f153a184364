"""The demo officer's inbox at first start: two views of her own beside the ready-made ones."""

from __future__ import annotations

from urllib.parse import urlencode

from agir.accounts.models import User
from agir.backoffice.models import SavedInboxView
from agir.estate.models import Site


def seed_inbox_views(log=print) -> None:
    officer = User.objects.filter(username="agent").first()
    tilleuls = Site.objects.filter(code="TIL").first()
    if officer is None or tilleuls is None:
        return
    SavedInboxView.objects.bulk_create(
        [
            SavedInboxView(
                owner=officer,
                name="Tilleuls à qualifier",
                query=urlencode({"scope": "to_qualify", "place": tilleuls.code}),
            ),
            SavedInboxView(
                owner=officer,
                name="Urgences en retard",
                query=urlencode({"scope": "overdue", "urgency": "emergency"}),
            ),
        ]
    )
    log("  inbox: 2 saved views for the officer")
