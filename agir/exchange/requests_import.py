"""The ERP's side of requests: the requests it created (a tenant phoned the head office), the
ERP ids it gives AGIR's requests, its status changes and its messages.

Every change of status goes through `repairs.lifecycle`, so tenants are told as for any other
change. Status changes and messages carry the ERP's own id: one already applied is skipped,
so a file sent twice changes nothing.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.catalogue.models import CatalogueEntry
from agir.core.bulk import insert_values
from agir.estate.models import CommonArea, Dwelling, Lease, Tenant
from agir.repairs import lifecycle
from agir.repairs.lifecycle import TRANSITIONS, Actor, LifecycleError, NewRequest
from agir.repairs.models import RepairRequest, RequestEvent, Status

from .estate_import import Refs, row_hash
from .models import ErpRecord
from .rows import Outcome, Row
from .schema import ORIGINS, RowError

# Request ids the ERP creates become idempotency keys in this namespace.
ERP_NAMESPACE = uuid.UUID("6f1c3b0e-2a4d-4e8f-9a51-7d2e0c9b4a10")

# Intents a status change may walk through, and what each needs from the row.
NEEDS_MESSAGE = {"postpone", "reject", "reopen"}
ONLY_LAST = {"postpone", "reject", "cancel"}
STEPS = [
    "acknowledge",
    "schedule",
    "start",
    "finish",
    "close",
    "postpone",
    "reject",
    "cancel",
    "reopen",
]


def erp_actor() -> Actor:
    return Actor.system(settings.EXCHANGE_ERP_NAME)


def path_to(current: str, target: str, *, slot: bool, message: bool) -> list[str] | None:
    """The shortest walk of intents from `current` to `target` that the row can pay for."""
    path = _shortest_path(current, target, slot, message)
    return None if path is None else list(path)


@cache  # a handful of statuses: each walk is searched once
def _shortest_path(current: str, target: str, slot: bool, message: bool) -> tuple[str, ...] | None:
    queue: deque[tuple[str, tuple[str, ...]]] = deque([(current, ())])
    seen = {current}
    while queue:
        status, path = queue.popleft()
        for intent in STEPS:
            allowed_from, to_status = TRANSITIONS[intent]
            if status not in allowed_from or to_status in seen:
                continue
            if intent in ONLY_LAST and to_status != target:
                continue
            if intent == "schedule" and not slot:
                continue
            if intent in NEEDS_MESSAGE and not message:
                continue
            if to_status == target:
                return (*path, intent)
            seen.add(to_status)
            queue.append((to_status, (*path, intent)))
    return None


class RequestFinder:
    """A chunk's requests, by AGIR reference or ERP id, in two queries."""

    def __init__(self, rows: list[Row], found: Iterable[RepairRequest] | None = None) -> None:
        if found is None:
            found = RequestFinder.matching(rows).select_related("requested_by")
        self.found = list(found)
        self.by_reference = {r.reference: r for r in self.found if r.reference}
        self.by_erp_id = {r.external_ref: r for r in self.found if r.external_ref}

    @staticmethod
    def matching(rows: list[Row]) -> QuerySet[RepairRequest]:
        references = {row.values.get("request") for row in rows} - {None}
        erp_ids = {row.values.get("erp_id") for row in rows} - {None}
        return RepairRequest.objects.filter(
            Q(reference__in=references) | Q(external_ref__in=erp_ids)
        )

    def find(self, row: Row) -> RepairRequest:
        reference, erp_id = row.values.get("request"), row.values.get("erp_id")
        if not reference and not erp_id:
            raise RowError("no_request_named")
        request = self.by_reference.get(reference) if reference else None
        if request is None and erp_id:
            request = self.by_erp_id.get(erp_id)
        if request is None:
            raise RowError("unknown_request", reference=reference or "-", erp_id=erp_id or "-")
        if erp_id and request.external_ref != erp_id:
            self.link(request, erp_id)
        return request

    def link(self, request: RepairRequest, erp_id: str) -> bool:
        """Give `request` the ERP's id; False when it already had it."""
        if request.external_ref == erp_id:
            return False
        if request.external_ref:
            raise RowError(
                "erp_id_differs", reference=request.reference, current=request.external_ref
            )
        other = self.by_erp_id.get(erp_id) or (
            RepairRequest.objects.filter(external_ref=erp_id).exclude(pk=request.pk).first()
        )
        if other is not None and other.pk != request.pk:
            raise RowError("erp_id_taken", erp_id=erp_id, other=other.reference)
        RepairRequest.objects.filter(pk=request.pk).update(
            external_ref=erp_id, updated_at=timezone.now()
        )
        request.external_ref = erp_id
        self.by_erp_id[erp_id] = request
        return True


def _applied(kind: str, rows: list[Row]) -> set[str]:
    ids = [row.values["id"] for row in rows]
    return set(ErpRecord.objects.filter(kind=kind, erp_id__in=ids).values_list("erp_id", flat=True))


def _remember(kind: str, row: Row, event: RequestEvent | None) -> None:
    ErpRecord.objects.create(
        kind=kind,
        erp_id=row.values["id"],
        object_id=event.pk if event is not None else None,
        row_hash=row_hash(row.values),
    )


def _atomic(row: Row) -> AbstractContextManager:
    return transaction.atomic()


def _each(rows: list[Row], outcome: Outcome, apply, unit=_atomic) -> None:
    """Apply rows one at a time, each all or nothing (`unit(row)`)."""
    for row in rows:
        try:
            with unit(row):
                counted = apply(row)
        except RowError as error:
            outcome.reject(row, error.code, **error.params)
        except LifecycleError as error:
            outcome.reject(row, "lifecycle", message=str(error))
        else:
            outcome.count(counted)


# --- status changes ----------------------------------------------------------------------


class StatusImporter:
    """Status changes in bulk: a chunk's requests are locked and read in one query, each row
    is checked and applied in memory through `repairs.lifecycle`'s batch (all or nothing per
    row), and the requests, events, notifications and records are written together."""

    def __init__(self) -> None:
        self.actor = erp_actor()

    def apply(self, rows: list[Row], outcome: Outcome) -> None:
        done = _applied("status", rows)
        applied: list[tuple[Row, RequestEvent | None]] = []
        # Rows applied before (the same file again) need no request: only the others' are
        # locked and read.
        waiting = [row for row in rows if row.values["id"] not in done]
        ids = RequestFinder.matching(waiting).values_list("pk", flat=True) if waiting else []
        with lifecycle.batch(ids) as changes:
            finder = RequestFinder(rows, found=changes.current.values())

            def apply(row: Row) -> str:
                if row.values["id"] in done:
                    return "unchanged"
                event = self._change(finder.find(row), row.values)
                applied.append((row, event))
                done.add(row.values["id"])
                return "applied" if event is not None else "unchanged"

            def unit(row: Row) -> AbstractContextManager:
                # Only a row naming the ERP's id may write (giving a request that id); the
                # others change the batch in memory, undone there if they fail.
                return changes.all_or_nothing(writes=bool(row.values.get("erp_id")))

            _each(rows, outcome, apply, unit=unit)
        insert_values(
            ErpRecord,
            [
                {
                    "kind": "status",
                    "erp_id": row.values["id"],
                    "object_id": event.pk if event is not None else None,
                    "row_hash": row_hash(row.values),
                }
                for row, event in applied
            ],
        )

    def _change(self, request: RepairRequest, v: dict[str, Any]) -> RequestEvent | None:
        target, message = v["status"], (v["message"] or "").strip()
        start, end = v["planned_start"], v["planned_end"]
        if (start is None) != (end is None):
            raise RowError("needs_slot", target=target)
        if start is not None and end <= start:
            raise RowError("bad_slot")
        if request.status == Status.DRAFT:
            raise RowError(
                "unknown_request", reference=v["request"] or "-", erp_id=v["erp_id"] or "-"
            )
        if request.status == target:
            moved = (
                target in {Status.SCHEDULED, Status.POSTPONED}
                and start is not None
                and (start != request.planned_start or end != request.planned_end)
            )
            if not moved:
                return None
            path = ["postpone", "schedule"] if target == Status.SCHEDULED else ["postpone"]
            message = message or _("Le rendez-vous change.")
            if request.status == Status.POSTPONED:
                path = ["schedule", "postpone"]
        else:
            path = path_to(request.status, target, slot=start is not None, message=bool(message))
        if path is None:
            if target == Status.SCHEDULED and start is None:
                raise RowError("needs_slot", target=target)
            if target in {Status.POSTPONED, Status.REJECTED, Status.REOPENED} and not message:
                raise RowError("needs_message", target=target)
            raise RowError(
                "transition_refused",
                reference=request.reference,
                current=request.status,
                target=target,
            )
        at = v["at"] or timezone.now()
        event = None
        for position, intent in enumerate(path):
            last = position == len(path) - 1
            # Each step is an event of its own, told to the tenant as any other would be.
            event = self._step(request, intent, v, message if last else "", at, notify=True)
        return event

    def _step(
        self, request: RepairRequest, intent: str, v: dict, message: str, at: datetime, *, notify
    ) -> RequestEvent:
        actor = self.actor
        common = {"actor": actor, "at": at, "notify": notify}
        start, end = v["planned_start"], v["planned_end"]
        match intent:
            case "acknowledge":
                return lifecycle.acknowledge(
                    request,
                    responsibility=v["responsibility"],
                    urgency=v["urgency"],
                    message=message,
                    **common,
                )
            case "schedule":
                return lifecycle.schedule(request, start=start, end=end, message=message, **common)
            case "postpone":
                reason = message or _("Le rendez-vous change.")
                return lifecycle.postpone(
                    request, reason=reason, new_start=start, new_end=end, **common
                )
            case "start":
                return lifecycle.start(request, **common)
            case "finish":
                return lifecycle.finish(request, message=message, **common)
            case "close":
                return lifecycle.close(request, message=message, **common)
            case "reject":
                return lifecycle.reject(request, reason=message, **common)
            case "cancel":
                return lifecycle.cancel(request, reason=message, **common)
            case "reopen":
                return lifecycle.reopen(request, reason=message, **common)
        raise ValueError(intent)


# --- messages ----------------------------------------------------------------------------


class MessageImporter:
    def apply(self, rows: list[Row], outcome: Outcome) -> None:
        done = _applied("message", rows)
        finder = RequestFinder(rows)
        actor = erp_actor()

        def apply(row: Row) -> str:
            v = row.values
            if v["id"] in done:
                return "unchanged"
            request = finder.find(row)
            event = lifecycle.comment(
                request,
                actor=actor,
                message=v["text"],
                public=True if v["public"] is None else v["public"],
                at=v["at"] or timezone.now(),
            )
            _remember("message", row, event)
            done.add(v["id"])
            return "applied"

        _each(rows, outcome, apply)


# --- ERP ids of AGIR's requests ------------------------------------------------------------


class LinkImporter:
    def apply(self, rows: list[Row], outcome: Outcome) -> None:
        finder = RequestFinder([Row(r.line, r.raw, {"request": r.values["request"]}) for r in rows])

        def apply(row: Row) -> str:
            request = finder.by_reference.get(row.values["request"])
            if request is None:
                raise RowError("unknown_request", reference=row.values["request"], erp_id="-")
            return "linked" if finder.link(request, row.values["erp_id"]) else "unchanged"

        _each(rows, outcome, apply)


# --- requests the ERP created --------------------------------------------------------------


class RequestImporter:
    def __init__(self) -> None:
        self.refs = Refs()
        self.actor = erp_actor()

    def apply(self, rows: list[Row], outcome: Outcome) -> None:
        ids = [row.values["id"] for row in rows]
        known = set(
            RepairRequest.objects.filter(external_ref__in=ids).values_list(
                "external_ref", flat=True
            )
        )

        def apply(row: Row) -> str:
            if row.values["id"] in known:
                return "unchanged"
            submission = lifecycle.submit_new(
                self._new(row.values), actor=self.actor, at=row.values["at"]
            )
            known.add(row.values["id"])
            if not submission.created:
                return "unchanged"
            event = submission.request.events.order_by("-id").first()
            _remember("request", row, event)
            return "created"

        _each(rows, outcome, apply)

    def _one(self, kind: str, erp_id: str | None, field: str):
        if not erp_id:
            return None
        found = self.refs.lookup(kind, {erp_id})
        if erp_id not in found:
            raise RowError("unknown_ref", field=field, id=erp_id)
        return found[erp_id]

    def _new(self, v: dict[str, Any]) -> NewRequest:
        if bool(v["dwelling"]) == bool(v["common_area"]):
            raise RowError("one_place")
        if not v["catalogue_code"] and not v["title"]:
            raise RowError("needs_what")
        dwelling_id = self._one("dwelling", v["dwelling"], "dwelling")
        area_id = self._one("common_area", v["common_area"], "common_area")
        tenant_id = self._one("tenant", v["tenant"], "tenant")
        entry = None
        if v["catalogue_code"]:
            entry = CatalogueEntry.objects.filter(code=v["catalogue_code"]).first()
            if entry is None:
                raise RowError("unknown_ref", field="catalogue_code", id=v["catalogue_code"])
        dwelling = (
            Dwelling.objects.select_related("entrance__building").get(pk=dwelling_id)
            if dwelling_id
            else None
        )
        area = CommonArea.objects.get(pk=area_id) if area_id else None
        tenant = Tenant.objects.get(pk=tenant_id) if tenant_id else None
        lease = None
        if v["lease"]:
            lease = Lease.objects.filter(reference=v["lease"]).first()
            if lease is None:
                raise RowError("unknown_ref", field="lease", id=v["lease"])
        elif dwelling is not None:
            lease = Lease.objects.current().filter(dwelling=dwelling).first()
        return NewRequest(
            idempotency_key=uuid.uuid5(ERP_NAMESPACE, f"erp-request:{v['id']}"),
            origin=ORIGINS[v["origin"] or "erp"],
            title=v["title"] or "",
            dwelling=dwelling,
            common_area=area,
            catalogue_entry=entry,
            description=v["description"] or "",
            requested_by=tenant,
            lease=lease,
            urgency=v["urgency"],
            responsibility=v["responsibility"],
            external_ref=v["id"],
        )
