"""Commitments kept: per urgency, the share of requests taken in hand, and reached, within the
commitment; and the requests overdue now.

A request counts as kept when the step happened before its due date; as missed when its due
date passed (before the period's end) without the step, or the step came late; otherwise it is
not counted yet. Refused or cancelled requests are left out of the intervention's commitment,
and of the taking in hand's when they were withdrawn before being taken in hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from agir.catalogue.models import Urgency
from agir.repairs.models import OPEN_STATUSES

from ..models import RequestFact
from .scope import Scope
from .tally import Tally

STEPS = {
    "take_in_hand": ("acknowledged_at", "ack_due"),
    "intervene": ("intervened_at", "intervene_due"),
}


@dataclass(frozen=True)
class Kept:
    kept: int
    missed: int

    @property
    def measured(self) -> int:
        return self.kept + self.missed

    @property
    def share(self) -> float | None:
        return self.kept / self.measured if self.measured else None


def _conditions(scope: Scope, step: str) -> tuple[Q, Q, Q]:
    moment, due = STEPS[step]
    as_of = scope.as_of
    kept = Q(**{f"{moment}__isnull": False, f"{moment}__lte": F(due)}) & Q(
        **{f"{moment}__lte": as_of}
    )
    missed = Q(**{f"{due}__lt": as_of}) & (
        Q(**{f"{moment}__isnull": True}) | Q(**{f"{moment}__gt": F(due)})
    )
    if step == "intervene":
        excluded = Q(withdrawn_at__lte=as_of)
    else:
        excluded = Q(withdrawn_at__lte=as_of, acknowledged_at__isnull=True)
    return kept & ~excluded, missed & ~excluded, excluded


def kept_overall(by_urgency: dict[str, Kept]) -> Kept:
    return Kept(
        sum(k.kept for k in by_urgency.values()), sum(k.missed for k in by_urgency.values())
    )


def missed_request_ids(scope: Scope, *, limit: int = 200) -> list[int]:
    """Requests of the period that missed a commitment, oldest first (for the review pack)."""
    _k1, missed_ack, _e1 = _conditions(scope, "take_in_hand")
    _k2, missed_work, _e2 = _conditions(scope, "intervene")
    return list(
        scope.facts()
        .filter(missed_ack | missed_work)
        .order_by("submitted_at")
        .values_list("request_id", flat=True)[:limit]
    )


def overdue_now(scope: Scope) -> dict[str, int]:
    """Open requests whose next commitment is past due now, per urgency (the period aside)."""
    now = scope.current_time
    late = Q(acknowledged_at__isnull=True, ack_due__lt=now) | Q(
        intervened_at__isnull=True, intervene_due__lt=now
    )
    rows = (
        RequestFact.objects.filter(status__in=OPEN_STATUSES, **scope.place_filters())
        .filter(late)
        .values_list("urgency")
        .annotate(n=Count("pk"))
    )
    found = dict(rows)
    return {u: found.get(u, 0) for u in Urgency.values}


@dataclass(frozen=True)
class Row:
    received: int
    take_in_hand: Kept
    intervene: Kept


GROUPS = ("urgency", "month")


def count_into(tally: Tally, scope: Scope) -> None:
    """Requests received and both commitments, by urgency and by month, one scan each."""
    ack_kept, ack_missed, _e1 = _conditions(scope, "take_in_hand")
    work_kept, work_missed, _e2 = _conditions(scope, "intervene")
    for field in GROUPS:
        rows = (
            scope.facts()
            .values_list(field)
            .annotate(
                n=Count("pk"),
                ak=Count("pk", filter=ack_kept),
                am=Count("pk", filter=ack_missed),
                wk=Count("pk", filter=work_kept),
                wm=Count("pk", filter=work_missed),
            )
            .order_by()
        )
        if field == "month":  # a tally's keys are plain values (JSON)
            rows = [(month.isoformat(), *counts) for month, *counts in rows]
        tally.put(f"kept:{field}", rows, 5)


def kept_by(tally: Tally, field: str) -> dict:
    """Requests received and both commitments, grouped by `field` ("urgency", "month")."""
    rows = {}
    for (key,), (n, ak, am, wk, wm) in tally.rows(f"kept:{field}").items():
        if field == "month":
            key = date.fromisoformat(key)
        rows[key] = Row(n, Kept(ak, am), Kept(wk, wm))
    return rows
