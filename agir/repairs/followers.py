"""«Je suis aussi concerné(e)»: a tenant joins an open common-area request, not a duplicate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agir.catalogue.models import Equipment
from agir.estate.models import CommonArea, Lease, Tenant

from . import lifecycle
from .lifecycle import Actor, InvalidRequest
from .models import RepairRequest, RequestFollower


@dataclass(frozen=True)
class Joined:
    follower: RequestFollower | None
    created: bool


def open_for_same_equipment(area: CommonArea, equipment: Equipment) -> QuerySet[RepairRequest]:
    """Open requests about this equipment of this common area, oldest first."""
    return (
        RepairRequest.objects.open()
        .filter(common_area=area, catalogue_entry__equipment=equipment)
        .select_related("catalogue_entry", "common_area")
        .order_by("submitted_at", "pk")
    )


def is_involved(request: RepairRequest, tenant: Tenant) -> bool:
    """The tenant made this request or already follows it."""
    return request.requested_by_id == tenant.pk or request.followers.filter(tenant=tenant).exists()


def join(request: RepairRequest, tenant: Tenant, *, actor: Actor) -> Joined:
    """Make `tenant` a follower of `request`, with one internal event; repeating is harmless."""
    if request.common_area_id is None:
        raise InvalidRequest(
            "only a common-area request can be joined",
            _("Seule une demande des parties communes peut être suivie."),
        )
    if not request.is_open:
        raise InvalidRequest(
            f"request {request.reference} is not open",
            _("Cette demande est terminée : faites une nouvelle demande si le problème revient."),
        )
    if not _lives_near(tenant, request.common_area):
        raise InvalidRequest(
            f"tenant {tenant.pk} does not live near common area {request.common_area_id}",
            _("Cette partie commune n'est pas celle de votre immeuble."),
        )
    if is_involved(request, tenant):
        return Joined(RequestFollower.objects.filter(request=request, tenant=tenant).first(), False)
    try:
        with transaction.atomic():
            follower = RequestFollower.objects.create(request=request, tenant=tenant)
            # Internal: the requester never learns the neighbour's name from the timeline.
            lifecycle.comment(
                request,
                actor=actor,
                message=_("%(name)s est aussi concerné(e) par ce problème.")
                % {"name": tenant.full_name},
                public=False,
            )
    except IntegrityError:
        # The same tenant joined from another tab at the same moment.
        return Joined(RequestFollower.objects.filter(request=request, tenant=tenant).first(), False)
    return Joined(follower, True)


def _lives_near(tenant: Tenant, area: CommonArea) -> bool:
    return (
        Lease.objects.current()
        .filter(occupancies__tenant=tenant, dwelling__entrance__building__in=area.buildings())
        .exists()
    )
