"""Delays from submission: to take in hand, to intervene, to close; median and 90th percentile.

Each urgency in the unit of its commitment (hours for emergencies, working days otherwise);
all urgencies together in working days. The database returns how many requests took each
delay (a few hundred rows at most), and the percentiles are read from those counts: no request
row is loaded. A percentile p is the smallest delay that at least p of the requests did not
exceed (nearest rank). Requests not yet at that step at the period's end are left out.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import Urgency

from ..commitments import DAYS, HOURS, WORKING_DAYS, commitment_for, terms
from .scope import Scope
from .tally import Tally

# measure -> (moment field, hours field, working days field)
MEASURES = {
    "take_in_hand": ("acknowledged_at", "ack_hours", "ack_wdays"),
    "intervene": ("intervened_at", "intervene_hours", "intervene_wdays"),
    "close": ("closed_at", "close_hours", "close_wdays"),
}
MEASURE_LABELS = {
    "take_in_hand": _("Prise en compte"),
    "intervene": _("Intervention"),
    "close": _("Clôture"),
}


@dataclass(frozen=True)
class Distribution:
    urgency: str  # "" for all urgencies together
    unit: str
    counts: dict[int, int]  # delay -> how many requests

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def median(self) -> int | None:
        return percentile(self.counts, 0.5)

    @property
    def p90(self) -> int | None:
        return percentile(self.counts, 0.9)


def percentile(counts: dict[int, int], p: float) -> int | None:
    total = sum(counts.values())
    if not total:
        return None
    rank = max(1, math.ceil(p * total))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    return None  # unreachable


def unit_for(urgency: str, measure: str, current=None) -> str:
    commitment = commitment_for(urgency, current)
    return (commitment.take_in_hand if measure == "take_in_hand" else commitment.intervene).unit


def _in_unit(unit: str, in_hours: int, in_days: int) -> int:
    if unit == HOURS:
        return in_hours
    if unit == DAYS:
        return in_hours // 24  # calendar days, counted as whole days of 24 hours
    return in_days


def count_into(tally: Tally, scope: Scope) -> None:
    """How many requests took each delay, per urgency, for each measure."""
    for measure, (moment, hours, wdays) in MEASURES.items():
        rows = (
            scope.facts()
            .filter(Q(**{f"{moment}__lte": scope.as_of}))
            .values_list("urgency", hours, wdays)
            .annotate(n=Count("pk"))
            .order_by()
        )
        tally.put(f"delay:{measure}", rows, 1)


def distributions(tally: Tally, measure: str, current=None) -> list[Distribution]:
    """One distribution per urgency (that has any), then all urgencies in working days."""
    current = current if current is not None else terms()
    units = {u: unit_for(u, measure, current) for u in Urgency.values}
    per_urgency: dict[str, Counter] = {}
    overall: Counter = Counter()
    for (urgency, in_hours, in_days), (n,) in tally.rows(f"delay:{measure}").items():
        unit = units.get(urgency, WORKING_DAYS)
        per_urgency.setdefault(urgency, Counter())[_in_unit(unit, in_hours, in_days)] += n
        overall[in_days] += n
    ordered = [u for u in Urgency.values if u in per_urgency]
    result = [Distribution(u, units[u], dict(per_urgency[u])) for u in ordered]
    result.append(Distribution("", WORKING_DAYS, dict(overall)))
    return result
