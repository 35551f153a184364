"""The only way tenant views get a lease or a request: missing and not yours look the same (404).

A tenant sees the requests of the leases they hold today, never those of a lease they left.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404

from agir.accounts.models import Role
from agir.catalogue import snapshot
from agir.catalogue.models import CatalogueEntry
from agir.estate.models import Dwelling, Lease, Tenant
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


def _held_leases(user) -> list[Lease]:
    """The tenant's current leases with their dwelling, entrance, building and site, read once
    a request: kept on the user object, which lives as long as the request."""
    held = getattr(user, "_agir_current_leases", None)
    if held is None:
        held = list(current_leases(user).select_related("dwelling__entrance__building__site"))
        user._agir_current_leases = held
    return held


def held_lease(user, pk: int) -> Lease | None:
    """The tenant's current lease with this key, or None when they do not hold it today."""
    return next((lease for lease in _held_leases(user) if lease.pk == pk), None)


def current_lease(user) -> Lease:
    """The tenant's current lease (the latest begun, when they hold several)."""
    leases = _held_leases(user)
    if not leases:
        raise Http404
    return leases[0]


def current_lease_keys(user) -> list[int]:
    return [lease.pk for lease in _held_leases(user)]


def visible_requests(user) -> QuerySet[RepairRequest]:
    """Requests of the tenant's current leases (drafts included: they are the tenant's own).
    The leases are listed by key, not joined: no row comes twice, no DISTINCT is needed, and
    the database reads the leases' requests by their index (with a subquery, SQLite read every
    open request of the estate in date order to find the tenant's ten)."""
    return RepairRequest.objects.filter(lease__in=current_lease_keys(user))


def get_request_for_tenant(user, code, *, related: Sequence[str] = ()) -> RepairRequest:
    """One of the tenant's requests by its code, with the `related` rows in the same query."""
    rows = visible_requests(user)
    if related:  # select_related() with no names would follow every relation
        rows = rows.select_related(*related)
    try:
        return rows.get(code=code)
    except (RepairRequest.DoesNotExist, ValueError):
        raise Http404 from None


def with_rows_read_already(repair: RepairRequest, user) -> None:
    """Give `repair` its catalogue entry (with place, equipment and symptom) from the catalogue
    the process holds, and its dwelling (with entrance, building and site) from the tenant's
    leases read once a request; the rare row not among them is read, in one query each.

    Joined to the request, they made a query of ten tables that PostgreSQL took longer to
    plan (≈ 3.5 ms) than to run (≈ 0.2 ms), on every view of a request page."""
    if repair.catalogue_entry_id is not None:
        entry = snapshot.by_key(repair.catalogue_entry_id)
        repair.catalogue_entry = entry or (
            CatalogueEntry.objects.select_related("place", "equipment", "symptom").get(
                pk=repair.catalogue_entry_id
            )
        )
    if repair.dwelling_id is not None:
        lease = held_lease(user, repair.lease_id) if repair.lease_id else None
        if lease is not None and lease.dwelling_id == repair.dwelling_id:
            repair.dwelling = lease.dwelling
        else:
            repair.dwelling = Dwelling.objects.select_related("entrance__building__site").get(
                pk=repair.dwelling_id
            )
