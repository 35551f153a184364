"""The quality side of the demo's year: realistic delays, contractors of different quality,
reopened requests, survey answers and corrective actions, so that the managers' dashboard
tells a story at first start.

The story: the plumber (Plomberie Lys Services) is quick and liked; the lift company
(Ascenseurs Flandres) was slow and often had to come back until a corrective action five
months ago, and is better since; the Peupliers' former plumber (Sanitaires Express) missed
most of its commitments; the Clos Fleuri's boilers (Chauffage Nord Confort) run late in winter.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from agir.catalogue.models import Urgency
from agir.quality import surveys
from agir.quality.facts import rebuild_facts, suspended
from agir.quality.models import CorrectiveAction
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, Status

__all__ = ["facts_suspended", "pace", "seed_quality"]

facts_suspended = suspended  # the filling writes no indicator rows; seed_quality makes them

# Days between two steps of a request's history, by urgency, for an ordinary contractor.
TYPICAL_STEP_DAYS = {
    Urgency.EMERGENCY: 0.15,
    Urgency.URGENT: 0.6,
    Urgency.NORMAL: 1.6,
    Urgency.PLANNED: 4.0,
}
LIFTS_BETTER_DAYS_AGO = 150  # the corrective action with the lift company took effect


def _slowness(request: RepairRequest, age_days: float) -> float:
    """How much slower than usual this request's contractor works (1: as usual)."""
    entry = request.catalogue_entry
    kind = entry.contract_kind if entry else ""
    site = request.building.code.split("-")[0]
    if kind == "lift":
        return 3.2 if age_days > LIFTS_BETTER_DAYS_AGO else 1.1
    if kind == "plumbing" and site == "PEU":
        return 3.5  # Sanitaires Express, until its contract ended
    if kind == "plumbing":
        return 0.6  # Plomberie Lys Services
    if kind in ("gas_boiler", "collective_heating") and site == "CLO":
        return 2.4
    return 1.0


def pace(request: RepairRequest, span: timedelta, now: datetime) -> timedelta:
    """The time between two steps of a demo request's history: days, not months, and longer
    where the contractor is slow (never longer than `span`, which keeps the history in the past).
    Its own random numbers (seeded by the request), so the rest of the demo stays the same."""
    rng = random.Random(request.pk)
    age_days = (now - request.submitted_at).total_seconds() / 86400
    days = TYPICAL_STEP_DAYS.get(request.urgency, 1.6) * _slowness(request, age_days)
    days *= rng.uniform(0.5, 1.6)
    return min(span, timedelta(days=days))


GOOD_COMMENTS = [
    "Technicien ponctuel et aimable.",
    "Réparé rapidement, merci.",
    "Très bien, on m'a prévenu la veille par SMS.",
    "Travail propre.",
]
BAD_COMMENTS = [
    "Trois semaines pour une fuite, c'est trop long.",
    "Personne n'est venu au premier rendez-vous.",
    "Il a fallu rappeler plusieurs fois.",
    "L'ascenseur retombe en panne chaque mois.",
    "Réparé, mais le technicien n'avait pas la pièce.",
]


def seed_quality(now: datetime, log=print) -> None:
    """After the year of requests: second visits, survey answers, corrective actions, and
    every request's indicator row."""
    rng = random.Random(9001)
    reopened = _reopen_some(rng, now)
    answered = _answer_surveys(rng, now)
    _corrective_actions(now)
    measured = rebuild_facts()
    log(f"  quality: {reopened} reopened, {answered} survey answers, {measured} measured")


def _reopen_some(rng: random.Random, now: datetime) -> int:
    """Some closed requests were not fixed: more of the slow contractors'."""
    staff = Actor.system("Service clientèle")
    tenant = Actor.system("Locataire")
    contractor = Actor.system("Entreprise")
    made = 0
    closed = RepairRequest.objects.filter(status=Status.CLOSED).select_related(
        "building", "catalogue_entry"
    )
    for request in closed.order_by("pk"):
        age = (now - request.closed_at).total_seconds() / 86400
        chance = 0.03 * _slowness(request, age + 20)
        if age < 20 or rng.random() > chance:
            continue
        at = request.closed_at + timedelta(days=rng.uniform(1, 6))
        lifecycle.reopen(request, actor=tenant, reason="Ce n'est pas réparé.", at=at, notify=False)
        for intent in ("acknowledge", "start", "finish", "close"):
            at += timedelta(days=rng.uniform(0.5, 2))
            match intent:
                case "acknowledge":
                    lifecycle.acknowledge(request, actor=staff, at=at, notify=False)
                case "start":
                    lifecycle.start(request, actor=contractor, at=at, notify=False)
                case "finish":
                    lifecycle.finish(
                        request, actor=contractor, message="Seconde visite.", at=at, notify=False
                    )
                case "close":
                    lifecycle.close(request, actor=staff, at=at, notify=False)
        made += 1
    return made


def _answer_surveys(rng: random.Random, now: datetime) -> int:
    answered = 0
    closed = (
        RepairRequest.objects.filter(status=Status.CLOSED, requested_by__isnull=False)
        .select_related("building", "catalogue_entry", "requested_by")
        .order_by("pk")
    )
    for request in closed:
        if rng.random() > 0.45:
            continue
        age = (now - request.submitted_at).total_seconds() / 86400
        slow = _slowness(request, age)
        took = (request.closed_at - request.submitted_at).total_seconds() / 86400
        mood = 4.6 - 0.9 * (slow - 1) - 0.08 * took + rng.uniform(-1.2, 0.8)
        score = max(1, min(5, round(mood)))
        comment = ""
        if rng.random() < 0.35:
            comment = rng.choice(GOOD_COMMENTS if score >= 4 else BAD_COMMENTS)
        at = min(request.closed_at + timedelta(days=rng.uniform(0.2, 5)), now)
        surveys.answer(request, request.requested_by, score=score, comment=comment, at=at)
        answered += 1
    return answered


def _corrective_actions(now: datetime) -> None:
    today = timezone.localdate(now)
    CorrectiveAction.objects.bulk_create(
        [
            CorrectiveAction(
                finding="Ascenseurs : moins d'une intervention sur deux dans le délai, "
                "et une panne sur cinq revient dans le mois.",
                action="Revue du contrat avec Ascenseurs Flandres : pénalités de retard, "
                "technicien dédié au secteur Sud.",
                owner="Direction du patrimoine",
                due_date=today - timedelta(days=140),
                closed=True,
                closed_on=today - timedelta(days=145),
                created_at=now - timedelta(days=LIFTS_BETTER_DAYS_AGO + 20),
            ),
            CorrectiveAction(
                finding="Cité des Peupliers : fuites traitées en plus de trois semaines.",
                action="Fin du contrat avec Sanitaires Express ; appel d'offres robinetterie.",
                owner="Responsable qualité",
                due_date=today - timedelta(days=110),
                closed=True,
                closed_on=today - timedelta(days=120),
                created_at=now - timedelta(days=200),
            ),
            CorrectiveAction(
                finding="Clos Fleuri : chaudières réparées en retard en période de chauffe.",
                action="Stock de pièces chez Chauffage Nord Confort avant le 1er octobre ; "
                "point mensuel.",
                owner="Responsable technique secteur Sud-Ouest",
                due_date=today + timedelta(days=30),
                created_at=now - timedelta(days=60),
            ),
            CorrectiveAction(
                finding="Taux de réponse à l'enquête de satisfaction sous 50 %.",
                action="Rappel de l'enquête par SMS trois jours après la clôture.",
                owner="Service clientèle",
                due_date=today + timedelta(days=45),
                created_at=now - timedelta(days=20),
            ),
        ]
    )
