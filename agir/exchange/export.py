"""Export new and changed requests and their events to the ERP, batch by batch.

1. Plan (one transaction): the batch's number and its last event id are fixed in the cursor.
2. Build and deliver: the files are written atomically in the outbox, data files first and the
   manifest last (the ERP waits for the manifest); or the batch is posted to the ERP's URL.
3. Commit (one transaction): the cursor moves past the batch.
A run killed before 3 plans nothing new and writes the same batch again, with the same name.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agir.repairs.models import EventKind, RequestEvent

from . import records
from .files import write_atomic
from .models import ExportCursor

log = logging.getLogger(__name__)

CURSOR = "erp"


@dataclass
class Batch:
    number: int
    after_id: int
    to_id: int
    requests: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    found_pending: set[int] = field(default_factory=set)
    new_gaps: list[int] = field(default_factory=list)

    def stem(self) -> str:
        return f"agir-{self.number:06d}"


@dataclass
class ExportResult:
    batch: int | None
    requests: int = 0
    events: int = 0
    files: list[str] = field(default_factory=list)
    delivered: bool = False

    def counts(self) -> dict[str, int]:
        return {"requests": self.requests, "events": self.events, "files": len(self.files)}


class DeliveryFailed(Exception):
    pass


def export(*, dry_run: bool = False, log_line=lambda text: None) -> ExportResult:
    """Export what changed since the last batch; nothing is written when nothing changed."""
    cursor = _cursor()
    batch = _plan(cursor, dry_run=dry_run)
    if batch is None:
        log_line("nothing to export")
        return ExportResult(batch=None)
    _fill(batch, cursor)
    if not batch.events:
        # Only drafts' events: nothing for the ERP; the cursor moves, no batch number is used.
        if not dry_run:
            _commit(batch, numbered=False)
        log_line("nothing to export")
        return ExportResult(batch=None)
    result = ExportResult(batch.number, len(batch.requests), len(batch.events))
    log_line(
        f"batch {batch.number}: {result.requests} requests, {result.events} events "
        f"(events {batch.after_id + 1}…{batch.to_id})"
    )
    if dry_run:
        return result
    if settings.EXCHANGE_EXPORT_URL:
        _post(batch)
        log_line(f"batch {batch.number} posted to {settings.EXCHANGE_EXPORT_URL}")
    else:
        result.files = _write_files(batch)
        for name in result.files:
            log_line(f"wrote {name}")
    result.delivered = True
    _commit(batch)
    return result


def _cursor() -> ExportCursor:
    cursor, _created = ExportCursor.objects.get_or_create(name=CURSOR)
    return cursor


def _plan(cursor: ExportCursor, *, dry_run: bool) -> Batch | None:
    """The batch to write: the one planned by a run that did not finish, or a new one."""
    if cursor.planned_batch is not None:
        return Batch(cursor.planned_batch, cursor.last_event_id, cursor.planned_to_id)
    beyond = RequestEvent.objects.filter(id__gt=cursor.last_event_id).order_by("id")
    last = beyond.values_list("id", flat=True)[
        settings.EXCHANGE_BATCH_MAX - 1 : settings.EXCHANGE_BATCH_MAX
    ].first()
    if last is None:
        last = beyond.order_by("-id").values_list("id", flat=True).first()
    pending = [entry[0] for entry in cursor.pending_ids]
    if last is None and not pending:
        return None
    to_id = last if last is not None else cursor.last_event_id
    if last is None and not RequestEvent.objects.filter(id__in=pending).exists():
        # Only missing ids, still missing: nothing to write, but expire the old ones.
        if not dry_run:
            _expire_gaps(cursor)
        return None
    batch = Batch(cursor.batch + 1, cursor.last_event_id, to_id)
    if not dry_run:
        with transaction.atomic():
            ExportCursor.objects.filter(pk=cursor.pk).update(
                planned_batch=batch.number, planned_to_id=batch.to_id
            )
    return batch


def _fill(batch: Batch, cursor: ExportCursor) -> None:
    pending = {entry[0] for entry in cursor.pending_ids}
    in_range = Q(id__gt=batch.after_id, id__lte=batch.to_id)
    present = set(
        RequestEvent.objects.filter(in_range | Q(id__in=pending)).values_list("id", flat=True)
    )
    batch.found_pending = present & pending
    batch.new_gaps = sorted(set(range(batch.after_id + 1, batch.to_id + 1)) - present)
    events = list(
        RequestEvent.objects.filter(id__in=present, request__reference__isnull=False)
        .exclude(kind=EventKind.CREATED)
        .order_by("id")
    )
    request_ids = {event.request_id for event in events}
    requests = {
        request.pk: request
        for request in records.request_queryset().filter(pk__in=request_ids).order_by("reference")
    }
    area_ids = records.common_area_erp_ids(r.common_area_id for r in requests.values())
    change_ids = records.erp_change_ids(event.pk for event in events)
    batch.requests = [records.request_record(r, area_ids) for r in requests.values()]
    batch.events = [
        records.event_record(event, requests[event.request_id], change_ids) for event in events
    ]


def _commit(batch: Batch, *, numbered: bool = True) -> None:
    now = timezone.now()
    with transaction.atomic():
        cursor = ExportCursor.objects.select_for_update().get(name=CURSOR)
        kept = [
            entry
            for entry in cursor.pending_ids
            if entry[0] not in batch.found_pending and not _expired(entry, now)
        ]
        kept += [[gap, now.isoformat()] for gap in batch.new_gaps]
        cursor.pending_ids = kept
        cursor.last_event_id = max(cursor.last_event_id, batch.to_id)
        if numbered:
            cursor.batch = batch.number
        cursor.planned_batch = cursor.planned_to_id = None
        cursor.save()


def _expire_gaps(cursor: ExportCursor) -> None:
    now = timezone.now()
    kept = [entry for entry in cursor.pending_ids if not _expired(entry, now)]
    if kept != cursor.pending_ids:
        ExportCursor.objects.filter(pk=cursor.pk).update(pending_ids=kept)


def _expired(entry: list, now: datetime) -> bool:
    missed_at = datetime.fromisoformat(entry[1])
    return now - missed_at > timedelta(seconds=settings.EXCHANGE_GAP_SECONDS)


# --- files -------------------------------------------------------------------------------


def _jsonl(batch: Batch) -> Iterator[bytes]:
    for record in batch.requests:
        yield records.jsonl_line("request", record)
    for record in batch.events:
        yield records.jsonl_line("event", record)


def _csv(rows: list[dict[str, Any]], fields: list[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for count, row in enumerate(rows, start=1):
        writer.writerow([records.csv_value(row[name]) for name in fields])
        if count % 1000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _write_files(batch: Batch) -> list[str]:
    outbox: Path = settings.EXCHANGE_OUTBOX_DIR
    stem = batch.stem()
    described = []
    formats = settings.EXCHANGE_EXPORT_FORMATS
    if "jsonl" in formats:
        written = write_atomic(outbox / f"{stem}.jsonl", _jsonl(batch))
        count = len(batch.requests) + len(batch.events)
        described.append(_describe(written, "jsonl", records.JSONL_SCHEMA, count))
    if "csv" in formats:
        for kind, rows, fields in (
            ("requests", batch.requests, records.REQUEST_FIELDS),
            ("events", batch.events, records.EVENT_FIELDS),
        ):
            written = write_atomic(outbox / f"{stem}-{kind}.csv", _csv(rows, fields))
            described.append(_describe(written, "csv", records.CSV_SCHEMA, len(rows), kind))
    manifest = manifest_for(batch, described)
    write_atomic(outbox / f"{stem}.manifest.json", [manifest])
    return [entry["name"] for entry in described] + [f"{stem}.manifest.json"]


def _describe(written, fmt: str, schema: str, count: int, record: str = "") -> dict[str, Any]:
    entry = {
        "name": written.path.name,
        "format": fmt,
        "schema": schema,
        "records": count,
        "bytes": written.bytes,
        "sha256": written.sha256,
    }
    if record:
        entry["record"] = record
    return entry


def manifest_for(batch: Batch, files: list[dict[str, Any]]) -> bytes:
    manifest = {
        "schema": records.MANIFEST_SCHEMA,
        "batch": batch.number,
        "events_after": batch.after_id,
        "events_to": batch.to_id,
        "counts": {"request": len(batch.requests), "event": len(batch.events)},
        "files": files,
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()


# --- HTTP --------------------------------------------------------------------------------


def _post(batch: Batch) -> None:
    import urllib.error
    import urllib.request

    body = b"".join(_jsonl(batch))
    headers = {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Idempotency-Key": f"agir-export-{batch.number:06d}",
        "X-AGIR-Batch": str(batch.number),
        "X-AGIR-Schema": records.JSONL_SCHEMA,
    }
    if settings.EXCHANGE_HTTP_TOKEN:
        headers["Authorization"] = f"Bearer {settings.EXCHANGE_HTTP_TOKEN}"
    url = settings.EXCHANGE_EXPORT_URL
    if not url.startswith(("http://", "https://")):
        raise DeliveryFailed(f"EXCHANGE_EXPORT_URL is not http(s): {url!r}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.EXCHANGE_HTTP_TIMEOUT) as answer:  # noqa: S310
            answer.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:300].decode("utf-8", "replace")
        raise DeliveryFailed(f"the ERP answered HTTP {error.code}: {detail}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise DeliveryFailed(f"the ERP could not be reached: {error}") from error
