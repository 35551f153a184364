"""The landlord's delay commitments (engagements de délai), per urgency, as the indicators read
them: how long to take a request in hand and how long to intervene.

The back office's own commitment table, when it exists, is read by `commitment_for`; until then
the defaults below (the Qualibail-style promises written on the confirmation page: taken in
hand within 2 working days) apply. Everything else in `agir.quality` goes through
`commitment_for`, so switching the source is one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import Urgency

from .working_days import add_working_days, working_days_between

HOURS, WORKING_DAYS = "hours", "working_days"
UNIT_LABELS = {HOURS: _("heures"), WORKING_DAYS: _("jours ouvrés")}


@dataclass(frozen=True)
class Delay:
    amount: int
    unit: str  # HOURS or WORKING_DAYS

    def due(self, start: datetime) -> datetime:
        if self.unit == HOURS:
            return start + timedelta(hours=self.amount)
        return add_working_days(start, self.amount)

    def measure(self, start: datetime, end: datetime) -> int:
        """The delay from start to end in this unit (whole hours, rounded down)."""
        if self.unit == HOURS:
            return int((end - start).total_seconds() // 3600)
        return working_days_between(start, end)

    def __str__(self) -> str:
        return f"{self.amount} {UNIT_LABELS[self.unit]}"


@dataclass(frozen=True)
class Commitment:
    urgency: str
    take_in_hand: Delay
    intervene: Delay


DEFAULTS = {
    Urgency.EMERGENCY: Commitment(Urgency.EMERGENCY, Delay(4, HOURS), Delay(24, HOURS)),
    Urgency.URGENT: Commitment(Urgency.URGENT, Delay(1, WORKING_DAYS), Delay(2, WORKING_DAYS)),
    Urgency.NORMAL: Commitment(Urgency.NORMAL, Delay(2, WORKING_DAYS), Delay(10, WORKING_DAYS)),
    Urgency.PLANNED: Commitment(Urgency.PLANNED, Delay(2, WORKING_DAYS), Delay(30, WORKING_DAYS)),
}


def commitment_for(urgency: str) -> Commitment:
    return DEFAULTS.get(urgency, DEFAULTS[Urgency.NORMAL])


def all_commitments() -> list[Commitment]:
    return [commitment_for(urgency) for urgency in Urgency.values]
