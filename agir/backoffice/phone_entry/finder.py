"""Finding the tenant who calls: by name, address, phone or lease reference, each word of the
search matching one of them («benali tilleuls», «06 12 34», «BAIL000123»)."""

from __future__ import annotations

import re

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace

from agir.estate.models import Lease, Occupancy

LIMIT = 20
MIN_LENGTH = 2


def _digits(word: str) -> str:
    return re.sub(r"\D", "", word)


def find_tenants(query: str, *, limit: int = LIMIT) -> list[Occupancy]:
    """The people of current leases matching every word of `query`, holders first."""
    words = [word for word in query.split() if word]
    if len("".join(words)) < MIN_LENGTH:
        return []
    found: QuerySet[Occupancy] = Occupancy.objects.filter(
        lease__in=Lease.objects.current()
    ).annotate(
        mobile=Replace(F("tenant__mobile_phone"), Value(" "), Value("")),
        landline=Replace(F("tenant__landline_phone"), Value(" "), Value("")),
    )
    # A phone number is typed with or without its spaces: its digits are joined to match.
    digits = _digits(query)
    if len(digits) >= 4 and len(digits) >= len(query.replace(" ", "")) - 1:
        found = found.filter(Q(mobile__contains=digits) | Q(landline__contains=digits))
    else:
        for word in words:
            found = found.filter(_matches(word))
    return list(
        found.select_related("tenant", "lease__dwelling__entrance__building__site").order_by(
            "-is_holder", "tenant__last_name", "tenant__first_name", "pk"
        )[:limit]
    )


def _matches(word: str) -> Q:
    return (
        Q(tenant__last_name__icontains=word)
        | Q(tenant__first_name__icontains=word)
        | Q(tenant__email__icontains=word)
        | Q(lease__reference__icontains=word)
        | Q(lease__dwelling__number__iexact=word)
        | Q(lease__dwelling__entrance__street_address__icontains=word)
        | Q(lease__dwelling__entrance__building__street_address__icontains=word)
        | Q(lease__dwelling__entrance__building__name__icontains=word)
        | Q(lease__dwelling__entrance__building__site__name__icontains=word)
    )
