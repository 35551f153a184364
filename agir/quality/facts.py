"""Keeping `RequestFact` true: one row per submitted request, rebuilt from its events. Writing
an event marks its request stale (`StaleFact`, one upsert in the event's transaction, so that a
lifecycle change costs one query more and no more); `catch_up` recomputes the stale facts in
batches, from the scheduler every minute and before every indicator computation.

`contractor_of` is the one place that says which contractor a request went to; `rebuild_facts`
recomputes every row (after an import, or after the demo's filling, which suspends the signal).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from agir.catalogue.models import Responsibility
from agir.core.bulk import insert_values
from agir.repairs.commitments import Terms, due_dates
from agir.repairs.models import EventKind, RepairRequest, RequestEvent, Status
from agir.repairs.signals import events_written

from . import summaries
from .commitments import HOURS, Delay, terms
from .models import RequestFact, StaleFact
from .working_days import working_days_after

_suspended = contextvars.ContextVar("quality_facts_suspended", default=False)

HOURS_DELAY = Delay(0, HOURS)


@contextmanager
def suspended() -> Iterator[None]:
    """Write no facts while filling a database in bulk; call `rebuild_facts` afterwards."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def work_order_contractors(request_ids: list[int]) -> dict[int, int]:
    """The contractor of each request's latest work order given to a contractor."""
    try:
        from agir.works.models import WorkOrder
    except ImportError:  # the work orders' app is not installed
        return {}
    found: dict[int, int] = {}
    for request_id, contractor_id in (
        WorkOrder.objects.filter(request_id__in=request_ids, contractor__isnull=False)
        .order_by("ordered_at", "pk")
        .values_list("request_id", "contractor_id")
    ):
        found[request_id] = contractor_id
    return found


def contractor_of(
    request: RepairRequest,
    events: list[tuple[str, datetime, dict]],
    ordered: dict[int, int] | None = None,
):
    """The contractor a request went to: its latest work order's, or else the holder of the
    maintenance contract that covers it when the officer decided the contract pays."""
    ordered = ordered if ordered is not None else work_order_contractors([request.pk])
    if request.pk in ordered:
        return ordered[request.pk]
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


def first_due_dates(
    request: RepairRequest, events: list[tuple[str, datetime, dict]], current: dict[str, Terms]
) -> tuple[datetime, datetime]:
    """The due dates of the request's first cycle (up to a reopening, whose clocks start anew
    and are not measured here), as `agir.repairs.commitments.due_fields` sets them: both from
    the submission at the urgency it came with; the intervention's again from the taking in
    hand when the officer changed the urgency then."""
    urgency = request.suggested_urgency or request.urgency
    due = due_dates(request.submitted_at, urgency, current)
    take_in_hand, intervention = due.take_in_hand, due.intervention
    for kind, at, data in events:
        if kind == EventKind.ACKNOWLEDGED:
            new = (data or {}).get("urgency") if isinstance(data, dict) else None
            if new and new != urgency:
                intervention = due_dates(at, new, current).intervention
            break
        if kind == EventKind.REOPENED:
            break
    return take_in_hand, intervention


def fact_values(
    request: RepairRequest,
    events: list[tuple[str, datetime, dict]],
    *,
    current: dict[str, Terms] | None = None,
    ordered: dict[int, int] | None = None,
) -> dict:
    """The fact's fields for `request` given its events (kind, at, data) in time order."""
    submitted = request.submitted_at
    local = timezone.localtime(submitted)
    zone, first_day = local.tzinfo, local.date()
    ack_due, intervene_due = first_due_dates(
        request, events, current if current is not None else terms()
    )
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
        # Working days as `working_days_between` counts them, from the local dates, the zone
        # looked up once for the three delays (rebuilding millions of facts, it shows).
        wdays = working_days_after(first_day, moment.astimezone(zone).date())
        return HOURS_DELAY.measure(submitted, moment), wdays

    ack_hours, ack_wdays = delays(acknowledged)
    intervene_hours, intervene_wdays = delays(intervened)
    close_hours, close_wdays = delays(closed)
    building = request.building
    return {
        "submitted_at": submitted,
        "month": first_day.replace(day=1),
        "building_id": building.pk,
        "site_id": building.site_id,
        "sector_id": building.sector_id,
        "contractor_id": contractor_of(request, events, ordered),
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
        "ack_due": ack_due,
        "intervene_due": intervene_due,
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
    StaleFact.objects.all().delete()
    _rebuild(ids, batch)
    return RequestFact.objects.count()


def catch_up(batch: int = 500) -> int:
    """Recompute the facts of the requests marked stale; returns how many. A mark made while
    this runs (a newer `marked_at`) stays for the next run."""
    done = 0
    while marks := list(StaleFact.objects.order_by("pk").values_list("pk", "marked_at")[:batch]):
        ids = [request_id for request_id, _at in marks]
        submitted = set(
            RepairRequest.objects.submitted().filter(pk__in=ids).values_list("pk", flat=True)
        )
        # Deleted with their signals: their months' summaries are marked (summaries.py).
        RequestFact.objects.filter(pk__in=set(ids) - submitted).delete()
        _rebuild(sorted(submitted), batch)
        seen = Q()
        for request_id, at in marks:
            seen |= Q(pk=request_id, marked_at__lte=at)
        StaleFact.objects.filter(seen).delete()
        done += len(ids)
    return done


def _rebuild(ids: list[int], batch: int) -> None:
    frozen = set(
        RequestFact.objects.filter(pk__in=ids, anonymised_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    ids = [i for i in ids if i not in frozen]
    current = terms()
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
        ordered = work_order_contractors(chunk)
        facts = [
            RequestFact(
                request_id=r.pk,
                **fact_values(r, events.get(r.pk, []), current=current, ordered=ordered),
            )
            for r in requests
        ]
        RequestFact.objects.bulk_create(
            facts, update_conflicts=True, unique_fields=["request"], update_fields=update_fields
        )
        summaries.mark({fact.month for fact in facts})


@receiver(post_save, sender=RequestEvent, dispatch_uid="quality_fact_on_event")
def _on_event(sender, instance: RequestEvent, created: bool, **kwargs) -> None:
    # One upsert in the event's transaction; the fact itself is recomputed by catch_up.
    if created and not _suspended.get() and not kwargs.get("raw"):
        StaleFact.objects.bulk_create(
            [StaleFact(request_id=instance.request_id, marked_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["request"],
            update_fields=["marked_at"],
        )


@receiver(events_written, dispatch_uid="quality_facts_on_events")
def _on_events(sender, events: list[RequestEvent], **kwargs) -> None:
    # The lifecycle's batches: one upsert for the lot.
    if not _suspended.get() and events:
        now = timezone.now()
        insert_values(
            StaleFact,
            [{"request_id": pk, "marked_at": now} for pk in {e.request_id for e in events}],
            unique_fields=["request"],
            update_fields=["marked_at"],
        )
