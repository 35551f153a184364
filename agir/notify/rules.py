"""Which channels carry a message to a person: their preferences first, then the rule's
fallbacks, keeping only the channels that are set up and for which we have an address."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from agir.estate.models import Dwelling, Lease, Occupancy, Tenant
from agir.notify import phones
from agir.notify.postal import PostalAddress, address_block
from agir.notify.wording import DEFAULT_RULES, USUAL
from agir.repairs.models import RepairRequest


@dataclass(frozen=True)
class Rule:
    kind: str
    enabled: bool
    use_preferences: bool
    channels: list[str]
    attach_letter: bool


@dataclass
class Known:
    """What many messages queued together share, looked up once (`known_for`)."""

    homes: dict[int, Dwelling | None] = field(default_factory=dict)  # tenant pk -> home
    rules: dict[str, Rule] = field(default_factory=dict)


_known: contextvars.ContextVar[Known | None] = contextvars.ContextVar("notify_known", default=None)


@contextmanager
def known_for(
    tenants: Iterable[Tenant],
    dwellings: Iterable[Dwelling] = (),
    *,
    homes: Mapping[int, Dwelling] | None = None,
) -> Iterator[None]:
    """Within the block, `home_of` the given tenants and `rule_for` any kind cost no query:
    which dwelling each tenant lives in now is read in one query, and the dwellings not among
    `dwellings` (loaded already, with their entrance, building and site) in one more. `homes`:
    homes the caller read already (tenant key -> dwelling, loaded as above), not read again."""
    known = Known()
    given = dict(homes or {})
    ids = {tenant.pk for tenant in tenants} - set(given)
    today = timezone.localdate()  # as Lease.objects.current() reads it
    home_ids: dict[int, int] = {}
    for tenant_id, dwelling_id in (
        Occupancy.objects.filter(tenant_id__in=ids)
        .filter(lease__start_date__lte=today)
        .filter(Q(lease__end_date__isnull=True) | Q(lease__end_date__gte=today))
        # The same choice as home_of's: the current lease that started last.
        .order_by("-lease__start_date", "lease_id")
        .values_list("tenant_id", "lease__dwelling_id")
    ):
        home_ids.setdefault(tenant_id, dwelling_id)
    loaded = {dwelling.pk: dwelling for dwelling in dwellings}
    missing = set(home_ids.values()) - set(loaded)
    loaded |= Dwelling.objects.select_related("entrance__building__site").in_bulk(missing)
    known.homes = {
        tenant_id: loaded[home_ids[tenant_id]] if tenant_id in home_ids else None
        for tenant_id in ids
    } | given
    token = _known.set(known)
    try:
        yield
    finally:
        _known.reset(token)


def rule_for(kind: str) -> Rule:
    known = _known.get()
    if known is None:
        return _read_rule(kind)
    if kind not in known.rules:
        known.rules[kind] = _read_rule(kind)
    return known.rules[kind]


def _read_rule(kind: str) -> Rule:
    from agir.notify.models import NotificationRule

    row = NotificationRule.objects.filter(kind=kind).first()
    if row is not None:
        return Rule(kind, row.enabled, row.use_preferences, list(row.channels), row.attach_letter)
    channels, attach = DEFAULT_RULES.get(kind, (USUAL, False))
    return Rule(kind, True, True, list(channels), attach)


def home_of(tenant: Tenant, request: RepairRequest | None = None) -> Dwelling | None:
    """Where letters reach the tenant: their current home, else the request's dwelling."""
    known = _known.get()
    if known is not None and tenant.pk in known.homes:
        home = known.homes[tenant.pk]
        if home is not None:
            return home
        return request.dwelling if request is not None and request.dwelling_id else None
    # The whole address in one query: a letter prints the dwelling, entrance, building, site.
    lease = (
        Lease.objects.current()
        .filter(occupancies__tenant=tenant)
        .select_related("dwelling__entrance__building__site")
        .first()
    )
    if lease is not None:
        return lease.dwelling
    if request is not None and request.dwelling_id:
        return request.dwelling
    return None


def postal_address(tenant: Tenant, dwelling: Dwelling) -> PostalAddress:
    entrance = dwelling.entrance
    building = entrance.building
    floor = "rez-de-chaussée" if dwelling.floor == 0 else f"étage {dwelling.floor}"
    return PostalAddress(
        name=tenant.full_name,
        title=tenant.title,
        first_name=tenant.first_name,
        inside=f"Appartement {dwelling.number} {floor} entrée {entrance.code}",
        outside=f"{building.name} {building.site.name}",
        street=entrance.street_address or building.street_address,
        postcode=building.postcode,
        town=building.city,
    )


def postal_lines(tenant: Tenant, request: RepairRequest | None = None) -> list[str]:
    dwelling = home_of(tenant, request)
    if dwelling is None:
        return []
    return address_block(postal_address(tenant, dwelling))


def address_for(
    channel: str,
    tenant: Tenant,
    request: RepairRequest | None = None,
    *,
    lines: list[str] | None = None,
) -> str:
    """The tenant's address on `channel`, or "" when we have none that works."""
    match channel:
        case "email":
            return tenant.email
        case "sms":
            return tenant.mobile_phone if phones.is_french_mobile(tenant.mobile_phone) else ""
        case "voice":
            return tenant.mobile_phone or tenant.landline_phone
        case "fax":
            return tenant.fax
        case "letter":
            return "\n".join(postal_lines(tenant, request) if lines is None else lines)
    return ""


def ordered_channels(rule: Rule, tenant: Tenant) -> list[str]:
    preferred = list(tenant.preferred_channels or []) if rule.use_preferences else []
    # A preferred channel the rule does not allow for this message is not used.
    first = [c for c in preferred if c in rule.channels]
    return list(dict.fromkeys([*first, *rule.channels]))


def plan(
    kind: str,
    tenant: Tenant,
    request: RepairRequest | None = None,
    *,
    lines: list[str] | None = None,
) -> list[tuple[str, str]]:
    """Every (channel, address) that may carry `kind` to `tenant`, best first. `lines`: the
    postal address when the caller has it already (it costs a query to build)."""
    return list(steps(kind, tenant, request, lines=lines))


def steps(
    kind: str,
    tenant: Tenant,
    request: RepairRequest | None = None,
    *,
    lines: list[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """`plan`'s (channel, address) one at a time: a message is queued on the first, and the
    addresses of the others need not be worked out for it."""
    from agir.notify.channels import available_channels

    rule = rule_for(kind)
    if not rule.enabled:
        return
    available = available_channels()
    for channel in ordered_channels(rule, tenant):
        if channel not in available:
            continue
        address = address_for(channel, tenant, request, lines=lines)
        if address:
            yield channel, address
