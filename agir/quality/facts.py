"""Keeping `RequestFact` true: one row per submitted request, rebuilt from its events whenever
an event is written (a signal, in the same transaction as the event).

`contractor_of` is the one place that says which contractor a request went to; `rebuild_facts`
recomputes every row (after an import, or after the demo's filling, which suspends the signal).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db.models.signals import post_save
from django.dispatch import receiver

from agir.catalogue.models import Responsibility
from agir.repairs.models import EventKind, RepairRequest, RequestEvent, Status

from .commitments import HOURS, WORKING_DAYS, Delay, commitment_for
from .models import RequestFact

_suspended = contextvars.ContextVar("quality_facts_suspended", default=False)

HOURS_DELAY, DAYS_DELAY = Delay(0, HOURS), Delay(0, WORKING_DAYS)


@contextmanager
def suspended() -> Iterator[None]:
    """Write no facts while filling a database in bulk; call `rebuild_facts` afterwards."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def contractor_of(request: RepairRequest, events: list[tuple[str, datetime, dict]]):
    """The contractor a request went to: named by an event (a work order), or else the holder
    of the maintenance contract that covers it when the officer decided the contract pays."""
    for _kind, _at, data in reversed(events):
        if isinstance(data, dict) and data.get("contractor_id"):
            return int(data["contractor_id"])
    if request.responsibility == Responsibility.CONTRACT and request.catalogue_entry_id:
        from agir.catalogue.payer import who_pays_for_request
        from agir.estate.models import MaintenanceContract

        answer = who_pays_for_request(request, on=request.submitted_at.date()).contract
        if answer is None:
            return None
        return (
            MaintenanceContract.objects.filter(reference=answer.reference)
            .values_list("contractor_id", flat=True)
            .first()
        )
    return None


def _first(events, *kinds: str) -> datetime | None:
    return next((at for kind, at, _data in events if kind in kinds), None)


def fact_values(request: RepairRequest, events: list[tuple[str, datetime, dict]]) -> dict:
    """The fact's fields for `request` given its events (kind, at, data) in time order."""
    submitted = request.submitted_at
    commitment = commitment_for(request.urgency)
    acknowledged = _first(events, EventKind.ACKNOWLEDGED, EventKind.REJECTED)
    intervened = _first(events, EventKind.STARTED, EventKind.FINISHED)
    done = _first(events, EventKind.FINISHED)
    closed = _first(events, EventKind.CLOSED)
    withdrawn = _first(events, EventKind.REJECTED, EventKind.CANCELLED)
    reopened = _first(events, EventKind.REOPENED)
    kinds = [kind for kind, _at, _data in events]
    postponements, reopens = kinds.count(EventKind.POSTPONED), kinds.count(EventKind.REOPENED)
    finishes = kinds.count(EventKind.FINISHED)

    def delays(moment: datetime | None) -> tuple[int | None, int | None]:
        if moment is None:
            return None, None
        moment = max(moment, submitted)
        return HOURS_DELAY.measure(submitted, moment), DAYS_DELAY.measure(submitted, moment)

    ack_hours, ack_wdays = delays(acknowledged)
    intervene_hours, intervene_wdays = delays(intervened)
    close_hours, close_wdays = delays(closed)
    building = request.building
    return {
        "submitted_at": submitted,
        "building_id": building.pk,
        "site_id": building.site_id,
        "sector_id": building.sector_id,
        "contractor_id": contractor_of(request, events),
        "equipment_id": request.catalogue_entry.equipment_id if request.catalogue_entry else None,
        "origin": request.origin,
        "urgency": request.urgency,
        "responsibility": request.responsibility,
        "status": request.status,
        "acknowledged_at": acknowledged,
        "intervened_at": intervened,
        "done_at": done,
        "closed_at": closed,
        "withdrawn_at": withdrawn,
        "reopened_at": reopened,
        "ack_hours": ack_hours,
        "ack_wdays": ack_wdays,
        "intervene_hours": intervene_hours,
        "intervene_wdays": intervene_wdays,
        "close_hours": close_hours,
        "close_wdays": close_wdays,
        "ack_due": commitment.take_in_hand.due(submitted),
        "intervene_due": commitment.intervene.due(submitted),
        "postponements": postponements,
        "reopens": reopens,
        "first_visit_fix": None
        if done is None
        else (finishes == 1 and postponements == 0 and reopens == 0),
    }


def refresh_fact(request_id: int) -> RequestFact | None:
    request = (
        RepairRequest.objects.select_related("building", "catalogue_entry")
        .filter(pk=request_id)
        .first()
    )
    if request is None or request.status == Status.DRAFT or request.submitted_at is None:
        RequestFact.objects.filter(request_id=request_id).delete()
        return None
    if RequestFact.objects.filter(request_id=request_id, anonymised_at__isnull=False).exists():
        return None  # anonymised: its figures stay as they were when its details were erased
    events = list(
        RequestEvent.objects.filter(request_id=request_id)
        .order_by("at", "pk")
        .values_list("kind", "at", "data")
    )
    fact, _created = RequestFact.objects.update_or_create(
        request_id=request_id, defaults=fact_values(request, events)
    )
    return fact


def rebuild_facts(batch: int = 500) -> int:
    """Recompute every fact, a batch of requests at a time (one query for their events, one
    bulk upsert); anonymised requests keep theirs. Returns how many requests have one."""
    ids = list(RepairRequest.objects.submitted().order_by("pk").values_list("pk", flat=True))
    frozen = set(
        RequestFact.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    ids = [i for i in ids if i not in frozen]
    update_fields = [
        f.attname
        for f in RequestFact._meta.concrete_fields
        if f.name not in ("request", "anonymised_at", "photos_erased_at")
    ]
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        requests = RepairRequest.objects.select_related("building", "catalogue_entry").filter(
            pk__in=chunk, submitted_at__isnull=False
        )
        events: dict[int, list] = {}
        for request_id, kind, at, data in (
            RequestEvent.objects.filter(request_id__in=chunk)
            .order_by("at", "pk")
            .values_list("request_id", "kind", "at", "data")
        ):
            events.setdefault(request_id, []).append((kind, at, data))
        facts = [
            RequestFact(request_id=r.pk, **fact_values(r, events.get(r.pk, []))) for r in requests
        ]
        RequestFact.objects.bulk_create(
            facts, update_conflicts=True, unique_fields=["request"], update_fields=update_fields
        )
    return RequestFact.objects.count()


@receiver(post_save, sender=RequestEvent, dispatch_uid="quality_fact_on_event")
def _on_event(sender, instance: RequestEvent, created: bool, **kwargs) -> None:
    if created and not _suspended.get() and not kwargs.get("raw"):
        refresh_fact(instance.request_id)
