"""The exchange over HTTP, for an ERP that does not share a folder with AGIR: it drops its
files in the inbox and picks up the export batches here. Scope `exchange:write`."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest
from ninja import Path as PathParam
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from agir.api.auth import scoped
from agir.api.errors import responses

from .files import is_visible, sha256_of, write_atomic
from .models import ExchangeRun, ImportFile, ImportState
from .schema import ORDER, VERSION, RowError, parse_name

router = Router(tags=["exchange"])
AUTH = scoped("exchange:write")
# What a file's name must look like: its kind, the format's version, anything, its format.
NAME = rf"^({'|'.join(ORDER)})-v{VERSION}([-_.][A-Za-z0-9_.-]{{0,100}})?\.(csv|jsonl)$"
OUTBOX_NAME = re.compile(r"^agir-\d{6}(\.jsonl|-requests\.csv|-events\.csv|\.manifest\.json)$")
CHUNK = 1 << 16

RAW_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string", "minLength": 1}},
            "application/x-ndjson": {"schema": {"type": "string", "minLength": 1}},
        },
    }
}


class DroppedOut(Schema):
    name: str
    sha256: str
    bytes: int
    state: str  # "queued" or "already applied"


class RunOut(Schema):
    id: int
    kind: str
    outcome: str
    dry_run: bool
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, int]
    rejects: int
    errors: str


class OutboxFileOut(Schema):
    name: str
    bytes: int


def _body_chunks(request: HttpRequest):
    # Streamed, so that a file of 100,000 rows is not held in memory twice.
    limit = settings.EXCHANGE_UPLOAD_MAX_BYTES
    seen = 0
    while chunk := request.read(CHUNK):
        seen += len(chunk)
        if seen > limit:
            raise HttpError(413, f"The file is larger than {limit} bytes.")
        yield chunk


@router.post(
    "inbox/{name}",
    response=responses({202: DroppedOut, 200: DroppedOut}, 400, 401, 403, 409, 413, 415),
    auth=AUTH,
    openapi_extra=RAW_BODY,
    summary="Drop a file in the inbox (the body is the file)",
)
def drop_file(
    request: HttpRequest,
    name: str = PathParam(..., pattern=NAME, description="e.g. status-v1-20260312T1030.csv"),
):
    """The file is applied by the next exchange run, as if dropped in the inbox folder. Its name
    says what it holds (`status-v1-20260312T1030.csv`: see docs/exchange.md)."""
    content_type = request.content_type or ""
    if content_type not in RAW_BODY["requestBody"]["content"]:
        raise HttpError(415, "Send the file as text/csv or application/x-ndjson.")
    if not int(request.META.get("CONTENT_LENGTH") or 0):
        raise HttpError(400, "The request body must be the file, and it is empty.")
    try:
        parse_name(name)
    except RowError as error:
        from .rejects import reason_in_english

        raise HttpError(400, reason_in_english(error.code, error.params)) from None
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    target = inbox / name
    written = write_atomic(inbox / ".partial" / "upload" / name, _body_chunks(request))
    if (
        ImportFile.objects.filter(sha256=written.sha256)
        .exclude(state=ImportState.APPLYING)
        .exists()
    ):
        written.path.unlink()
        return Status(
            200,
            DroppedOut(
                name=name, sha256=written.sha256, bytes=written.bytes, state="already applied"
            ),
        )
    if target.exists() and sha256_of(target) != written.sha256:
        written.path.unlink()
        raise HttpError(409, f"Another file named {name!r} waits in the inbox.")
    written.path.replace(target)
    return Status(
        202, DroppedOut(name=name, sha256=written.sha256, bytes=written.bytes, state="queued")
    )


@router.get(
    "runs",
    response=responses({200: list[RunOut]}, 401, 403),
    auth=AUTH,
    summary="The last exchange runs, newest first",
)
def list_runs(request: HttpRequest):
    return [
        RunOut(
            id=run.pk,
            kind=run.kind,
            outcome=run.outcome,
            dry_run=run.dry_run,
            started_at=run.started_at,
            finished_at=run.finished_at,
            counts={k: int(v) for k, v in run.counts.items()},
            rejects=run.rejects,
            errors=run.errors,
        )
        for run in ExchangeRun.objects.all()[:50]
    ]


@router.get(
    "outbox",
    response=responses({200: list[OutboxFileOut]}, 401, 403),
    auth=AUTH,
    summary="The export files waiting in the outbox",
)
def list_outbox(request: HttpRequest):
    outbox: Path = settings.EXCHANGE_OUTBOX_DIR
    if not outbox.exists():
        return []
    return [
        OutboxFileOut(name=path.name, bytes=path.stat().st_size)
        for path in sorted(outbox.iterdir())
        if is_visible(path) and OUTBOX_NAME.match(path.name)
    ]


@router.get(
    "outbox/{name}",
    response=responses({}, 401, 403, 404),
    auth=AUTH,
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "object"}},
                },
            }
        }
    },
    summary="One export file",
)
def get_outbox_file(request: HttpRequest, name: str):
    path = settings.EXCHANGE_OUTBOX_DIR / name
    if not OUTBOX_NAME.match(name) or not path.is_file():
        raise HttpError(404, "No such file in the outbox.")
    kinds = {".jsonl": "application/x-ndjson", ".csv": "text/csv", ".json": "application/json"}
    response = FileResponse(open(path, "rb"), content_type=kinds[path.suffix] + "; charset=utf-8")  # noqa: SIM115
    return response
