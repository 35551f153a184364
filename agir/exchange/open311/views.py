"""Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): services, service definitions,
requests (POST and GET), a request, tokens; JSON and XML by the resource's extension; errors
in the standard format.

A client's key (an API client with the `open311` scope) is needed to post a request: in the
POST body's `api_key` field, as the spec says, or in an `X-API-Key` header. A key in the URL's
query string is refused on every resource: URLs end up in logs.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt

from agir.api import tokens
from agir.catalogue.payer import who_pays_for_request
from agir.catalogue.payer_words import words_for
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, LifecycleError, NewRequest
from agir.repairs.models import MAX_DESCRIPTION_LENGTH, OPEN_STATUSES, Origin

from . import catalogue
from .render import Many, One, errors, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
SCOPE = "open311"


class Refusal(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def _checked(view):
    """The rules every resource shares: no key in the URL, the one jurisdiction, errors in the
    standard format."""

    def wrapped(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
        try:
            if "api_key" in request.GET:
                raise Refusal(
                    403,
                    "api_key must not be sent in the URL (it would end up in logs): send it in "
                    "the POST body or in an X-API-Key header.",
                )
            jurisdiction = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
            if jurisdiction and jurisdiction != settings.OPEN311_JURISDICTION:
                raise Refusal(404, "jurisdiction_id not found")
            return view(request, fmt, **kwargs)
        except Refusal as refusal:
            return errors(fmt, refusal.status, (refusal.status, refusal.description))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return csrf_exempt(wrapped)


def _only(request: HttpRequest, *methods: str) -> None:
    if request.method not in methods:
        raise Refusal(405, f"Method not allowed: use {' or '.join(methods)}.")


@_checked
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    _only(request, "GET")
    endpoint = {
        "specification": SPECIFICATION,
        "url": request.build_absolute_uri("/open311/v2"),
        "changeset": settings.OPEN311_CHANGESET,
        "type": settings.OPEN311_ENDPOINT_TYPE,
        "formats": Many("formats", "format", ["text/xml", "application/json"]),
    }
    document = One(
        "discovery",
        {
            "changeset": settings.OPEN311_CHANGESET,
            "contact": settings.OPEN311_CONTACT,
            "key_service": settings.OPEN311_KEY_SERVICE,
            "endpoints": Many("endpoints", "endpoint", [endpoint]),
        },
    )
    return respond(document, fmt)


@_checked
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _only(request, "GET")
    listed = [catalogue.service_fields(entry) for entry in catalogue.services()]
    return respond(Many("services", "service", listed), fmt)


@_checked
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    _only(request, "GET")
    entry = catalogue.service(code)
    if entry is None:
        raise Refusal(404, "service_code not found")
    return respond(catalogue.service_definition(entry), fmt)


@_checked
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    _only(request, "GET", "POST")
    if request.method == "POST":
        return _post(request, fmt)
    return _search(request, fmt)


@_checked
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    _only(request, "GET")
    found = catalogue.public_requests().filter(reference=request_id).first()
    if found is None:
        raise Refusal(404, "service_request_id not found")
    return respond(Many("service_requests", "request", [catalogue.request_fields(found)]), fmt)


@_checked
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    _only(request, "GET")
    try:
        code = uuid.UUID(token)
    except ValueError:
        raise Refusal(404, "token not found") from None
    found = catalogue.public_requests().filter(code=code).first()
    if found is None:
        raise Refusal(404, "token not found")
    item = {"service_request_id": found.reference, "token": str(found.code)}
    return respond(Many("service_requests", "request", [item]), fmt)


def not_found(request: HttpRequest) -> HttpResponse:
    fmt = "json" if request.path.endswith(".json") else "xml"
    return errors(fmt, 404, (404, "No such resource: see /open311/discovery.json"))


# --- GET requests ------------------------------------------------------------------------


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    found = catalogue.public_requests()
    ids = _list(request.GET.get("service_request_id"))
    if ids:
        # The spec: service_request_id overrides every other argument.
        found = found.filter(reference__in=ids)
    else:
        codes = _list(request.GET.get("service_code"))
        if codes:
            found = found.filter(catalogue_entry__code__in=codes)
        statuses = _list(request.GET.get("status"))
        unknown = set(statuses) - {"open", "closed"}
        if unknown:
            raise Refusal(400, "status must be open, closed, or both (comma-separated)")
        if statuses == ["open"]:
            found = found.filter(status__in=OPEN_STATUSES)
        elif statuses == ["closed"]:
            found = found.exclude(status__in=OPEN_STATUSES)
        start, end = _window(request)
        found = found.filter(submitted_at__gte=start, submitted_at__lte=end)
    listed = [catalogue.request_fields(r) for r in found.order_by("-submitted_at")[:MAX_RESULTS]]
    return respond(Many("service_requests", "request", listed), fmt)


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _moment(request: HttpRequest, name: str) -> datetime | None:
    value = request.GET.get(name)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Refusal(
            400, f"{name} must be a W3C date-time with a time zone (2010-01-01T00:00:00Z)"
        )
    return moment


def _window(request: HttpRequest) -> tuple[datetime, datetime]:
    """The spec's window: the last 90 days by default; never more than 90 days."""
    start, end = _moment(request, "start_date"), _moment(request, "end_date")
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    if end < start:
        raise Refusal(400, "end_date must come after start_date")
    if end - start > MAX_SPAN:
        raise Refusal(400, "start_date and end_date may not be more than 90 days apart")
    return start, end


# --- POST requests -----------------------------------------------------------------------


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    key = data.get("api_key") or request.headers.get("X-API-Key", "")
    client = tokens.authenticate(key)
    if client is None or not client.has_scope(SCOPE):
        raise Refusal(403, "Invalid api_key received -- can't proceed with create_request.")
    code = data.get("service_code", "").strip()
    if not code:
        raise Refusal(400, "service_code was not provided")
    entry = catalogue.service(code)
    if entry is None:
        raise Refusal(404, "service_code not found")
    area = _place(data, entry.place.code)
    description = data.get("description", "").strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise Refusal(400, f"description may be at most {MAX_DESCRIPTION_LENGTH} characters long")
    if strip_tags(description) != description:
        raise Refusal(400, "description must be plain text, without HTML")
    access = data.get("attribute[ACCESS]", "").strip()
    if len(access) > 500:
        raise Refusal(400, "attribute[ACCESS] may be at most 500 characters long")
    new = NewRequest(
        idempotency_key=uuid.uuid4(),
        origin=Origin.API,
        common_area=area,
        catalogue_entry=entry,
        description=description,
        access_notes=access,
    )
    actor = Actor.system(f"Open311 — {client.name}")
    try:
        made = lifecycle.submit_new(new, actor=actor).request
        note = _reporter_note(data)
        if note:
            # The reporter's contact is for the staff, never in a public answer.
            lifecycle.comment(made, actor=actor, message=note, public=False, notify=False)
    except LifecycleError as error:
        raise Refusal(400, str(error)) from None
    answer = who_pays_for_request(made)
    item = {
        "service_request_id": made.reference,
        "service_notice": words_for(answer).plain(),
        "account_id": None,
    }
    return respond(Many("service_requests", "request", [item]), fmt)


def _place(data, kind: str):
    address_id = data.get("address_id", "").strip()
    lat, long = data.get("lat", "").strip(), data.get("long", "").strip()
    address = data.get("address_string", "").strip()
    if address_id:
        area = catalogue.area_by_address_id(address_id)
        if area is None:
            raise Refusal(404, "address_id not found")
        if area.kind != kind:
            raise Refusal(400, "address_id is not a place where this service applies")
        return area
    building = None
    if lat or long:
        try:
            latitude, longitude = float(lat), float(long)
        except ValueError:
            raise Refusal(400, "lat and long must both be given, as WGS84 numbers") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise Refusal(400, "lat and long must both be given, as WGS84 numbers")
        building = catalogue.nearest_building(latitude, longitude)
    elif address:
        building = catalogue.building_by_address(address)
    else:
        raise Refusal(400, "A location is required: lat and long, address_string or address_id.")
    if building is None:
        raise Refusal(400, "No building of the landlord at this location.")
    area = catalogue.area_in(building, kind)
    if area is None:
        raise Refusal(400, "This building has no place where this service applies.")
    return area


def _reporter_note(data) -> str:
    name = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p)
    parts = [
        name,
        data.get("email", ""),
        data.get("phone", ""),
        data.get("media_url", ""),
        data.get("device_id", "") and f"device {data['device_id']}",
    ]
    known = [part.strip()[:200] for part in parts if part and part.strip()]
    return ("Signalé par Open311 : " + " ; ".join(known)) if known else ""
