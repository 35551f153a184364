"""Which page comes next: it depends on the answers (FixMyStreet's wizard of named pages).

Où ? → Quoi ? → Quel problème ? → [Urgence] → [Déjà signalé] → Précisions → Vérifiez.
A page asked for before its turn sends the tenant to the first page still to answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from agir.catalogue import snapshot
from agir.catalogue.models import CatalogueEntry, Equipment
from agir.estate.models import Lease, Tenant
from agir.repairs import followers
from agir.repairs.models import RepairRequest

from . import places
from .places import PlaceNotFound, WizardPlace
from .state import WizardState

# The steps shown in the progress line («Étape 2 sur 5»).
STEP_NUMBERS = {"where": 1, "what": 2, "symptom": 3, "details": 4, "review": 5}
STEP_COUNT = 5
# The order in which the pages come; a page is open once the first unanswered one is at or
# past it.
ORDER = ["where", "emergency", "duplicate", "details", "review"]


@dataclass
class Answers:
    state: WizardState
    lease: Lease
    tenant: Tenant
    place: WizardPlace | None = None
    equipment: Equipment | None = None
    entry: CatalogueEntry | None = None

    @property
    def dwelling(self):
        return self.lease.dwelling

    @property
    def has_problem(self) -> bool:
        return (
            self.place is not None
            and self.equipment is not None
            and (self.entry is not None or self.state.other)
        )


def resolve(state: WizardState, lease: Lease, tenant: Tenant) -> Answers:
    """The answers as objects; anything that no longer resolves is left unanswered."""
    answers = Answers(state, lease, tenant)
    if not state.place:
        return answers
    try:
        answers.place = places.resolve(state.place, lease.dwelling)
    except PlaceNotFound:
        return answers
    choice = places.find_equipment(answers.place, state.equipment)
    if choice is None:
        return answers
    answers.equipment = choice.equipment
    if state.entry:
        entry = snapshot.entry(state.entry)
        fits = entry is not None and entry.equipment_id == choice.equipment.pk
        if fits and places.entry_fits(answers.place, entry):
            answers.entry = entry
    return answers


def duplicates(answers: Answers) -> list[RepairRequest]:
    """Open requests about the same equipment of the same common area, and those a building
    notice at the tenant's place links to for this equipment (agir.notices), not the tenant's
    own."""
    from agir.notices.service import requests_to_follow

    if answers.place is None or answers.equipment is None:
        return []
    found = []
    if answers.place.is_common:
        found = list(
            followers.open_for_same_equipment(answers.place.common_area, answers.equipment)
        )
    for request in requests_to_follow(answers.dwelling, answers.equipment):
        if request not in found:
            found.append(request)
    return [request for request in found if not followers.is_involved(request, answers.tenant)]


def next_step(answers: Answers) -> str:
    """The first page with a question still open."""
    if not answers.has_problem:
        return "where"
    if (
        answers.entry is not None
        and answers.entry.is_emergency
        and not answers.state.emergency_seen
    ):
        return "emergency"
    if not answers.state.duplicates_seen and duplicates(answers):
        return "duplicate"
    if not answers.state.details_done:
        return "details"
    return "review"


def is_open(answers: Answers, step: str) -> bool:
    return ORDER.index(next_step(answers)) >= ORDER.index(step)
