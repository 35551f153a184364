"""Requests on the JSON API, for integrations (the ERP, a partner's tool). Scope `requests:read`.

What a client gets is what it needs to follow the work, and no more: the place by its codes,
the problem, the dates, the public history. Never the tenant's name, contact details, door
code or availability (the exchange files carry those to the ERP, docs/exchange.md).

Lists are paged by keyset: each page says `next`, the cursor to pass as `after` for the page
that follows (null on the last page); a page is never shifted by rows written meanwhile.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from agir.api.auth import scoped
from agir.api.errors import responses
from agir.api.params import (
    AFTER_PATTERN,
    BlankIsNone,
    IsoDateTime,
    after_id,
    between,
    keyset_page,
    refuse_unknown,
)

from .models import EventKind, Origin, RepairRequest, RequestEvent, Status

router = Router(tags=["requests"])
events_router = Router(tags=["requests"])
READ = scoped("requests:read")
MAX_LIMIT = 200
# The event feed stops before the first event younger than this: a transaction that took a
# lower id and commits a moment later then still lands above the cursor the client holds.
SETTLE = timedelta(seconds=5)


class RequestOut(Schema):
    reference: str
    erp_id: str
    status: Status
    origin: Origin
    title: str
    description: str
    catalogue_code: str
    responsibility: str
    urgency: str
    site: str
    building: str
    entrance: str
    dwelling: str
    common_area_kind: str
    submitted_at: datetime | None
    acknowledged_at: datetime | None
    planned_start: datetime | None
    planned_end: datetime | None
    done_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime


class RequestPage(Schema):
    items: list[RequestOut]
    next: str | None


class EventOut(Schema):
    id: int
    request: str
    kind: EventKind
    from_status: str
    to_status: str
    at: datetime
    source: Literal["agir", "erp"]
    message: str


class EventPage(Schema):
    items: list[EventOut]
    next: str | None


Cursor = Annotated[str | None, BlankIsNone]
# An empty value is the same as none (every status), and the schema says so.
StatusFilter = Annotated[
    Status | None,
    BlankIsNone,
    WithJsonSchema({"type": "string", "enum": [*Status.values, ""]}),
]
AFTER_DOC = "The `next` of the previous page."


class RequestFilters(Schema):
    status: StatusFilter = Query(None, description="Only this status.")
    site: Annotated[str | None, BlankIsNone] = Query(None, max_length=32, description="Site code.")
    building: Annotated[str | None, BlankIsNone] = Query(
        None, max_length=32, description="Building code."
    )
    dwelling: Annotated[str | None, BlankIsNone] = Query(
        None, max_length=32, description="Dwelling code."
    )
    erp_id: Annotated[str | None, BlankIsNone] = Query(
        None, max_length=32, description="The ERP's id of the request."
    )
    updated_since: Annotated[
        datetime | None,
        BlankIsNone,
        IsoDateTime,
        WithJsonSchema(
            {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "enum": [""]}]}
        ),
    ] = Query(
        None, description="Only requests changed at or after this moment (ISO 8601, with zone)."
    )
    after: Cursor = Query(None, pattern=AFTER_PATTERN, description=AFTER_DOC)
    limit: between(1, MAX_LIMIT, 50) = Query(50, description="How many requests at most.")


class EventFilters(Schema):
    after: Cursor = Query(
        None, pattern=AFTER_PATTERN, description=AFTER_DOC + " None for the start."
    )
    limit: between(1, MAX_LIMIT, 100) = Query(100, description="How many events at most.")


def _requests() -> QuerySet[RepairRequest]:
    return RepairRequest.objects.filter(reference__isnull=False).select_related(
        "building__site", "dwelling__entrance", "common_area", "catalogue_entry"
    )


def request_out(request: RepairRequest) -> RequestOut:
    dwelling = request.dwelling
    return RequestOut(
        reference=request.reference,
        erp_id=request.external_ref,
        status=request.status,
        origin=request.origin,
        title=request.title,
        description=request.description,
        catalogue_code=request.catalogue_entry.code if request.catalogue_entry_id else "",
        responsibility=request.responsibility,
        urgency=request.urgency,
        site=request.building.site.code,
        building=request.building.code,
        entrance=dwelling.entrance.code if dwelling else "",
        dwelling=dwelling.code if dwelling else "",
        common_area_kind=request.common_area.kind if request.common_area_id else "",
        submitted_at=request.submitted_at,
        acknowledged_at=request.acknowledged_at,
        planned_start=request.planned_start,
        planned_end=request.planned_end,
        done_at=request.done_at,
        closed_at=request.closed_at,
        updated_at=request.updated_at,
    )


def _event_out(event: RequestEvent, erp_name: str) -> EventOut:
    from_erp = event.actor_id is None and event.actor_label == erp_name
    return EventOut(
        id=event.pk,
        request=event.request.reference,
        kind=event.kind,
        from_status=event.from_status,
        to_status=event.to_status,
        at=event.at,
        source="erp" if from_erp else "agir",
        message=event.message,
    )


def _public_events() -> QuerySet[RequestEvent]:
    # What the tenant sees of the history: internal notes and the draft's creation stay inside.
    return (
        RequestEvent.objects.filter(public=True, request__reference__isnull=False)
        .exclude(kind=EventKind.CREATED)
        .select_related("request")
    )


@router.get(
    "",
    response=responses({200: RequestPage}, 400, 401, 403),
    auth=READ,
    summary="Requests, oldest first, a page at a time",
)
def list_requests(request: HttpRequest, params: Query[RequestFilters]):
    refuse_unknown(request, params)
    status, updated_since = params.status, params.updated_since
    if updated_since is not None:
        if updated_since.tzinfo is None:
            raise HttpError(400, "Parameter 'updated_since' must carry a time zone.")
        # PostgreSQL takes offsets of up to 15:59 only: compare in UTC.
        try:
            updated_since = updated_since.astimezone(UTC)
        except OverflowError:
            raise HttpError(400, "Parameter 'updated_since' is out of range.") from None
    filters = {
        "status": status,
        "building__site__code": params.site,
        "building__code": params.building,
        "dwelling__code": params.dwelling,
        "external_ref": params.erp_id,
        "updated_at__gte": updated_since,
    }
    rows = _requests().filter(**{key: value for key, value in filters.items() if value is not None})
    page, following = keyset_page(rows, params.after, params.limit)
    return RequestPage(items=[request_out(r) for r in page], next=following)


def _one(reference: str) -> RepairRequest:
    found = _requests().filter(reference=reference).first()
    if found is None:
        raise HttpError(404, "No request has this reference.")
    return found


@router.get(
    "{reference}",
    response=responses({200: RequestOut}, 401, 403, 404),
    auth=READ,
    summary="One request, by its reference",
)
def get_request(request: HttpRequest, reference: str):
    return request_out(_one(reference))


@router.get(
    "{reference}/events",
    response=responses({200: list[EventOut]}, 401, 403, 404),
    auth=READ,
    summary="A request's public history, oldest first",
)
def list_request_events(request: HttpRequest, reference: str):
    from django.conf import settings

    found = _one(reference)
    events = _public_events().filter(request=found).order_by("at", "pk")
    return [_event_out(event, settings.EXCHANGE_ERP_NAME) for event in events]


@events_router.get(
    "",
    response=responses({200: EventPage}, 400, 401, 403),
    auth=READ,
    summary="Public events of every request since a cursor, in the order they were recorded",
)
def list_events(request: HttpRequest, params: Query[EventFilters]):
    """Poll with the last `next` to get what happened since; `next` is given even on the last
    page (keep it for the next poll). Events of the last few seconds wait for the next poll."""
    refuse_unknown(request, params)
    from django.conf import settings

    start, limit = after_id(params.after), params.limit
    rows = _public_events().filter(pk__gt=start).order_by("pk")
    young = (
        RequestEvent.objects.filter(pk__gt=start, at__gt=timezone.now() - SETTLE)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if young is not None:
        rows = rows.filter(pk__lt=young)
    page = list(rows[:limit])
    cursor = page[-1].pk if page else start
    return EventPage(
        items=[_event_out(event, settings.EXCHANGE_ERP_NAME) for event in page],
        next=str(cursor),
    )
