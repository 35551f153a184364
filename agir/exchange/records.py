"""The export's records, schema version 1: a request as it stands, and each event of its
history. docs/exchange.md describes every field; JSON Lines and CSV carry the same fields."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from agir.repairs.models import RepairRequest, RequestEvent

from .models import ErpRecord

SCHEMA_VERSION = 1
JSONL_SCHEMA = f"agir.export.jsonl/{SCHEMA_VERSION}"
CSV_SCHEMA = f"agir.export.csv/{SCHEMA_VERSION}"
MANIFEST_SCHEMA = f"agir.export.manifest/{SCHEMA_VERSION}"

REQUEST_FIELDS = [
    "reference",
    "erp_id",
    "code",
    "status",
    "origin",
    "title",
    "description",
    "catalogue_code",
    "responsibility",
    "suggested_responsibility",
    "urgency",
    "suggested_urgency",
    "tenant_accepted_charge",
    "site",
    "building",
    "entrance",
    "dwelling",
    "common_area_id",
    "common_area_erp_id",
    "common_area_kind",
    "lease",
    "tenant",
    "availability",
    "access_notes",
    "planned_start",
    "planned_end",
    "submitted_at",
    "acknowledged_at",
    "done_at",
    "closed_at",
    "updated_at",
]
EVENT_FIELDS = [
    "id",
    "request",
    "erp_id",
    "kind",
    "from_status",
    "to_status",
    "at",
    "actor",
    "source",
    "erp_change_id",
    "public",
    "message",
    "data",
]


def iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def request_queryset():
    return RepairRequest.objects.select_related(
        "building__site",
        "dwelling__entrance",
        "common_area",
        "lease",
        "requested_by",
        "catalogue_entry",
    )


def request_record(request: RepairRequest, area_ids: dict[int, str]) -> dict[str, Any]:
    dwelling = request.dwelling
    return {
        "reference": request.reference,
        "erp_id": request.external_ref,
        "code": str(request.code),
        "status": request.status,
        "origin": request.origin,
        "title": request.title,
        "description": request.description,
        "catalogue_code": request.catalogue_entry.code if request.catalogue_entry_id else "",
        "responsibility": request.responsibility,
        "suggested_responsibility": request.suggested_responsibility,
        "urgency": request.urgency,
        "suggested_urgency": request.suggested_urgency,
        "tenant_accepted_charge": request.tenant_accepted_charge,
        "site": request.building.site.code,
        "building": request.building.code,
        "entrance": dwelling.entrance.code if dwelling else "",
        "dwelling": dwelling.code if dwelling else "",
        "common_area_id": request.common_area_id,
        "common_area_erp_id": area_ids.get(request.common_area_id, "")
        if request.common_area_id
        else "",
        "common_area_kind": request.common_area.kind if request.common_area_id else "",
        "lease": request.lease.reference if request.lease_id else "",
        "tenant": request.requested_by.external_ref if request.requested_by_id else "",
        "availability": list(request.availability or []),
        "access_notes": request.access_notes,
        "planned_start": iso(request.planned_start),
        "planned_end": iso(request.planned_end),
        "submitted_at": iso(request.submitted_at),
        "acknowledged_at": iso(request.acknowledged_at),
        "done_at": iso(request.done_at),
        "closed_at": iso(request.closed_at),
        "updated_at": iso(request.updated_at),
    }


def event_record(
    event: RequestEvent, request: RepairRequest, change_ids: dict[int, str]
) -> dict[str, Any]:
    from_erp = event.actor_id is None and event.actor_label == settings.EXCHANGE_ERP_NAME
    return {
        "id": event.pk,
        "request": request.reference,
        "erp_id": request.external_ref,
        "kind": event.kind,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "at": iso(event.at),
        "actor": event.actor_label,
        "source": "erp" if from_erp else "agir",
        "erp_change_id": change_ids.get(event.pk, ""),
        "public": event.public,
        "message": event.message,
        "data": event.data or {},
    }


def common_area_erp_ids(area_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        ErpRecord.objects.filter(kind="common_area", object_id__in=set(area_ids)).values_list(
            "object_id", "erp_id"
        )
    )


def erp_change_ids(event_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        ErpRecord.objects.filter(
            kind__in=["status", "message", "request"], object_id__in=set(event_ids)
        ).values_list("object_id", "erp_id")
    )


# --- serialisation -----------------------------------------------------------------------


def jsonl_line(record_type: str, record: dict[str, Any]) -> bytes:
    line = {"record": record_type, "schema": SCHEMA_VERSION, **record}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return str(value)
