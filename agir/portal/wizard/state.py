"""What a tenant has answered so far, kept in their session under the wizard's id.

The id is made when the wizard starts and becomes the request's idempotency key: however many
times «Envoyer ma demande» reaches the server (double click, Back then confirm again, a retry by
the network), one request exists.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

SESSION_KEY = "agir_wizards"
# A few wizards at once (two tabs, a restart); the oldest is forgotten beyond that.
MAX_WIZARDS = 4


@dataclass
class WizardState:
    id: str
    lease_id: int
    started_at: str
    # where and what
    place: str = ""
    equipment: str = ""
    entry: str = ""  # catalogue code; empty with `other`
    other: bool = False  # «Autre problème»: none of the catalogue's cards
    emergency_seen: bool = False
    duplicates_seen: bool = False
    # details
    description: str = ""
    availability: list[str] = field(default_factory=list)
    access_notes: str = ""
    photos: list[dict] = field(default_factory=list)  # {"id", "name" (storage), "label"}
    details_done: bool = False
    # outcome
    joined: str = ""  # code of the neighbour's request the tenant joined instead
    submitted: str = ""  # code of the request made

    @property
    def key(self) -> uuid.UUID:
        return uuid.UUID(self.id)

    @property
    def has_problem(self) -> bool:
        return bool(self.place and self.equipment and (self.entry or self.other))

    def choose(self, place: str, equipment: str, entry: str = "", other: bool = False) -> None:
        """Record the problem; the pages that depend on it are shown again if it changed."""
        if (place, equipment, entry, other) != (self.place, self.equipment, self.entry, self.other):
            self.emergency_seen = False
            self.duplicates_seen = False
        self.place, self.equipment, self.entry, self.other = place, equipment, entry, other


def _store(session: SessionBase) -> dict:
    return session.setdefault(SESSION_KEY, {})


def start(session: SessionBase, lease_id: int) -> WizardState:
    state = WizardState(id=str(uuid.uuid4()), lease_id=lease_id, started_at=_now())
    store = _store(session)
    while len(store) >= MAX_WIZARDS:
        oldest = min(store, key=lambda key: store[key].get("started_at", ""))
        del store[oldest]
    save(session, state)
    return state


def load(session: SessionBase, wizard_id: uuid.UUID | str) -> WizardState | None:
    data = _store(session).get(str(wizard_id))
    if data is None:
        return None
    known = {f.name for f in fields(WizardState)}
    return WizardState(**{name: value for name, value in data.items() if name in known})


def save(session: SessionBase, state: WizardState) -> None:
    _store(session)[state.id] = asdict(state)
    session.modified = True


def _now() -> str:
    return timezone.now().isoformat()
