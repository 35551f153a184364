"""The only code that changes a repair request's status.

One function per intent. Each checks the transition against `TRANSITIONS`, writes the request
and exactly one event in one transaction, and queues the notifications of that event in the
same transaction (the outbox), whatever the caller: web, caretaker sync, back office, ERP
import or API.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model
from django.db.models.base import ModelState
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agir.catalogue.models import CatalogueEntry, Responsibility, Urgency
from agir.catalogue.payer import who_pays
from agir.core.bulk import from_rows, insert_rows, new_instance, update_rows
from agir.estate.models import Building, CommonArea, Dwelling, Entrance, Lease, Site, Tenant

from . import commitments, references
from .models import (
    MAX_DESCRIPTION_LENGTH,
    EventKind,
    Origin,
    RepairRequest,
    RequestEvent,
    Status,
)
from .signals import events_written

S = Status

# intent -> (statuses it may start from, status it leads to); None keeps the status.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "submit": (frozenset({S.DRAFT}), S.SUBMITTED),
    "acknowledge": (frozenset({S.SUBMITTED, S.REOPENED}), S.ACKNOWLEDGED),
    "schedule": (frozenset({S.ACKNOWLEDGED, S.POSTPONED, S.REOPENED}), S.SCHEDULED),
    "postpone": (frozenset({S.SCHEDULED, S.IN_PROGRESS}), S.POSTPONED),
    "start": (frozenset({S.ACKNOWLEDGED, S.SCHEDULED, S.POSTPONED, S.REOPENED}), S.IN_PROGRESS),
    "finish": (frozenset({S.IN_PROGRESS}), S.DONE),
    "close": (frozenset({S.DONE}), S.CLOSED),
    "reject": (frozenset({S.SUBMITTED, S.ACKNOWLEDGED, S.REOPENED}), S.REJECTED),
    "cancel": (
        frozenset({S.DRAFT, S.SUBMITTED, S.ACKNOWLEDGED, S.SCHEDULED, S.POSTPONED, S.REOPENED}),
        S.CANCELLED,
    ),
    "reopen": (frozenset({S.DONE, S.CLOSED}), S.REOPENED),
    "comment": (frozenset(set(S) - {S.DRAFT}), None),
    # The caretaker's word from the spot: it adds to the history and never moves the status, so
    # a report made offline merges into a request that moved on meanwhile.
    "observe": (frozenset(set(S) - {S.DRAFT}), None),
    "report_visit": (frozenset(set(S) - {S.DRAFT}), None),
}

# The usual route from «submitted» to each status, as the back office takes it (the demo's
# history and the tests' personas walk it).
USUAL_PATHS: dict[str, list[str]] = {
    S.SUBMITTED: [],
    S.ACKNOWLEDGED: ["acknowledge"],
    S.SCHEDULED: ["acknowledge", "schedule"],
    S.POSTPONED: ["acknowledge", "schedule", "postpone"],
    S.IN_PROGRESS: ["acknowledge", "schedule", "start"],
    S.DONE: ["acknowledge", "schedule", "start", "finish"],
    S.CLOSED: ["acknowledge", "schedule", "start", "finish", "close"],
    S.REJECTED: ["reject"],
    S.CANCELLED: ["cancel"],
    S.REOPENED: ["acknowledge", "schedule", "start", "finish", "reopen"],
}

INTENT_EVENT = {
    "submit": EventKind.SUBMITTED,
    "acknowledge": EventKind.ACKNOWLEDGED,
    "schedule": EventKind.SCHEDULED,
    "postpone": EventKind.POSTPONED,
    "start": EventKind.STARTED,
    "finish": EventKind.FINISHED,
    "close": EventKind.CLOSED,
    "reject": EventKind.REJECTED,
    "cancel": EventKind.CANCELLED,
    "reopen": EventKind.REOPENED,
    "comment": EventKind.COMMENTED,
    "observe": EventKind.OBSERVED,
    "report_visit": EventKind.VISITED,
}


class LifecycleError(Exception):
    """A refused change. `str()` is for logs and API bodies; `user_message` for people."""

    user_message: str = ""


class TransitionNotAllowed(LifecycleError):
    def __init__(self, request: RepairRequest, intent: str) -> None:
        self.request = request
        self.intent = intent
        self.from_status = request.status
        super().__init__(
            f"cannot {intent} request {request.reference or request.pk} "
            f"in status {request.status!r}"
        )
        self.user_message = _(
            "Cette action n'est pas possible : la demande est « %(status)s »."
        ) % {"status": request.get_status_display()}


class InvalidRequest(LifecycleError):
    def __init__(self, message: str, user_message: str) -> None:
        super().__init__(message)
        self.user_message = user_message


def can(request: RepairRequest, intent: str) -> bool:
    return request.status in TRANSITIONS[intent][0]


def allowed_intents(request: RepairRequest) -> list[str]:
    return [intent for intent in TRANSITIONS if can(request, intent)]


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in person, or a named system (the ERP import, a rule)."""

    user: Any = None
    label: str = ""

    @classmethod
    def of(cls, user: Any) -> Actor:
        return cls(user=user, label=user.get_full_name() or user.get_username())

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(user=None, label=label)


@dataclass
class NewRequest:
    """What is needed to record a request, from any origin."""

    idempotency_key: uuid.UUID
    origin: str
    title: str = ""
    dwelling: Dwelling | None = None
    common_area: CommonArea | None = None
    catalogue_entry: CatalogueEntry | None = None
    description: str = ""
    requested_by: Tenant | None = None
    lease: Lease | None = None
    availability: list[str] = field(default_factory=list)
    access_notes: str = ""
    tenant_accepted_charge: bool = False
    responsibility: str | None = None
    urgency: str | None = None
    external_ref: str = ""


@dataclass(frozen=True)
class Submission:
    request: RepairRequest
    created: bool


def submit_new(
    new: NewRequest,
    *,
    actor: Actor,
    at: datetime | None = None,
    notify: bool = True,
) -> Submission:
    """Record and submit a request in one step.

    The idempotency key makes this safe to repeat: a second call with the same key returns the
    first request (created=False) and changes nothing.
    """

    when = at or timezone.now()

    def record(request: RepairRequest) -> None:
        # Inserted as submitted (see _create_once): no draft row to re-read and update.
        event = _new_event(request, EventKind.SUBMITTED, S.DRAFT, S.SUBMITTED, actor, when)
        event.save()
        if notify:
            from agir.notify.outbox import queue_for_event

            queue_for_event(event)

    return _create_once(new, actor=actor, at=at, then=record, submitted_at=when)


def save_draft(new: NewRequest, *, actor: Actor, at: datetime | None = None) -> Submission:
    """Keep a request that is not confirmed yet. A draft does not exist for the landlord."""

    def record(request: RepairRequest) -> None:
        _new_event(request, EventKind.CREATED, "", S.DRAFT, actor, at, public=False).save()

    return _create_once(new, actor=actor, at=at, then=record)


def _create_once(
    new: NewRequest,
    *,
    actor: Actor,
    at: datetime | None,
    then: Callable[[RepairRequest], None],
    submitted_at: datetime | None = None,
) -> Submission:
    """Insert the request and run `then` in one transaction, once per idempotency key.

    With `submitted_at`, the row is inserted already submitted, with its reference: the
    «submit» transition from the draft it never was, in one INSERT instead of an INSERT, a
    locked re-read and an UPDATE. `then` writes its event."""
    existing = RepairRequest.objects.filter(idempotency_key=new.idempotency_key).first()
    if existing is not None:
        return Submission(existing, created=False)
    try:
        with transaction.atomic():
            request = _build(new, actor=actor, at=at)
            if submitted_at is not None:
                request.status = S.SUBMITTED
                request.reference = _next_reference(submitted_at)
                request.submitted_at = submitted_at
                # The commitments' due dates, as the «submit» transition sets them.
                for name, value in commitments.due_fields(
                    "submit", request, {}, submitted_at
                ).items():
                    setattr(request, name, value)
            request.save()
            then(request)
    except IntegrityError:
        # Another process recorded the same key between our look-up and our insert.
        existing = RepairRequest.objects.filter(idempotency_key=new.idempotency_key).first()
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(request, created=True)


def submit(request: RepairRequest, *, actor: Actor, at: datetime | None = None) -> RequestEvent:
    """Confirm a draft: it gets its reference and the landlord sees it."""
    return _change(request, "submit", actor=actor, at=at)


def acknowledge(
    request: RepairRequest,
    *,
    actor: Actor,
    responsibility: str | None = None,
    urgency: str | None = None,
    message: str = "",
    responsibility_reason: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Take the request in hand (prise en compte), deciding responsibility and urgency.

    From then on who pays is the officer's decision (`responsibility`, with its reason), no
    longer the catalogue's «en principe»: see `agir.catalogue.payer.who_pays_for_request`.
    """
    fields: dict[str, Any] = {}
    if responsibility is not None:
        _check_choice(responsibility, Responsibility, "responsibility")
        fields["responsibility"] = responsibility
    reason = " ".join(responsibility_reason.split())
    if len(reason) > 500:
        raise InvalidRequest(
            "responsibility reason longer than 500 characters",
            _("La raison est trop longue : %(max)d caractères au plus.") % {"max": 500},
        )
    if reason:
        fields["responsibility_reason"] = reason
    if urgency is not None:
        _check_choice(urgency, Urgency, "urgency")
        fields["urgency"] = urgency
    fields.update(_handler(actor))
    return _change(
        request,
        "acknowledge",
        actor=actor,
        at=at,
        message=message,
        notify=notify,
        fields=fields,
        stamp="acknowledged_at",
        data={key: str(value) for key, value in fields.items() if key != "handled_by"},
    )


def schedule(
    request: RepairRequest,
    *,
    actor: Actor,
    start: datetime,
    end: datetime,
    message: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Set the visit: from `start` to `end` (a half-day, or a precise slot)."""
    _check_slot(start, end)
    return _change(
        request,
        "schedule",
        actor=actor,
        at=at,
        message=message,
        notify=notify,
        fields={"planned_start": start, "planned_end": end},
        data={"start": start.isoformat(), "end": end.isoformat()},
    )


def postpone(
    request: RepairRequest,
    *,
    actor: Actor,
    reason: str,
    new_start: datetime | None = None,
    new_end: datetime | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Put the visit off, with the reason the tenant will hear, and the new slot when known."""
    _require_text(reason, "reason", _("Indiquez la raison du report."))
    data: dict[str, Any] = {"previous_start": _iso(request.planned_start)}
    fields: dict[str, Any] = {"planned_start": None, "planned_end": None}
    if new_start is not None and new_end is not None:
        _check_slot(new_start, new_end)
        fields = {"planned_start": new_start, "planned_end": new_end}
        data |= {"start": new_start.isoformat(), "end": new_end.isoformat()}
    return _change(
        request,
        "postpone",
        actor=actor,
        at=at,
        message=reason,
        notify=notify,
        fields=fields,
        data=data,
    )


def start(
    request: RepairRequest, *, actor: Actor, at: datetime | None = None, notify: bool = True
) -> RequestEvent:
    return _change(request, "start", actor=actor, at=at, notify=notify)


def finish(
    request: RepairRequest,
    *,
    actor: Actor,
    message: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    return _change(
        request, "finish", actor=actor, at=at, message=message, notify=notify, stamp="done_at"
    )


def close(
    request: RepairRequest,
    *,
    actor: Actor,
    message: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    return _change(
        request, "close", actor=actor, at=at, message=message, notify=notify, stamp="closed_at"
    )


def reject(
    request: RepairRequest,
    *,
    actor: Actor,
    reason: str,
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    _require_text(reason, "reason", _("Indiquez la raison du refus."))
    return _change(request, "reject", actor=actor, at=at, message=reason, notify=notify)


def cancel(
    request: RepairRequest,
    *,
    actor: Actor,
    reason: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    return _change(request, "cancel", actor=actor, at=at, message=reason, notify=notify)


def reopen(
    request: RepairRequest,
    *,
    actor: Actor,
    reason: str,
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """The problem is back or was never fixed («ce n'est pas réparé»)."""
    _require_text(reason, "reason", _("Dites-nous ce qui ne va pas."))
    return _change(
        request,
        "reopen",
        actor=actor,
        at=at,
        message=reason,
        notify=notify,
        fields={"done_at": None, "closed_at": None},
    )


def comment(
    request: RepairRequest,
    *,
    actor: Actor,
    message: str,
    public: bool = True,
    at: datetime | None = None,
    notify: bool = True,
    data: dict[str, Any] | None = None,
) -> RequestEvent:
    """Add a message to the history; an internal one (public=False) is for staff only."""
    _require_text(message, "message", _("Le message est vide."))
    return _change(
        request,
        "comment",
        actor=actor,
        at=at,
        message=message,
        public=public,
        notify=notify,
        data=data,
    )


def observe(
    request: RepairRequest,
    *,
    actor: Actor,
    message: str = "",
    at: datetime | None = None,
    data: dict[str, Any] | None = None,
) -> RequestEvent:
    """The caretaker saw the problem on the spot («constaté»)."""
    return _change(request, "observe", actor=actor, at=at, message=message, data=data)


def report_visit(
    request: RepairRequest,
    *,
    actor: Actor,
    message: str,
    at: datetime | None = None,
    data: dict[str, Any] | None = None,
) -> RequestEvent:
    """The caretaker went to the place and says what they found."""
    _require_text(message, "message", _("Dites ce que vous avez constaté sur place."))
    return _change(request, "report_visit", actor=actor, at=at, message=message, data=data)


# --- the one place where a status changes ------------------------------------------------


def _change(
    request: RepairRequest,
    intent: str,
    *,
    actor: Actor,
    at: datetime | None = None,
    message: str = "",
    public: bool = True,
    notify: bool = True,
    fields: dict[str, Any] | None = None,
    stamp: str | None = None,
    data: dict[str, Any] | None = None,
) -> RequestEvent:
    change = dict(
        actor=actor,
        when=at or timezone.now(),
        message=message,
        public=public,
        fields=fields,
        stamp=stamp,
        data=data,
    )
    batch = _batch.get()
    if batch is not None:
        return batch.change(request, intent, notify=notify, **change)
    with transaction.atomic():
        # Lock the row (PostgreSQL) and read the status as it is now, not as the caller saw it.
        current = RepairRequest.objects.select_for_update().get(pk=request.pk)
        changed, event = _transition(current, intent, **change)
        current.save(update_fields=[*changed, "updated_at"])
        event.save()
        if notify:
            from agir.notify.outbox import queue_for_event

            queue_for_event(event)
    for name, value in changed.items():
        setattr(request, name, value)
    request.updated_at = current.updated_at
    return event


def _transition(
    current: RepairRequest,
    intent: str,
    *,
    actor: Actor,
    when: datetime,
    message: str,
    public: bool,
    fields: dict[str, Any] | None,
    stamp: str | None,
    data: dict[str, Any] | None,
) -> tuple[dict[str, Any], RequestEvent]:
    """Check `intent` against `current`'s status and apply it to `current` in memory: the
    fields it changes, and its event, not saved yet."""
    allowed_from, to_status = TRANSITIONS[intent]
    if current.status not in allowed_from:
        raise TransitionNotAllowed(current, intent)
    from_status = current.status
    changed: dict[str, Any] = dict(fields or {})
    if to_status is not None and to_status != from_status:
        changed["status"] = to_status
    if stamp:
        changed[stamp] = when
    if intent == "submit":
        changed["reference"] = _next_reference(when)
        changed["submitted_at"] = when
    changed |= commitments.due_fields(intent, current, changed, when)
    for name, value in changed.items():
        setattr(current, name, value)
    event = _new_event(
        current,
        INTENT_EVENT[intent],
        from_status,
        to_status or from_status,
        actor,
        when,
        public=public,
        message=message,
        data=data or {},
    )
    return changed, event


# --- many changes at once: the ERP's import ---------------------------------------------------

_batch: contextvars.ContextVar[ChangeBatch | None] = contextvars.ContextVar(
    "lifecycle_batch", default=None
)


class ChangeBatch:
    """Changes to many requests written together: the same checks and the same rows as one
    change at a time, in a handful of queries for the lot (see `batch`)."""

    def __init__(self, requests: Iterable[RepairRequest]) -> None:
        self.current: dict[int, RepairRequest] = {r.pk: r for r in requests}
        self.changed: dict[int, set[str]] = {}
        self.events: list[tuple[RequestEvent, bool]] = []
        # Within `all_or_nothing`: each touched request's fields and changed names before.
        self._saved: dict[int, tuple[dict[str, Any], set[str]]] | None = None

    def change(
        self, request: RepairRequest, intent: str, *, notify: bool, **change: Any
    ) -> RequestEvent:
        current = self.current.get(request.pk)
        if current is None:
            raise ValueError(f"request {request.pk} was not loaded in the batch")
        if self._saved is not None and current.pk not in self._saved:
            self._saved[current.pk] = (
                dict(current.__dict__),
                set(self.changed.get(current.pk, ())),
            )
        changed, event = _transition(current, intent, **change)
        self.changed.setdefault(current.pk, set()).update(changed)
        if notify:
            # The message tells the request as it is at this event (its status, its visit),
            # not as it is when the batch is written: the event keeps a copy of it.
            _EVENT_REQUEST.set_cached_value(event, _snapshot(current))  # the same key
        self.events.append((event, notify))
        if current is not request:
            for name, value in changed.items():
                setattr(request, name, value)
        return event

    @contextmanager
    def all_or_nothing(self, *, writes: bool = True) -> Iterator[None]:
        """A unit of changes (one row of an import): when it raises, what it did in the batch
        and in the database is undone, and the rest of the batch stands.

        `writes=False` for a unit that only changes the batch (in memory): it needs no
        savepoint, and a query of it that would write raises `UnitWrites` instead."""
        self._saved, mark = {}, len(self.events)
        try:
            if writes:
                with transaction.atomic():
                    yield
            else:
                with connections[router.db_for_write(RepairRequest)].execute_wrapper(_no_writes):
                    yield
        except BaseException:
            for pk, (fields, changed) in self._saved.items():
                self.changed[pk] = changed
                self.current[pk].__dict__.update(fields)
            del self.events[mark:]
            raise
        finally:
            self._saved = None

    def write(self) -> list[RequestEvent]:
        from agir.notify.outbox import queue_for_events

        now = timezone.now()
        by_fields: dict[frozenset[str], list[RepairRequest]] = {}
        for pk, names in self.changed.items():
            if names:
                self.current[pk].updated_at = now
                by_fields.setdefault(frozenset(names), []).append(self.current[pk])
        for names, requests in by_fields.items():
            update_rows(requests, [*sorted(names), "updated_at"])
        events = [event for event, _notify in self.events]
        insert_rows(events, with_keys=True)
        events_written.send(sender=RequestEvent, events=events)
        queue_for_events([event for event, notify in self.events if notify])
        return events


def _snapshot(request: RepairRequest) -> RepairRequest:
    """A copy of `request` as it is now, with the related objects it holds (as `copy.copy`
    makes it, without the pickling protocol's detour)."""
    copied = type(request).__new__(type(request))
    copied.__dict__.update(request.__dict__)
    state = ModelState()
    state.__dict__.update((k, v) for k, v in request._state.__dict__.items() if k != "peers")
    state.fields_cache = dict(request._state.fields_cache)
    copied._state = state
    return copied


class UnitWrites(RuntimeError):
    """A unit of a batch declared without writes (no savepoint) sent a query that writes."""


def _no_writes(execute, sql, params, many, context):
    if sql.lstrip()[:6].upper() != "SELECT":
        raise UnitWrites(f"a unit declared without writes wrote: {sql[:80]}")
    return execute(sql, params, many, context)


@contextmanager
def batch(request_ids: Iterable[int]) -> Iterator[ChangeBatch]:
    """Change many requests in one transaction: the requests are locked and read in one query
    (`ChangeBatch.current`), each change is checked and applied in memory as `_change` would,
    then the requests, the events and their notifications are written in bulk when the block
    ends.

    Inside the block the lifecycle's functions return events not saved yet: they have their
    primary key once the block is over."""
    with transaction.atomic(), _language_and_zone_pinned():
        locked = _locked_for_batch(request_ids)
        changes = ChangeBatch(locked)
        token = _batch.set(changes)
        try:
            yield changes
        finally:
            _batch.reset(token)
        changes.write()


def _locked_for_batch(request_ids: Iterable[int]) -> list[RepairRequest]:
    """A batch's requests, locked and read in one query as rows, made into instances at once
    (`bulk.from_rows`), with what their events' notifications print: the requesters, the
    dwellings (their entrances, buildings and sites), the catalogue entries and the common
    areas, each read once for the lot (the requests of a batch share many of them) and given
    to the requests that hold them."""
    # The requests' table alone: its lock (PostgreSQL) is theirs, none on the places.
    queryset = (
        RepairRequest.objects.select_for_update()
        .filter(pk__in=list(request_ids))
        .values_list(*_REQUEST_NAMES)
    )
    rows = list(queryset)
    db = queryset.db
    requests = from_rows(RepairRequest, _REQUEST_NAMES, rows, db=db)
    held = {
        cache_name: (_read_by_key(model, {row[index] for row in rows}, db), index)
        for cache_name, model, index in _HELD
    }
    for row, request in zip(rows, requests, strict=True):
        cached = request._state.fields_cache
        for cache_name, (found, index) in held.items():
            cached[cache_name] = found.get(row[index])
    dwellings = held[_DWELLING][0].values()
    entrances = _read_by_key(Entrance, {d.entrance_id for d in dwellings}, db)
    buildings = _read_by_key(Building, {e.building_id for e in entrances.values()}, db)
    sites = _read_by_key(Site, {b.site_id for b in buildings.values()}, db)
    for dwelling in dwellings:
        _DWELLING_ENTRANCE.set_cached_value(dwelling, entrances.get(dwelling.entrance_id))
    for entrance in entrances.values():
        _ENTRANCE_BUILDING.set_cached_value(entrance, buildings.get(entrance.building_id))
    for building in buildings.values():
        _BUILDING_SITE.set_cached_value(building, sites.get(building.site_id))
    return requests


_REQUEST_NAMES = [f.attname for f in RepairRequest._meta.concrete_fields]
# The related objects a batch gives its requests: the name under which a request keeps each
# (`fields_cache`), its model, and the place of its key in a request's row.
_HELD = [
    (field.cache_name, field.related_model, _REQUEST_NAMES.index(field.attname))
    for field in (
        RepairRequest._meta.get_field(name)
        for name in ("requested_by", "dwelling", "catalogue_entry", "common_area")
    )
]
_DWELLING = RepairRequest._meta.get_field("dwelling").cache_name
_DWELLING_ENTRANCE = Dwelling._meta.get_field("entrance")
_ENTRANCE_BUILDING = Entrance._meta.get_field("building")
_BUILDING_SITE = Building._meta.get_field("site")


def _read_by_key(model: type[Model], keys: set[int | None], db: str) -> dict[int, Any]:
    """The rows of `model` of these primary keys (None left out), by key, as instances."""
    keys = keys - {None}
    if not keys:
        return {}
    names = [f.attname for f in model._meta.concrete_fields]
    rows = model._base_manager.using(db).filter(pk__in=keys).values_list(*names)
    return {instance.pk: instance for instance in from_rows(model, names, rows, db=db)}


@contextmanager
def _language_and_zone_pinned() -> Iterator[None]:
    """The current language and time zone activated for the block, as they are: Django looks
    them up at each translation and local time, and when none was activated (a command, a
    task) each look-up first misses, a few microseconds each, several times a change."""
    language = translation.get_language()
    with timezone.override(timezone.get_current_timezone()):
        if language is None:
            yield
        else:
            with translation.override(language):
                yield


def _new_event(
    request: RepairRequest,
    kind: str,
    from_status: str,
    to_status: str,
    actor: Actor,
    at: datetime | None,
    *,
    public: bool = True,
    message: str = "",
    data: dict[str, Any] | None = None,
) -> RequestEvent:
    """An event of `request`, not saved yet: saved at once by a single change, inserted with
    the others by a batch."""
    user = actor.user
    values = {
        "id": None,
        "request_id": request.pk,
        "kind": kind,
        "from_status": from_status,
        "to_status": to_status,
        "actor_id": user.pk if user is not None else None,
        "actor_label": actor.label,
        "at": at or timezone.now(),
        "public": public,
        "message": message,
        "data": data or {},
    }
    # Made from its columns at once (`bulk.new_instance`): a batch makes an event a change.
    event = new_instance(RequestEvent, values)
    _EVENT_REQUEST.set_cached_value(event, request)
    if user is not None:
        _EVENT_ACTOR.set_cached_value(event, user)
    return event


_EVENT_REQUEST = RequestEvent._meta.get_field("request")
_EVENT_ACTOR = RequestEvent._meta.get_field("actor")


def _next_reference(when: datetime) -> str:
    """The next `YYYY-NNNNNN` of the year, unique under concurrency (gaps allowed on rollback),
    without holding a lock for the rest of the transaction (see references.py)."""
    return references.next_reference(timezone.localtime(when).year)


def _build(new: NewRequest, *, actor: Actor, at: datetime | None) -> RepairRequest:
    if (new.dwelling is None) == (new.common_area is None):
        raise InvalidRequest(
            "a request concerns exactly one dwelling or one common area",
            _("Indiquez le logement ou la partie commune concernée."),
        )
    _check_choice(new.origin, Origin, "origin")
    if len(new.description) > MAX_DESCRIPTION_LENGTH:
        raise InvalidRequest(
            f"description longer than {MAX_DESCRIPTION_LENGTH} characters",
            _("La description est trop longue : %(max)d caractères au plus.")
            % {"max": MAX_DESCRIPTION_LENGTH},
        )
    entry = new.catalogue_entry
    if entry is None and not new.title.strip():
        raise InvalidRequest(
            "a request needs a catalogue entry or a title",
            _("Dites-nous quel est le problème."),
        )
    # Who pays «en principe», with the place's contracts: the officer decides on taking it in hand.
    on = timezone.localdate(at) if at is not None else None
    suggested_responsibility = who_pays(entry, new.common_area or new.dwelling, on=on).payer
    suggested_urgency = entry.urgency if entry else Urgency.NORMAL
    if new.common_area is not None:
        building = _common_area_building(new.common_area)
    else:
        building = new.dwelling.entrance.building
    return RepairRequest(
        status=S.DRAFT,
        building=building,
        dwelling=new.dwelling,
        common_area=new.common_area,
        lease=new.lease,
        catalogue_entry=entry,
        title=(new.title.strip() or entry.title)[:120],
        description=new.description.strip(),
        suggested_responsibility=suggested_responsibility,
        responsibility=new.responsibility or suggested_responsibility,
        tenant_accepted_charge=new.tenant_accepted_charge,
        suggested_urgency=suggested_urgency,
        urgency=new.urgency or suggested_urgency,
        origin=new.origin,
        entered_by=actor.user,
        requested_by=new.requested_by,
        availability=list(new.availability),
        access_notes=new.access_notes.strip(),
        idempotency_key=new.idempotency_key,
        external_ref=new.external_ref,
    )


def _common_area_building(area: CommonArea):
    if area.entrance_id:
        return area.entrance.building
    if area.building_id:
        return area.building
    # A site-wide area is filed under the site's first building, for sector routing.
    building = area.site.buildings.order_by("code").first()
    if building is None:
        raise InvalidRequest(
            f"site {area.site_id} has no building",
            _("Cette partie commune n'est rattachée à aucun bâtiment."),
        )
    return building


def _check_choice(value: str, choices: Any, name: str) -> None:
    if value not in choices.values:
        raise InvalidRequest(f"unknown {name}: {value!r}", _("Valeur inconnue."))


def _check_slot(start: datetime, end: datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise InvalidRequest("visit times must be timezone-aware", _("Horaire invalide."))
    if end <= start:
        raise InvalidRequest(
            "visit must end after it starts", _("La fin du créneau doit suivre son début.")
        )


def _require_text(value: str, name: str, user_message: str) -> None:
    if not value or not value.strip():
        raise InvalidRequest(f"{name} is required", user_message)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def public_events(request: RepairRequest) -> Iterable[RequestEvent]:
    return request.events.filter(public=True).order_by("-at", "-id")


# --- the back office's decisions: taking in hand with a reason, merging, rejecting ----------


def answers_changed(request: RepairRequest, *, responsibility: str, urgency: str) -> list[str]:
    """Which of the answers given at entry the officer departs from: who pays as the catalogue
    and the place's contracts say it «en principe» (agir.catalogue.payer), and the urgency the
    tenant's entry carries. Such a change must be explained (`take_in_hand`)."""
    place = request.common_area or request.dwelling or request.building
    changed = []
    if responsibility != who_pays(request.catalogue_entry, place).payer:
        changed.append("responsibility")
    if urgency != request.urgency:
        changed.append("urgency")
    return changed


def take_in_hand(
    request: RepairRequest,
    *,
    actor: Actor,
    responsibility: str,
    urgency: str,
    reason: str = "",
    message: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Take the request in hand (prise en compte) deciding who pays and how urgent it is.

    When the officer departs from the entry's answers (who pays «en principe», the urgency),
    the reason is required and kept in the event, with the answers it replaces; the tenant
    reads the reason about who pays on their timeline.
    """
    _check_choice(responsibility, Responsibility, "responsibility")
    _check_choice(urgency, Urgency, "urgency")
    reason = " ".join(reason.split())
    if len(reason) > 500:
        raise InvalidRequest(
            "reason longer than 500 characters",
            _("La raison est trop longue : %(max)d caractères au plus.") % {"max": 500},
        )
    changed = answers_changed(request, responsibility=responsibility, urgency=urgency)
    if changed and not reason:
        raise InvalidRequest(
            f"changing {', '.join(changed)} needs a reason",
            _(
                "Vous changez la réponse donnée à l'enregistrement (qui paie ou urgence) : "
                "dites pourquoi."
            ),
        )
    place = request.common_area or request.dwelling or request.building
    fields: dict[str, Any] = {"responsibility": responsibility, "urgency": urgency}
    fields["responsibility_reason"] = reason if "responsibility" in changed else ""
    fields.update(_handler(actor))
    data = {
        "responsibility": responsibility,
        "urgency": urgency,
        "responsibility_reason": fields["responsibility_reason"],
        "changed": changed,
        "reason": reason,
        "entry_responsibility": who_pays(request.catalogue_entry, place).payer,
        "entry_urgency": request.urgency,
    }
    return _change(
        request,
        "acknowledge",
        actor=actor,
        at=at,
        message=message,
        notify=notify,
        fields=fields,
        stamp="acknowledged_at",
        data=data,
    )


def _handler(actor: Actor) -> dict[str, Any]:
    """The officer who takes a request in hand handles it from then on («mes demandes»)."""
    if actor.user is not None and getattr(actor.user, "is_back_office", False):
        return {"handled_by": actor.user}
    return {}


def merge(
    duplicate: RepairRequest,
    *,
    into: RepairRequest,
    actor: Actor,
    message: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Close `duplicate` as a duplicate of `into` (cancelled, with where it went): its tenant
    joins `into` as a follower (agir.repairs.followers) and is told; `into` keeps an internal
    note of it. Returns the duplicate's event."""
    from .models import RequestFollower

    if duplicate.pk == into.pk:
        raise InvalidRequest(
            "a request cannot be merged into itself",
            _("Choisissez une autre demande que celle-ci."),
        )
    into.refresh_from_db()
    if not into.is_open:
        raise InvalidRequest(
            f"request {into.reference} is not open",
            _("La demande n° %(reference)s n'est plus en cours : choisissez une demande ouverte.")
            % {"reference": into.reference},
        )
    if duplicate.building_id != into.building_id:
        raise InvalidRequest(
            "requests of different buildings cannot be merged",
            _("Les deux demandes ne concernent pas le même immeuble."),
        )
    told = _(
        "Votre demande n° %(duplicate)s concerne le même problème que la demande "
        "n° %(survivor)s, déjà en cours. Nous les avons réunies : vous serez informé(e) de "
        "l'avancement de la demande n° %(survivor)s."
    ) % {"duplicate": duplicate.reference, "survivor": into.reference}
    extra = message.strip()
    text = f"{told}\n\n{extra}" if extra else told
    with transaction.atomic():
        event = _change(
            duplicate,
            "cancel",
            actor=actor,
            at=at,
            message=text,
            notify=False,
            data={"merged_into": into.reference, "merged_into_code": str(into.code)},
        )
        tenant = duplicate.requested_by
        if tenant is not None and tenant.pk != into.requested_by_id:
            RequestFollower.objects.get_or_create(request=into, tenant=tenant)
        _change(
            into,
            "comment",
            actor=actor,
            at=at,
            public=False,
            notify=False,
            message=_("La demande n° %(duplicate)s (%(name)s) a été réunie à celle-ci.")
            % {
                "duplicate": duplicate.reference,
                "name": tenant.full_name if tenant else _("sans locataire"),
            },
            data={"merged_from": duplicate.reference},
        )
        if notify and tenant is not None:
            from agir.notify.kinds import MessageKind
            from agir.notify.outbox import queue, request_context

            queue(
                MessageKind.LANDLORD_MESSAGE,
                tenant,
                request=duplicate,
                event=event,
                key_base=f"event-{event.pk}:tenant-{tenant.pk}",
                context=request_context(duplicate, event),
            )
    return event


def reject_with_advice(
    request: RepairRequest,
    *,
    actor: Actor,
    reason: str,
    price: Any = None,
    at: datetime | None = None,
    notify: bool = True,
) -> RequestEvent:
    """Reject the request with its reason. When it is a tenant repair (who pays as decided, or
    «en principe»: agir.catalogue.payer), the tenant is also told what to do, and the price
    the landlord would charge to do it: `price` when the tenant asked for it, otherwise how
    to ask."""
    from agir.catalogue.payer import who_pays_for_request

    _require_text(reason, "reason", _("Indiquez la raison du refus."))
    reason = reason.strip()
    if who_pays_for_request(request).payer != Responsibility.TENANT:
        return reject(request, actor=actor, reason=reason, at=at, notify=notify)
    entry = request.catalogue_entry
    parts = [reason, _tenant_repair_advice(entry)]
    data: dict[str, Any] = {"tenant_repair": True}
    if price is not None:
        if price <= 0:
            raise InvalidRequest("price must be positive", _("Le prix doit être positif."))
        amount = f"{price:.2f}".replace(".", ",")
        parts.append(
            _(
                "Vous nous avez demandé notre prix : si vous préférez que le bailleur fasse la "
                "réparation, elle vous sera facturée %(amount)s € TTC. Répondez à ce message "
                "pour l'accepter."
            )
            % {"amount": amount}
        )
        data["price"] = f"{price:.2f}"
    else:
        parts.append(
            _(
                "Si vous préférez que le bailleur fasse la réparation, à vos frais, répondez à "
                "ce message : nous vous dirons son prix."
            )
        )
    return _change(
        request,
        "reject",
        actor=actor,
        at=at,
        message="\n\n".join(parts),
        notify=notify,
        data=data,
    )


def _tenant_repair_advice(entry: CatalogueEntry | None) -> str:
    said = _(
        "Cette réparation est à votre charge (réparation locative, décret n° 87-712) : vous "
        "pouvez la faire vous-même ou la confier à l'artisan de votre choix."
    )
    if entry is not None and entry.advice.strip():
        return f"{said}\n{entry.advice.strip()}"
    return said
