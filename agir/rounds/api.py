"""POST /api/rounds/sync: the caretaker's phone sends its queue, and hears about each item.

Signed in with the caretaker's session (the phone is the browser they signed in with), so the
CSRF token goes with it in the `X-CSRFToken` header. The rules are in `sync.py`.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from agir.api import errors

from . import sync
from .access import Scope

router = Router(tags=["rounds"])


class SyncItemIn(Schema):
    id: uuid.UUID = Field(description="Made by the phone when the caretaker made the item.")
    kind: Literal[
        "new_request",
        "note",
        "observe",
        "visit",
        "photo",
        "round_check",
        # a work order given to the caretaker (agir/works/caretaker.py)
        "work_order_done",
        "work_order_not_done",
    ]
    made_at: datetime | None = Field(None, description="When the caretaker made it.")
    data: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "new_request: place, entry or title, description, photos (base64 JPEG); "
            "note / observe / visit: request (code) or request_item (UUID of a queued "
            "new_request), message, seen_status, public (note); photo: request or "
            "request_item, photo; round_check: building, place, point, ok; "
            "work_order_done / work_order_not_done: request (the work order's code), "
            "message (why, for not done)."
        ),
    )


class SyncIn(Schema):
    items: list[SyncItemIn] = Field(..., max_length=sync.MAX_ITEMS)


class SyncResult(Schema):
    id: str
    kind: str
    status: Literal["created", "already_had", "refused"]
    first_status: Literal["created", "refused"] | None = Field(
        None, description="For already_had: what the first answer was."
    )
    merged: bool = Field(
        False, description="The request had moved on: the item was added to its history."
    )
    request: str | None = None
    reference: str | None = None
    photos: int | None = None
    point: str | None = None
    place: str | None = None
    reason: str | None = Field(None, description="Why it was refused, in English.")
    message: str | None = Field(None, description="What to tell the caretaker, in French.")


class SyncOut(Schema):
    results: list[SyncResult]


@router.post(
    "sync",
    # 401 not signed in, 403 no CSRF token, 404 not a caretaker, 400 not a batch.
    response=errors.responses({200: SyncOut}, 400, 401, 403, 404),
    auth=django_auth,
    url_name="rounds-sync",
    summary="Send the caretaker's queued items",
)
def sync_queue(request: HttpRequest, payload: SyncIn) -> SyncOut:
    """Applies each item once, in order, and answers for each: created, already_had (the same
    UUID came before: the first answer again, nothing done twice) or refused (and why). Items
    about a request that moved on meanwhile are added to its history, never undo it."""
    scope = Scope.of(request.user)
    items = [
        sync.Item(id=item.id, kind=item.kind, data=item.data, made_at=item.made_at)
        for item in payload.items
    ]
    return SyncOut(results=[SyncResult(**answer) for answer in sync.apply_batch(scope, items)])
