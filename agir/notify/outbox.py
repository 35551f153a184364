"""Queue notifications for an event, in the transaction that writes the event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from agir.estate.models import Tenant
from agir.notify.channels import available_channels
from agir.notify.models import Notification
from agir.repairs.models import EventKind, RequestEvent

# Which events the tenant hears about, and with which template.
TEMPLATES = {
    EventKind.SUBMITTED: "request_submitted",
    EventKind.ACKNOWLEDGED: "request_acknowledged",
    EventKind.SCHEDULED: "visit_scheduled",
    EventKind.POSTPONED: "visit_postponed",
    EventKind.FINISHED: "work_done",
    EventKind.CLOSED: "request_closed",
    EventKind.REJECTED: "request_rejected",
    EventKind.COMMENTED: "landlord_message",
}
# What tenants who joined a common-area request («aussi concerné(e)») hear: its progress, not
# the messages exchanged with the tenant who made it.
FOLLOWER_EVENTS = frozenset(
    {
        EventKind.ACKNOWLEDGED,
        EventKind.SCHEDULED,
        EventKind.POSTPONED,
        EventKind.FINISHED,
        EventKind.CLOSED,
        EventKind.REJECTED,
    }
)


def queue_for_event(event: RequestEvent) -> list[Notification]:
    """Create the notifications `event` calls for; must run inside the event's transaction."""
    template = TEMPLATES.get(event.kind)
    if template is None or not event.public:
        return []
    request = event.request
    recipients = [request.requested_by] if request.requested_by_id else []
    if event.kind == EventKind.COMMENTED and event.actor_id:
        # A tenant's own message is not sent back to them.
        recipients = [t for t in recipients if t.user_id != event.actor_id]
    followers = _followers(event)
    recipients += followers
    notifications = []
    now = timezone.now()
    for tenant in recipients:
        choice = choose_channel(tenant)
        if choice is None:
            continue
        channel, address = choice
        notifications.append(
            Notification(
                request=request,
                event=event,
                tenant=tenant,
                recipient_name=tenant.full_name,
                address=address,
                channel=channel,
                template=template,
                context=_context(event) | ({"follower": True} if tenant in followers else {}),
                idempotency_key=f"event-{event.pk}:tenant-{tenant.pk}:{channel}",
                next_attempt_at=now,
            )
        )
    if notifications:
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)
        # robust: if the queue is down, the periodic run sends it later.
        transaction.on_commit(_wake_worker, robust=True)
    return notifications


def _followers(event: RequestEvent) -> list[Tenant]:
    if event.kind not in FOLLOWER_EVENTS:
        return []
    return [
        follower.tenant
        for follower in event.request.followers.select_related("tenant")
        if follower.tenant_id != event.request.requested_by_id
    ]


def choose_channel(tenant: Tenant) -> tuple[str, str] | None:
    """The first channel the tenant prefers that is available and has an address."""
    addresses = {
        "email": tenant.email,
        "sms": tenant.mobile_phone,
        "voice": tenant.mobile_phone or tenant.landline_phone,
        "fax": tenant.fax,
    }
    preferences = [*(tenant.preferred_channels or []), "email"]
    for channel in preferences:
        if channel in available_channels() and addresses.get(channel):
            return channel, addresses[channel]
    return None


def _context(event: RequestEvent) -> dict:
    request = event.request
    return {
        "reference": request.reference,
        "title": request.title,
        "place": request.place_label,
        "status": request.get_status_display(),
        "event_kind": event.kind,
        "message": event.message,
        "planned_start": request.planned_start.isoformat() if request.planned_start else None,
        "planned_end": request.planned_end.isoformat() if request.planned_end else None,
        "request_code": str(request.code),
    }


def _wake_worker() -> None:
    from agir.notify.tasks import send_notifications

    send_notifications.enqueue()
