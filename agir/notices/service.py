"""The rules of notices: where they show, and which request a tenant may follow instead of
entering their own (agir.repairs.followers)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.catalogue.models import Equipment
from agir.estate.models import Dwelling
from agir.repairs.lifecycle import InvalidRequest
from agir.repairs.models import RepairRequest

from .models import Notice

MAX_DAYS = 366


def at_home(dwelling: Dwelling, on: date | None = None) -> QuerySet[Notice]:
    """The notices in force on the dwelling's entrance, building or site."""
    entrance = dwelling.entrance
    building = entrance.building
    return (
        Notice.objects.in_force(on or timezone.localdate())
        .filter(Q(entrance=entrance) | Q(building=building) | Q(site_id=building.site_id))
        .select_related("entrance", "building", "site", "request")
        .order_by("ends_on", "pk")
    )


def requests_to_follow(dwelling: Dwelling, equipment: Equipment) -> list[RepairRequest]:
    """The open common-area requests that notices in force at the tenant's place link to, for
    this equipment (the notice's own, or the linked request's)."""
    linked = (
        at_home(dwelling)
        .select_related(None)
        .filter(request__isnull=False)
        .filter(
            Q(equipment=equipment)
            | Q(equipment__isnull=True, request__catalogue_entry__equipment=equipment)
        )
        .values_list("request_id", flat=True)
    )
    # Two steps: the wizard asks on its last pages, and most places have no such notice, so
    # usually only the first (light) query runs.
    keys = list(dict.fromkeys(linked))
    if not keys:
        return []
    requests = RepairRequest.objects.in_bulk(keys)
    return [
        request
        for key in keys
        if (request := requests.get(key)) is not None and request.is_open and request.common_area_id
    ]


def post(
    *,
    text: str,
    ends_on: date,
    by,
    starts_on: date | None = None,
    site=None,
    building=None,
    entrance=None,
    equipment: Equipment | None = None,
    request: RepairRequest | None = None,
) -> Notice:
    """Post a notice on exactly one place, until `ends_on`."""
    starts_on = starts_on or timezone.localdate()
    if sum(place is not None for place in (site, building, entrance)) != 1:
        raise InvalidRequest(
            "a notice is posted on exactly one place",
            _("Choisissez une résidence, un bâtiment ou une entrée, un seul."),
        )
    if ends_on < starts_on:
        raise InvalidRequest("ends before it starts", _("La fin doit suivre le début."))
    if (ends_on - starts_on).days > MAX_DAYS:
        raise InvalidRequest("too long", _("Un avis dure un an au plus."))
    if equipment is None and request is not None and request.catalogue_entry_id:
        equipment = request.catalogue_entry.equipment
    return Notice.objects.create(
        text=text.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        site=site,
        building=building,
        entrance=entrance,
        equipment=equipment,
        request=request,
        posted_by=by,
    )


def end_now(notice: Notice) -> None:
    """Take the notice down now (the repair was done before the date said)."""
    today = timezone.localdate()
    if notice.starts_on >= today:
        notice.delete()  # never shown before today: nothing to keep
        return
    notice.ends_on = today - timedelta(days=1)
    notice.save(update_fields=["ends_on"])


def place_for(scope: str, *, request=None, site=None, building=None, entrance=None) -> dict:
    """The one place a notice goes, from the scope chosen and what is given: the place picked,
    else the linked request's entrance, building or site."""
    if scope == "entrance":
        if entrance is None and request is not None:
            if request.dwelling_id:
                entrance = request.dwelling.entrance
            elif request.common_area_id and request.common_area.entrance_id:
                entrance = request.common_area.entrance
        return {"entrance": entrance}
    if scope == "building":
        if building is None and request is not None:
            building = request.building
        if building is None and entrance is not None:
            building = entrance.building
        return {"building": building}
    if site is None:
        known = building or (entrance.building if entrance else None)
        known = known or (request.building if request is not None else None)
        site = known.site if known is not None else None
    return {"site": site}
