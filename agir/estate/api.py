"""The estate on the JSON API: sites, buildings (with their entrances and common areas) and
dwellings, found by the codes the ERP and AGIR share. Scope `estate:read`.

Places only: who lives where is not said here (no tenant, no lease). Lists are paged by keyset
as the requests are (`after` = the previous page's `next`).
"""

from __future__ import annotations

from typing import Annotated

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from agir.api.auth import scoped
from agir.api.errors import responses
from agir.api.params import (
    AFTER_PATTERN,
    BlankIsNone,
    between,
    keyset_page,
    refuse_unknown,
)

from .models import Building, CommonArea, Dwelling, Site

router = Router(tags=["estate"])
READ = scoped("estate:read")
MAX_LIMIT = 500

Cursor = Annotated[str | None, BlankIsNone]
Code = Annotated[str | None, BlankIsNone]


class Paging(Schema):
    after: Cursor = Query(
        None, pattern=AFTER_PATTERN, description="The `next` of the previous page."
    )
    limit: between(1, MAX_LIMIT, 100) = Query(100, description="How many at most.")


class BuildingFilters(Paging):
    site: Code = Query(None, max_length=32, description="Only the buildings of this site.")


class DwellingFilters(Paging):
    building: Code = Query(None, max_length=32, description="Only the dwellings of this building.")


class SiteOut(Schema):
    code: str
    name: str
    postcode: str
    city: str


class SitePage(Schema):
    items: list[SiteOut]
    next: str | None


class EntranceOut(Schema):
    code: str
    street_address: str
    has_lift: bool


class CommonAreaOut(Schema):
    id: int
    kind: str
    label: str
    entrance: str


class BuildingOut(Schema):
    code: str
    site: str
    name: str
    street_address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None


class BuildingDetailOut(BuildingOut):
    entrances: list[EntranceOut]
    common_areas: list[CommonAreaOut]


class BuildingPage(Schema):
    items: list[BuildingOut]
    next: str | None


class DwellingOut(Schema):
    code: str
    site: str
    building: str
    entrance: str
    number: str
    floor: int
    type: str
    surface: float


class DwellingPage(Schema):
    items: list[DwellingOut]
    next: str | None


def _page(rows: QuerySet, params: Paging) -> tuple[list, str | None]:
    return keyset_page(rows, params.after, params.limit)


def _site_out(site: Site) -> SiteOut:
    return SiteOut(code=site.code, name=site.name, postcode=site.postcode, city=site.city)


def _building_fields(building: Building) -> dict:
    return {
        "code": building.code,
        "site": building.site.code,
        "name": building.name,
        "street_address": building.street_address,
        "postcode": building.postcode,
        "city": building.city,
        "latitude": building.latitude,
        "longitude": building.longitude,
    }


def _dwelling_out(dwelling: Dwelling) -> DwellingOut:
    building = dwelling.entrance.building
    return DwellingOut(
        code=dwelling.code,
        site=building.site.code,
        building=building.code,
        entrance=dwelling.entrance.code,
        number=dwelling.number,
        floor=dwelling.floor,
        type=dwelling.dwelling_type,
        surface=float(dwelling.surface),
    )


@router.get(
    "sites",
    response=responses({200: SitePage}, 400, 401, 403),
    auth=READ,
    summary="Sites (résidences), a page at a time",
)
def list_sites(request: HttpRequest, params: Query[Paging]):
    refuse_unknown(request, params)
    page, following = _page(Site.objects.all(), params)
    return SitePage(items=[_site_out(site) for site in page], next=following)


@router.get(
    "sites/{code}",
    response=responses({200: SiteOut}, 401, 403, 404),
    auth=READ,
    summary="One site, by its code",
)
def get_site(request: HttpRequest, code: str):
    site = Site.objects.filter(code=code).first()
    if site is None:
        raise HttpError(404, "No site has this code.")
    return _site_out(site)


@router.get(
    "buildings",
    response=responses({200: BuildingPage}, 400, 401, 403),
    auth=READ,
    summary="Buildings, a page at a time",
)
def list_buildings(request: HttpRequest, params: Query[BuildingFilters]):
    refuse_unknown(request, params)
    rows = Building.objects.select_related("site")
    if params.site is not None:
        rows = rows.filter(site__code=params.site)
    page, following = _page(rows, params)
    return BuildingPage(items=[BuildingOut(**_building_fields(b)) for b in page], next=following)


@router.get(
    "buildings/{code}",
    response=responses({200: BuildingDetailOut}, 401, 403, 404),
    auth=READ,
    summary="One building, by its code, with its entrances and common areas",
)
def get_building(request: HttpRequest, code: str):
    building = Building.objects.select_related("site").filter(code=code).first()
    if building is None:
        raise HttpError(404, "No building has this code.")
    entrances = [
        EntranceOut(code=e.code, street_address=e.street_address, has_lift=e.has_lift)
        for e in building.entrances.order_by("code")
    ]
    areas = [
        CommonAreaOut(
            id=area.pk,
            kind=area.kind,
            label=area.label,
            entrance=area.entrance.code if area.entrance_id else "",
        )
        # Its own, its entrances', and its site's (a car park shared by the buildings).
        for area in CommonArea.objects.filter(
            Q(building=building) | Q(entrance__building=building) | Q(site_id=building.site_id)
        )
        .select_related("entrance")
        .order_by("pk")
    ]
    return BuildingDetailOut(**_building_fields(building), entrances=entrances, common_areas=areas)


@router.get(
    "dwellings",
    response=responses({200: DwellingPage}, 400, 401, 403),
    auth=READ,
    summary="Dwellings, a page at a time",
)
def list_dwellings(request: HttpRequest, params: Query[DwellingFilters]):
    refuse_unknown(request, params)
    rows = Dwelling.objects.select_related("entrance__building__site")
    if params.building is not None:
        rows = rows.filter(entrance__building__code=params.building)
    page, following = _page(rows, params)
    return DwellingPage(items=[_dwelling_out(d) for d in page], next=following)


@router.get(
    "dwellings/{code}",
    response=responses({200: DwellingOut}, 401, 403, 404),
    auth=READ,
    summary="One dwelling, by its code",
)
def get_dwelling(request: HttpRequest, code: str):
    dwelling = Dwelling.objects.select_related("entrance__building__site").filter(code=code).first()
    if dwelling is None:
        raise HttpError(404, "No dwelling has this code.")
    return _dwelling_out(dwelling)
