"""The catalogue as Open311 services, and AGIR's requests as Open311 service requests.

A service is a catalogue entry (`service_code` = the entry's code) of the places open to the
public client: common areas only by default (`OPEN311_SCOPES`); emergencies are left out (Open311
is for non-emergency reports: an emergency is phoned in). Public answers hold no personal data:
no tenant's name, no dwelling, no description a tenant wrote, no photo, no message.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from agir.catalogue.models import CatalogueEntry
from agir.catalogue.payer import who_pays, who_pays_for_request
from agir.catalogue.payer_words import words_for
from agir.estate.models import Building, CommonArea
from agir.repairs.models import OPEN_STATUSES, RepairRequest

from .render import Many, One

# How far from a building lat/long may be, in metres, to name it.
NEAREST_BUILDING_METRES = 250


def services() -> QuerySet[CatalogueEntry]:
    return (
        CatalogueEntry.objects.active()
        .filter(place__scope__in=settings.OPEN311_SCOPES, emergency_call="")
        .order_by("place__position", "code")
    )


def service(code: str) -> CatalogueEntry | None:
    return services().filter(code=code).first()


def service_fields(entry: CatalogueEntry) -> dict:
    return {
        "service_code": entry.code,
        "service_name": entry.title,
        "description": f"{entry.place.label} › {entry.equipment.label} › {entry.symptom.label}",
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(entry.keywords or []),
        "group": entry.place.label,
    }


def service_definition(entry: CatalogueEntry) -> One:
    """Who pays is said (from `who_pays`, where no contract is known), then what may be added."""
    answer = who_pays(entry, None)
    attributes = [
        {
            "variable": False,
            "code": "WHO_PAYS",
            "datatype": "string",
            "required": False,
            "datatype_description": "",
            "order": 1,
            "description": words_for(answer).plain(),
        }
    ]
    if entry.advice:
        attributes.append(
            {
                "variable": False,
                "code": "ADVICE",
                "datatype": "string",
                "required": False,
                "datatype_description": "",
                "order": 2,
                "description": entry.advice,
            }
        )
    attributes.append(
        {
            "variable": True,
            "code": "ACCESS",
            "datatype": "text",
            "required": False,
            "datatype_description": "Door code, key, where to find the caretaker…",
            "order": len(attributes) + 1,
            "description": "Comment accéder à l'endroit (code, clé, gardien) ?",
        }
    )
    return One(
        "service_definition",
        {"service_code": entry.code, "attributes": Many("attributes", "attribute", attributes)},
    )


# --- places ------------------------------------------------------------------------------


def address_id(area: CommonArea) -> str:
    return f"pc-{area.pk}"


def area_by_address_id(value: str) -> CommonArea | None:
    if not value.startswith("pc-") or not value[3:].isdigit():
        return None
    return CommonArea.objects.filter(pk=int(value[3:])).first()


def nearest_building(lat: float, long: float) -> Building | None:
    best, best_distance = None, NEAREST_BUILDING_METRES
    for building in Building.objects.exclude(latitude=None).exclude(longitude=None):
        distance = _metres(lat, long, building.latitude, building.longitude)
        if distance <= best_distance:
            best, best_distance = building, distance
    return best


def building_by_address(text: str) -> Building | None:
    words = _normal(text)
    for building in Building.objects.all():
        if _normal(building.street_address) in words or words in _normal(building.street_address):
            return building
    return None


def area_in(building: Building, kind: str) -> CommonArea | None:
    """The building's common area of `kind`: its first entrance's, its own, or its site's."""
    return (
        CommonArea.objects.filter(kind=kind, entrance__building=building).order_by("pk").first()
        or CommonArea.objects.filter(kind=kind, building=building).order_by("pk").first()
        or CommonArea.objects.filter(kind=kind, site=building.site_id).order_by("pk").first()
    )


def _normal(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


# --- requests ----------------------------------------------------------------------------


def public_requests() -> QuerySet[RepairRequest]:
    return (
        RepairRequest.objects.submitted()
        .filter(
            catalogue_entry__place__scope__in=settings.OPEN311_SCOPES,
            catalogue_entry__emergency_call="",
        )
        .select_related(
            "catalogue_entry__place",
            "catalogue_entry__equipment",
            "common_area",
            "building",
            "dwelling__entrance",
        )
    )


def w3c(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def request_fields(request: RepairRequest) -> dict:
    """A request as the public may see it: what, where (the building, the common area), when,
    where it stands and who pays; never who asked, their words or their door."""
    entry = request.catalogue_entry
    building = request.building
    area = request.common_area
    where = area.label if area is not None else building.name
    answer = who_pays_for_request(request)
    closed = request.status not in OPEN_STATUSES
    return {
        "service_request_id": request.reference,
        "status": "closed" if closed else "open",
        "status_notes": str(request.get_status_display()),
        "service_name": entry.title,
        "service_code": entry.code,
        "description": f"{entry.title} — {where}",
        "agency_responsible": answer.payer_label,
        "service_notice": words_for(answer).plain(),
        "requested_datetime": w3c(request.submitted_at),
        "updated_datetime": w3c(
            request.closed_at if closed and request.closed_at else request.updated_at
        ),
        "expected_datetime": w3c(request.planned_start),
        "address": f"{where}, {building.street_address}, {building.postcode} {building.city}",
        "address_id": address_id(area) if area is not None else "",
        "zipcode": building.postcode,
        "lat": building.latitude,
        "long": building.longitude,
        "media_url": "",
    }
