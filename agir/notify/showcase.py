"""The demo's first messages: a few tenants who listed each channel among their preferences
are told, on that channel, of their latest request's last step, so that a visitor finds an
email, an SMS, a voice message and a letter to look at and listen to as soon as the demo
starts."""

from __future__ import annotations

from django.db import transaction

from agir.notify.kinds import EVENT_KINDS
from agir.notify.models import Notification
from agir.notify.outbox import _create, request_context
from agir.notify.rules import address_for, postal_lines
from agir.repairs.models import RequestEvent

PER_CHANNEL = 2
CHANNELS = ("email", "sms", "voice", "letter")


def queue_showcase() -> int:
    """Queue the showcase once: on each channel that has no message yet (the demo's other
    topics already send some through the real steps, on the channels their tenants chose)."""
    missing = [c for c in CHANNELS if not Notification.objects.filter(channel=c).exists()]
    if not missing:
        return 0
    events = (
        RequestEvent.objects.filter(
            public=True, kind__in=list(EVENT_KINDS), request__requested_by__isnull=False
        )
        .select_related("request__requested_by")
        .order_by("-at")[:1000]
    )
    chosen: dict[str, list[RequestEvent]] = {channel: [] for channel in missing}
    tenants: set[int] = set()
    for event in events:
        tenant = event.request.requested_by
        if tenant.pk in tenants:
            continue
        for channel in missing:
            wanted = channel in (tenant.preferred_channels or [])
            room = len(chosen[channel]) < PER_CHANNEL
            if wanted and room and address_for(channel, tenant, event.request):
                chosen[channel].append(event)
                tenants.add(tenant.pk)
                break
    queued = 0
    for channel, picked in chosen.items():
        for event in picked:
            tenant, request = event.request.requested_by, event.request
            with transaction.atomic():
                _create(
                    channel=channel,
                    address=address_for(channel, tenant, request),
                    kind=EVENT_KINDS[event.kind],
                    tenant=tenant,
                    request=request,
                    event=event,
                    key_base=f"event-{event.pk}:tenant-{tenant.pk}",
                    context={
                        **request_context(request, event),
                        "postal_lines": postal_lines(tenant, request),
                    },
                )
            queued += 1
    return queued
