"""The channels a tenant may choose to be told on, in their order, and what each needs."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from agir.estate.models import Channel, Tenant

# Fax is for contractors; a tenant chooses among these.
TENANT_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.LETTER)


def address_for(tenant: Tenant, channel: str) -> str:
    """Where `channel` reaches `tenant` ("" when we have nothing to reach them with)."""
    match channel:
        case Channel.EMAIL:
            return tenant.email
        case Channel.SMS:
            return tenant.mobile_phone
        case Channel.VOICE:
            return tenant.mobile_phone or tenant.landline_phone
        case Channel.LETTER:
            lease = tenant.current_lease()
            return str(lease.dwelling) if lease else ""
    return ""


def channel_problem(tenant: Tenant, channel: str) -> str:
    """Why `channel` cannot reach `tenant`, in French; "" when it can."""
    if address_for(tenant, channel):
        return ""
    phone = settings.LANDLORD["phone"]
    match channel:
        case Channel.EMAIL:
            return _(
                "Nous n'avons pas votre adresse e-mail. Pour nous la donner, appelez-nous au "
                "%(phone)s."
            ) % {"phone": phone}
        case Channel.SMS:
            return _(
                "Nous n'avons pas votre numéro de téléphone portable. Pour nous le donner, "
                "appelez-nous au %(phone)s."
            ) % {"phone": phone}
        case Channel.VOICE:
            return _(
                "Nous n'avons pas votre numéro de téléphone. Pour nous le donner, appelez-nous "
                "au %(phone)s."
            ) % {"phone": phone}
    return _("Nous n'avons pas votre adresse.")


def ordered_choice(tenant: Tenant) -> list[str]:
    """The tenant's channels as they are stored, limited to those a tenant chooses."""
    return [c for c in tenant.preferred_channels or [] if c in TENANT_CHANNELS]


def set_preferred_channels(tenant: Tenant, channels: list[str]) -> None:
    """Store the tenant's order; channels a tenant does not choose (fax) keep their place last."""
    unknown = [c for c in channels if c not in TENANT_CHANNELS]
    if unknown or len(set(channels)) != len(channels) or not channels:
        raise ValueError(f"not an ordered choice of tenant channels: {channels!r}")
    for channel in channels:
        if problem := channel_problem(tenant, channel):
            raise ValueError(f"{channel} cannot reach tenant {tenant.pk}: {problem}")
    others = [c for c in tenant.preferred_channels or [] if c not in TENANT_CHANNELS]
    tenant.preferred_channels = [*channels, *others]
    tenant.save(update_fields=["preferred_channels"])
