"""What the caretaker's lists show of a request, and of a dwelling's household.

A caretaker needs the place, the status and the planned date; of a household, the name on the
door. Nothing else of a tenant (no phone, no email, no lease reference) reaches these pages or
the phone's cache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from agir.catalogue.models import Urgency
from agir.core.links import code_links
from agir.estate.models import Dwelling, Lease
from agir.portal.status import planned_visit
from agir.repairs.models import OPEN_STATUSES, RepairRequest

# On rounds, what cannot wait comes first: emergencies, then urgent requests, then the others;
# in each, the newest first (what a tenant met on the stairs is most likely to ask about). The
# primary key breaks ties, so that a request is on one page only.
_URGENCY_RANK = Case(
    When(urgency=Urgency.EMERGENCY, then=Value(0)),
    When(urgency=Urgency.URGENT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
_SAID_URGENCIES = frozenset({Urgency.EMERGENCY, Urgency.URGENT})


@dataclass(frozen=True)
class RequestLine:
    request: RepairRequest
    url: str
    place: str
    status: str
    planned: str
    urgency: str = ""  # said only of an open emergency or urgent request


def request_lines(requests: QuerySet[RepairRequest]) -> list[RequestLine]:
    """Every one of `requests`, the newest first."""
    return lines_of(_with_places(requests).order_by("-submitted_at"))


def pressing_first(requests: QuerySet[RepairRequest]) -> QuerySet[RepairRequest]:
    """`requests` in the order of a caretaker's rounds, ready to be sliced or paged."""
    return (
        _with_places(requests)
        .annotate(rounds_rank=_URGENCY_RANK)
        .order_by("rounds_rank", "-submitted_at", "-pk")
    )


def lines_of(rows: Iterable[RepairRequest]) -> list[RequestLine]:
    link = code_links("rounds:request")
    return [
        RequestLine(
            r,
            link(r.code),
            place_of(r),
            str(r.get_status_display()),
            planned_visit(r),
            r.get_urgency_display() if r.is_open and r.urgency in _SAID_URGENCIES else "",
        )
        for r in rows
    ]


def _with_places(requests: QuerySet[RepairRequest]) -> QuerySet[RepairRequest]:
    return requests.select_related("building", "dwelling__entrance", "common_area__entrance")


def place_of(request: RepairRequest) -> str:
    if request.dwelling_id:
        dwelling = request.dwelling
        return f"{request.building.name}, {dwelling.entrance.code} — log. {dwelling.number}"
    if request.common_area_id:
        return request.common_area.label
    return request.building.name


def open_counts(requests: QuerySet[RepairRequest], by: str) -> Counter:
    """Open requests counted by `by` (a field path such as "building" or "dwelling")."""
    return Counter(
        requests.filter(status__in=OPEN_STATUSES)
        .exclude(**{f"{by}__isnull": True})
        .values_list(by, flat=True)
    )


def door_names(dwellings: list[Dwelling]) -> dict[int, str]:
    """The household's name as on the letterbox («Mme Benali»), by dwelling id."""
    names: dict[int, str] = {}
    leases = (
        Lease.objects.current()
        .filter(dwelling__in=dwellings)
        .prefetch_related("occupancies__tenant")
    )
    for lease in leases:
        holders = sorted(lease.occupancies.all(), key=lambda o: (not o.is_holder, o.pk))
        if holders:
            tenant = holders[0].tenant
            names[lease.dwelling_id] = " ".join(p for p in (tenant.title, tenant.last_name) if p)
    return names
