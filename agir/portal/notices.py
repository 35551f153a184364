"""What is going on in the tenant's building: open requests about its common areas.

Only what any neighbour can see in the stairwell is shown (which equipment, since when, when it
is planned); never who reported it nor what they wrote.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from agir.estate.models import Dwelling, Tenant
from agir.repairs.models import RepairRequest

from . import wording
from .wizard.places import common_areas

# The building's latest open common-area requests on the tenant's home; a block of 300 dwellings
# may have dozens open, and the home must stay light on a slow line.
NOTICES = 10


@dataclass(frozen=True)
class Notice:
    area: str
    title: str
    status: str
    planned: str
    since: str
    followed: bool  # the tenant said «je suis aussi concerné(e)»


def for_dwelling(dwelling: Dwelling, tenant: Tenant, *, besides: Collection[int]) -> list[Notice]:
    """The latest open common-area requests of the dwelling's building, except those made for
    the leases whose keys are `besides` (the tenant's own, listed apart): at most NOTICES,
    whatever the size of the building or of its history."""
    requests = list(
        RepairRequest.objects.open()
        .filter(common_area__in=common_areas(dwelling))
        # by lease, not by the tenant's requests: that subquery read every open request of
        # the estate to find the tenant's
        .exclude(lease__in=besides)
        .select_related("common_area")
        .order_by("-submitted_at")[:NOTICES]
    )
    followed = set(
        tenant.followed_requests.filter(request__in=[r.pk for r in requests]).values_list(
            "request", flat=True
        )
    )
    return [_notice(request, request.pk in followed) for request in requests]


def _notice(request: RepairRequest, followed: bool) -> Notice:
    return Notice(
        area=request.common_area.label if request.common_area_id else "",
        title=request.title,
        status=wording.status_words(request),
        planned=wording.planned(request),
        since=wording.day(request.submitted_at) if request.submitted_at else "",
        followed=followed,
    )
