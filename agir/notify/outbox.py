"""Queue notifications: for an event, in the transaction that writes the event; for a visit
reminder, from the periodic job; on the next channel when one fails for good."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from agir.catalogue.payer import contracts_remembered, who_pays_as_decided
from agir.catalogue.payer_words import words_for
from agir.core.bulk import insert_values
from agir.estate.models import Tenant
from agir.notify import quiet
from agir.notify.kinds import EVENT_KINDS, MessageKind
from agir.notify.models import Notification
from agir.notify.rules import known_for, plan, postal_lines, steps
from agir.notify.signals import notifications_queued
from agir.repairs.models import (
    EventKind,
    RepairRequest,
    RequestEvent,
    RequestFollower,
    Status,
)

log = logging.getLogger(__name__)

# Kept for the spine's callers: which template each event uses.
TEMPLATES = EVENT_KINDS
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
    if EVENT_KINDS.get(event.kind) is None or not event.public:
        return []
    return _queue_event(event, _followers(event))


def queue_for_events(events: list[RequestEvent]) -> int:
    """`queue_for_event` for many events (the lifecycle's batches): the same messages, with the
    look-ups they share made once (homes, rules, contracts, followers) and the rows inserted
    together, as rows rather than model instances. An idempotency key already queued is kept
    as it was, as `queue_for_event` keeps it. Returns the number of notifications built."""
    events = [e for e in events if EVENT_KINDS.get(e.kind) is not None and e.public]
    if not events:
        return 0
    following = [e.request_id for e in events if e.kind in FOLLOWER_EVENTS]
    followers: dict[int, list[Tenant]] = {}
    for follower in RequestFollower.objects.filter(request_id__in=following).select_related(
        "tenant"
    ):
        followers.setdefault(follower.request_id, []).append(follower.tenant)
    tenants = [e.request.requested_by for e in events if e.request.requested_by_id]
    tenants += [tenant for group in followers.values() for tenant in group]
    rows: list[dict[str, Any]] = []
    dwellings = [e.request.dwelling for e in events if e.request.dwelling_id]
    now = timezone.now()  # when the batch's messages are queued
    with known_for(tenants, dwellings), contracts_remembered():
        for event in events:
            request = event.request
            others = [
                t
                for t in followers.get(request.pk, [])
                if event.kind in FOLLOWER_EVENTS and t.pk != request.requested_by_id
            ]
            kind = EVENT_KINDS[event.kind]
            for tenant, context in _messages(event, others):
                row = _first_channel_values(
                    kind,
                    tenant,
                    request=request,
                    event=event,
                    key_base=_event_key_base(event, tenant),
                    context=context,
                    now=now,
                )
                if row is None:
                    continue
                for name, attname in _RELATED:  # the related rows' keys, not the rows
                    if name in row:
                        related = row.pop(name)
                        row[attname] = related.pk if related is not None else None
                rows.append(row)
    insert_values(Notification, rows, ignore_conflicts=True)
    if rows:
        transaction.on_commit(_wake_worker, robust=True)
    return len(rows)


def _queue_event(event: RequestEvent, followers: list[Tenant]) -> list[Notification]:
    kind = EVENT_KINDS[event.kind]
    notifications = []
    for tenant, context in _messages(event, followers):
        notification = queue(
            kind,
            tenant,
            request=event.request,
            event=event,
            key_base=_event_key_base(event, tenant),
            context=context,
        )
        if notification is not None:
            notifications.append(notification)
    return notifications


def _messages(event: RequestEvent, followers: list[Tenant]) -> Iterator[tuple[Tenant, dict]]:
    """Who is told of `event` (its requester, then `followers`), each with what they are told."""
    request = event.request
    recipients = [request.requested_by] if request.requested_by_id else []
    if event.kind == EventKind.COMMENTED and event.actor_id:
        # A tenant's own message is not sent back to them.
        recipients = [t for t in recipients if t.user_id != event.actor_id]
    if not recipients and not followers:
        return
    context = request_context(request, event)
    for tenant in recipients + followers:
        yield tenant, follower_context(context) if tenant in followers else context


def _event_key_base(event: RequestEvent, tenant: Tenant) -> str:
    return f"event-{event.pk}:tenant-{tenant.pk}"


# A notification's related rows, by field name and column attribute (`request`, `request_id`).
_RELATED = [(f.name, f.attname) for f in Notification._meta.concrete_fields if f.is_relation]


def _followers(event: RequestEvent) -> list[Tenant]:
    if event.kind not in FOLLOWER_EVENTS:
        return []
    return [
        follower.tenant
        for follower in event.request.followers.select_related("tenant")
        if follower.tenant_id != event.request.requested_by_id
    ]


def queue(
    kind: str,
    tenant: Tenant,
    *,
    request: RepairRequest | None,
    key_base: str,
    context: dict[str, Any],
    event: RequestEvent | None = None,
) -> Notification | None:
    """Queue `kind` for `tenant` on the first channel of its plan; None when no channel can
    reach them (or the rule is off)."""
    values = _first_channel_values(
        kind, tenant, request=request, event=event, key_base=key_base, context=context
    )
    return None if values is None else _saved(values)


def _first_channel_values(
    kind: str,
    tenant: Tenant,
    *,
    request: RepairRequest | None,
    event: RequestEvent | None,
    key_base: str,
    context: dict[str, Any],
    now: datetime | None = None,
) -> dict[str, Any] | None:
    """A new notification's fields on the first channel of the tenant's plan for `kind`; None
    when no channel can reach them (or the rule is off). `now`: when it is queued (default:
    now)."""
    # Built once: the letter channel's address and every message's context both print it.
    lines = postal_lines(tenant, request)
    first = next(steps(kind, tenant, request, lines=lines), None)
    if first is None:
        log.info("no channel reaches tenant %s for %s", tenant.pk, kind)
        return None
    channel, address = first
    return _values(
        channel=channel,
        address=address,
        kind=kind,
        tenant=tenant,
        request=request,
        event=event,
        key_base=key_base,
        context={**context, "postal_lines": lines},
        now=now,
    )


def fall_back(failed: Notification) -> Notification | None:
    """After a permanent failure: the same message to the same person on the next channel of
    the plan not tried yet, linked to the failed one. None when no channel is left."""
    if failed.tenant_id is None or failed.template == MessageKind.CHANNEL_TEST:
        return None
    already = Notification.objects.filter(fallback_of=failed).first()
    if already is not None:  # a report and the worker may both see the failure
        return already
    tried = set(
        Notification.objects.filter(idempotency_key__startswith=f"{failed.key_base}:").values_list(
            "channel", flat=True
        )
    )
    for channel, address in plan(failed.template, failed.tenant, failed.request):
        if channel in tried:
            continue
        log.info("notification %s falls back to %s", failed.pk, channel)
        return _create(
            channel=channel,
            address=address,
            kind=failed.template,
            tenant=failed.tenant,
            request=failed.request,
            event=failed.event,
            key_base=failed.key_base,
            context=failed.context,
            fallback_of=failed,
        )
    log.warning("notification %s failed and no channel is left", failed.pk)
    return None


def _values(
    *,
    channel: str,
    address: str,
    kind: str,
    tenant: Tenant,
    request: RepairRequest | None,
    event: RequestEvent | None,
    key_base: str,
    context: dict[str, Any],
    fallback_of: Notification | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """A new notification's fields, queued `now` (default: now)."""
    return {
        # The key names the message, the person and the channel: queuing the same thing twice
        # is a no-op, and providers deduplicate on it.
        "idempotency_key": f"{key_base}:{channel}",
        "request": request,
        "event": event,
        "tenant": tenant,
        "recipient_name": tenant.full_name,
        "address": address,
        "channel": channel,
        "template": kind,
        "context": context,
        # SMS and calls wait for the end of quiet hours.
        "next_attempt_at": quiet.next_allowed(channel, now or timezone.now()),
        "fallback_of": fallback_of,
    }


def _create(**given: Any) -> Notification:
    return _saved(_values(**given))


def _saved(values: dict[str, Any]) -> Notification:
    """The notification of `values`' idempotency key: inserted, or the one already queued.

    Inserted first and read only when the key is taken: a message is nearly always new, and
    `get_or_create` reads before it inserts (one query more on every message)."""
    key = values["idempotency_key"]
    try:
        with transaction.atomic():
            notification = Notification.objects.create(**values)
    except IntegrityError:
        already = Notification.objects.filter(idempotency_key=key).first()
        if already is None:  # another constraint than the key's
            raise
        return already
    # robust: if the queue is down, the periodic run sends it later.
    transaction.on_commit(_wake_worker, robust=True)
    return notification


# What a follower may be told of a neighbour's request: its progress (which request, its status,
# the visit's slot). Listed, not subtracted, so that a field added to the context later stays
# with the requester until someone decides a follower may see it.
FOLLOWER_FIELDS = (
    "reference",
    "title",
    "place",
    "status",
    "event_kind",
    "planned_start",
    "planned_end",
    "request_code",
)


def follower_context(context: dict[str, Any]) -> dict[str, Any]:
    """The requester's context cut down to the progress: no description the author wrote, no
    message or reason an officer wrote to the author."""
    kept = {name: context[name] for name in FOLLOWER_FIELDS if name in context}
    return {**kept, "description": "", "message": "", "follower": True}


def request_context(request: RepairRequest, event: RequestEvent | None = None) -> dict[str, Any]:
    return {
        "reference": request.reference,
        "title": request.title,
        "place": request.place_label,
        "description": request.description,
        "status": request.get_status_display(),
        "event_kind": event.kind if event else "",
        "message": event.message if event else "",
        "planned_start": request.planned_start.isoformat() if request.planned_start else None,
        "planned_end": request.planned_end.isoformat() if request.planned_end else None,
        "request_code": str(request.code),
        # Who pays, once decided by an officer: said with the same words as on the pages.
        "payer": _payer_words(request, event),
    }


def _payer_words(request: RepairRequest, event: RequestEvent | None) -> str:
    if event is None or event.kind != EventKind.ACKNOWLEDGED:
        return ""
    answer = who_pays_as_decided(request, event)
    return words_for(answer).plain() if answer is not None else ""


def queue_reminders() -> int:
    """Queue the reminder of each visit due within NOTIFY_REMINDER_HOURS, once per visit; a
    visit set within that window was just announced and gets none."""
    now = timezone.now()
    window = timedelta(hours=settings.NOTIFY_REMINDER_HOURS)
    visits = RepairRequest.objects.filter(
        # A visit put off to a new slot (a work order's appointment moved) is reminded too.
        status__in=[Status.SCHEDULED, Status.POSTPONED],
        planned_start__gt=now,
        planned_start__lte=now + window,
        requested_by__isnull=False,
    ).select_related("requested_by")
    queued = 0
    for request in visits:
        announced = (
            request.events.filter(kind__in=[EventKind.SCHEDULED, EventKind.POSTPONED])
            .order_by("-at")
            .values_list("at", flat=True)
        ).first()
        if announced and announced >= request.planned_start - window:
            continue
        with transaction.atomic():
            notification = queue(
                MessageKind.VISIT_REMINDER,
                request.requested_by,
                request=request,
                key_base=(
                    f"reminder-{request.pk}-{request.planned_start:%Y%m%dT%H%M}"
                    f":tenant-{request.requested_by_id}"
                ),
                context=request_context(request),
            )
        queued += notification is not None
    return queued


def choose_channel(tenant: Tenant) -> tuple[str, str] | None:
    """The channel an acknowledgement would take to reach the tenant (for pages that say
    how the tenant will be told)."""
    # The first channel that works: the others' addresses (a letter's costs a query) are not
    # worked out.
    return next(steps(MessageKind.REQUEST_SUBMITTED, tenant), None)


def _wake_worker() -> None:
    # The tasks module listens (apps.py): the outbox does not import the layer above it.
    notifications_queued.send(sender=Notification)
