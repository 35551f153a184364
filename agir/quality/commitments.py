"""The landlord's delay commitments (engagements de délai) as the indicators read them.

The commitments themselves, their defaults and the due dates they give are
`agir.repairs.commitments` (managers edit them in the admin); this module only adds what the
indicators need on top: measuring a delay in a commitment's unit, and saying it in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import Urgency
from agir.repairs import commitments as repairs_commitments
from agir.repairs.commitments import DAYS, HOURS, WORKING_DAYS, Terms

from .working_days import working_days_between

__all__ = ["DAYS", "HOURS", "WORKING_DAYS", "Commitment", "Delay", "commitment_for"]

UNIT_LABELS = {HOURS: _("heures"), WORKING_DAYS: _("jours ouvrés"), DAYS: _("jours")}


@dataclass(frozen=True)
class Delay:
    amount: int
    unit: str  # HOURS, WORKING_DAYS or DAYS

    def measure(self, start: datetime, end: datetime) -> int:
        """The delay from start to end in this unit (whole hours rounded down; days counted
        as the commitments count them, from the day after the start)."""
        if self.unit == HOURS:
            return int((end - start).total_seconds() // 3600)
        if self.unit == DAYS:
            return (timezone.localtime(end).date() - timezone.localtime(start).date()).days
        return working_days_between(start, end)

    def __str__(self) -> str:
        return f"{self.amount} {UNIT_LABELS[self.unit]}"


@dataclass(frozen=True)
class Commitment:
    urgency: str
    take_in_hand: Delay
    intervene: Delay


def terms() -> dict[str, Terms]:
    """The commitments in force (one query): pass them on when measuring many requests."""
    return repairs_commitments.current_terms()


def commitment_for(urgency: str, current: dict[str, Terms] | None = None) -> Commitment:
    current = current if current is not None else terms()
    term = current.get(urgency) or current.get(Urgency.NORMAL)
    return Commitment(
        urgency,
        Delay(term.take_in_hand.amount, term.take_in_hand.unit),
        Delay(term.intervention.amount, term.intervention.unit),
    )
