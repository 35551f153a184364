"""The only way tenant views get a lease or a request: missing and not yours look the same (404).

A tenant sees the requests of the leases they hold today, never those of a lease they left.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from agir.accounts.models import Role
from agir.estate.models import Lease, Tenant
from agir.repairs.models import RepairRequest


def tenant_of(user) -> Tenant:
    if not user.is_authenticated or user.role != Role.TENANT:
        raise Http404
    try:
        return user.tenant
    except Tenant.DoesNotExist:
        raise Http404 from None


def current_leases(user) -> QuerySet[Lease]:
    return Lease.objects.current().filter(occupancies__tenant=tenant_of(user))


def current_lease(user) -> Lease:
    lease = current_leases(user).select_related("dwelling__entrance__building").first()
    if lease is None:
        raise Http404
    return lease


def visible_requests(user) -> QuerySet[RepairRequest]:
    """Requests of the tenant's current leases (drafts included: they are the tenant's own).
    The leases are a subquery, not a join: no row comes twice, and no DISTINCT is needed."""
    return RepairRequest.objects.filter(lease__in=current_leases(user))


def get_request_for_tenant(user, code) -> RepairRequest:
    try:
        return visible_requests(user).get(code=code)
    except (RepairRequest.DoesNotExist, ValueError):
        raise Http404 from None
