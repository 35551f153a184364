"""What the officer's request page shows, each read in a fixed number of queries whatever the
number of events, photos, messages or past requests (tests/backoffice/test_request_page.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from agir.estate.models import Channel, Occupancy, Tenant
from agir.notify.models import Notification
from agir.portal.wizard.availability import describe
from agir.repairs.models import RepairRequest, RequestEvent, RequestFollower, RequestPhoto

# The dwelling's (or the common area's) earlier requests shown: the latest ones are what helps
# to spot a recurring problem; older ones are in the list's search.
PAST_REQUESTS_SHOWN = 20
MERGE_CANDIDATES_SHOWN = 10


@dataclass(frozen=True)
class Contact:
    """How to reach a tenant: the channels they chose, in order, and each address we have."""

    tenant: Tenant
    channels: list[str]  # labels, preferred first
    email: str
    mobile_phone: str
    landline_phone: str
    fax: str
    has_account: bool


def contact_of(tenant: Tenant | None) -> Contact | None:
    if tenant is None:
        return None
    labels = dict(Channel.choices)
    return Contact(
        tenant=tenant,
        channels=[str(labels.get(code, code)) for code in tenant.preferred_channels or []],
        email=tenant.email,
        mobile_phone=tenant.mobile_phone,
        landline_phone=tenant.landline_phone,
        fax=tenant.fax,
        has_account=tenant.user_id is not None,
    )


def events_of(repair: RepairRequest) -> QuerySet[RequestEvent]:
    """Every event, internal and public, latest first."""
    return repair.events.order_by("-at", "-id")


def photos_of(repair: RepairRequest) -> QuerySet[RequestPhoto]:
    return repair.photos.order_by("created_at")


def notifications_of(repair: RepairRequest) -> QuerySet[Notification]:
    """The messages sent about the request, with each attempt and delivery report."""
    return (
        repair.notifications.select_related("fallback_of")
        .prefetch_related("delivery_attempts", "reports")
        .order_by("-created_at", "-id")
    )


def past_requests(repair: RepairRequest) -> list[RepairRequest]:
    """The latest other requests about the same dwelling (or the same common area)."""
    place = {"common_area_id": repair.common_area_id} if repair.common_area_id else {}
    if repair.dwelling_id:
        place = {"dwelling_id": repair.dwelling_id}
    if not place:
        return []
    return list(
        RepairRequest.objects.submitted()
        .filter(**place)
        .exclude(pk=repair.pk)
        .only("code", "reference", "title", "status", "submitted_at", "urgency")
        .order_by("-submitted_at", "-pk")[:PAST_REQUESTS_SHOWN]
    )


def occupants_of(repair: RepairRequest) -> list[Occupancy]:
    """The people of the lease the request was made on (the holder first)."""
    if repair.lease_id is None:
        return []
    return list(
        Occupancy.objects.filter(lease_id=repair.lease_id)
        .select_related("tenant")
        .order_by("-is_holder", "tenant__last_name", "pk")
    )


def followers_of(repair: RepairRequest) -> list[RequestFollower]:
    return list(repair.followers.select_related("tenant").order_by("created_at"))


def availability_of(repair: RepairRequest) -> list[str]:
    """The half-days the tenant said they are at home, in words."""
    return [describe(value) for value in repair.availability or []]


def merge_candidates(repair: RepairRequest) -> list[RepairRequest]:
    """Open requests of the same building that this one may duplicate: about the same equipment
    when the catalogue says which, oldest first (the one to keep is usually the first)."""
    if not repair.is_open:
        return []
    candidates = (
        RepairRequest.objects.open()
        .filter(building_id=repair.building_id)
        .exclude(pk=repair.pk)
        # each is named by its place («Logement 12, Bâtiment A, entrée B»)
        .select_related("dwelling__entrance__building", "common_area")
    )
    if repair.catalogue_entry_id:
        candidates = candidates.filter(
            catalogue_entry__equipment_id=repair.catalogue_entry.equipment_id
        )
    return list(candidates.order_by("submitted_at", "pk")[:MERGE_CANDIDATES_SHOWN])
