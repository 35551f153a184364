"""The request an officer enters for a tenant: the catalogue's matcher kept to the tenant's
places, who pays «en principe», and the submission, all as the tenant's own entry does
(agir/portal/wizard: search, flow, submission). Only the origin and who enters it differ."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils import timezone

from agir.catalogue.payer import WhoPays
from agir.estate.models import Lease, Tenant
from agir.portal.wizard import flow, search, submission
from agir.portal.wizard.state import WizardState
from agir.repairs.models import Origin, RepairRequest

ORIGINS = (Origin.PHONE, Origin.COUNTER)


@dataclass(frozen=True)
class Problem:
    """One answer of the search, with who pays for it there."""

    choice: str  # «place_key|entry_code», the value the form sends back
    result: search.Result
    who: WhoPays


def _answers(lease: Lease, tenant: Tenant, place_key: str, entry, key: str) -> flow.Answers:
    state = WizardState(id=key, lease_id=lease.pk, started_at=timezone.now().isoformat())
    state.choose(place_key, entry.equipment.code, entry.code)
    return flow.resolve(state, lease, tenant)


def problems(query: str, lease: Lease, tenant: Tenant) -> list[Problem]:
    """The catalogue's answers for what the tenant says, at the tenant's places."""
    if len(query.strip()) < 2:
        return []
    found = search.suggestions_for(query, lease.dwelling)
    made = []
    for result in found.results:
        answers = _answers(lease, tenant, result.place_key, result.entry, str(uuid.uuid4()))
        if not answers.has_problem:
            continue
        made.append(
            Problem(
                choice=f"{result.place_key}|{result.entry.code}",
                result=result,
                who=submission.who_pays(answers),
            )
        )
    return made


def answers_for(lease: Lease, tenant: Tenant, choice: str, key: uuid.UUID) -> flow.Answers:
    """The answers behind a choice the form sent back (None-safe: see `has_problem`)."""
    from agir.catalogue.models import CatalogueEntry

    place_key, _sep, code = choice.partition("|")
    entry = CatalogueEntry.objects.active().filter(code=code).select_related("equipment").first()
    state = WizardState(id=str(key), lease_id=lease.pk, started_at=timezone.now().isoformat())
    if entry is not None:
        state.choose(place_key, entry.equipment.code, entry.code)
    return flow.resolve(state, lease, tenant)


def record(
    answers: flow.Answers,
    officer,
    *,
    origin: str,
    description: str,
    access_notes: str,
    accept_charge: bool,
) -> RepairRequest:
    """Submit the request for the tenant through the wizard's submission (lifecycle + outbox):
    the tenant gets the same acknowledgement as for their own entry."""
    answers.state.description = description
    answers.state.access_notes = access_notes
    return submission.confirm(answers, officer, accept_charge=accept_charge, origin=origin)
