"""Years of requests, their events and their notifications, day by day, in bulk.

About one request a dwelling a year; a quarter of them on a common area. Each request walks
the back office's usual path (`lifecycle.USUAL_PATHS`) to a status drawn by its age, as the demo
does, with one event a step and, for the steps the tenant hears about, one notification on the
tenant's first channel. Reference numbers run per year in the order of submission, as
`repairs.references` gives them.

Written as rows, not through `repairs.lifecycle`: the lifecycle takes ~50 queries a request,
which is hours at millions of requests. What the rows hold follows what the lifecycle writes
(the tests compare a seeded request's shape with the lifecycle's).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection

from agir.catalogue.models import CatalogueEntry, PlaceScope
from agir.demo.seed import OLD_OUTCOMES, POSTPONE_REASONS, RECENT_OUTCOMES, REJECT_REASONS
from agir.notify.kinds import EVENT_KINDS
from agir.notify.models import Notification
from agir.repairs.commitments import awaited, current_terms, due_dates
from agir.repairs.lifecycle import INTENT_EVENT, TRANSITIONS, USUAL_PATHS
from agir.repairs.models import Origin, RepairRequest, RequestEvent, Status

from .estate import Estate
from .quality import Quality
from .writer import Dialect, Table, next_id

REQUEST_COLUMNS = [
    "id",
    "code",
    "reference",
    "status",
    "building_id",
    "dwelling_id",
    "common_area_id",
    "lease_id",
    "catalogue_entry_id",
    "title",
    "description",
    "suggested_responsibility",
    "responsibility",
    "responsibility_reason",
    "tenant_accepted_charge",
    "suggested_urgency",
    "urgency",
    "origin",
    "entered_by_id",
    "requested_by_id",
    "availability",
    "access_notes",
    "planned_start",
    "planned_end",
    "idempotency_key",
    "external_ref",
    "created_at",
    "submitted_at",
    "acknowledged_at",
    "done_at",
    "closed_at",
    "updated_at",
    "take_in_hand_due",
    "intervention_due",
    "next_due",
]
EVENT_COLUMNS = [
    "id",
    "request_id",
    "kind",
    "from_status",
    "to_status",
    "actor_id",
    "actor_label",
    "at",
    "public",
    "message",
    "data",
]
NOTIFICATION_COLUMNS = [
    "id",
    "code",
    "request_id",
    "event_id",
    "tenant_id",
    "recipient_name",
    "address",
    "channel",
    "template",
    "context",
    "idempotency_key",
    "state",
    "attempts",
    "next_attempt_at",
    "claimed_until",
    "claim_token",
    "last_error",
    "provider_id",
    "created_at",
    "sent_at",
    "delivered_at",
    "fallback_of_id",
    "artifact",
    "print_batch_id",
]
DESCRIPTIONS = ["", "Depuis hier soir.", "Ça empire depuis une semaine.", "Merci d'appeler avant."]
STAMPS = {"acknowledge": "acknowledged_at", "finish": "done_at", "close": "closed_at"}
# How long the back office takes over a request's whole path, at most.
PATH_SPAN = timedelta(days=40)


def build(
    rng: random.Random,
    estate: Estate,
    years: int,
    now: datetime,
    log: Callable[[str], None],
    answers: random.Random,
) -> dict[str, int]:
    """The history's rows, with each submitted request's fact and some surveys (`answers`
    draws the surveys, apart from `rng`, so that the rest stays as the seed number gives it)."""
    d = Dialect()
    quality = Quality(
        d,
        estate.contracts,
        estate.site_of_building,
        estate.sector_of_building,
        answers,
        now,
    )
    terms = current_terms()
    entries = list(CatalogueEntry.objects.active())
    dwelling_entries = [e for e in entries if e.place.scope == PlaceScope.DWELLING]
    common_by_kind: dict[str, list[CatalogueEntry]] = {}
    for entry in entries:
        if entry.place.scope == PlaceScope.COMMON:
            common_by_kind.setdefault(entry.place.code, []).append(entry)
    common_entries = [e for es in common_by_kind.values() for e in es]

    requests = Table(RepairRequest, REQUEST_COLUMNS)
    events = Table(RequestEvent, EVENT_COLUMNS)
    notifications = Table(Notification, NOTIFICATION_COLUMNS)
    request_id, event_id = next_id(RepairRequest), next_id(RequestEvent)
    notification_id = next_id(Notification)
    homes, areas = estate.homes, estate.areas
    officers = estate.officer_ids
    availability = d.json(["lundi matin", "mercredi après-midi"])
    empty = d.json({})
    no_data: dict = {}
    numbers: dict[int, int] = {}
    per_day = len(homes) / 365
    days = 365 * years
    start_day = now - timedelta(days=days)
    t = d.dt
    true, false = d.bool(True), d.bool(False)

    for day in range(days):
        count = int(per_day) + (1 if rng.random() < per_day % 1 else 0)
        day_start = start_day + timedelta(days=day)
        moments = sorted(rng.random() for _ in range(count))
        for fraction in moments:
            submitted = day_start + timedelta(days=fraction)
            if submitted >= now:
                continue
            age = now - submitted
            outcomes = RECENT_OUTCOMES if age.days < 30 else OLD_OUTCOMES
            outcome = rng.choices([o for o, _ in outcomes], [w for _, w in outcomes])[0]
            home = rng.choice(homes)
            on_date = submitted.date()
            if home.lease_id and home.lease_start <= on_date:
                lease_id, tenant_id = home.lease_id, rng.choice(home.tenants)
            elif home.previous_lease_id:
                lease_id, tenant_id = home.previous_lease_id, home.previous_tenant
            else:
                lease_id = tenant_id = None
            dwelling_id, area_id = home.dwelling_id, None
            if rng.random() < 0.25:
                pool = (
                    estate.entrance_areas[home.entrance_id]
                    + estate.building_areas[home.building_id]
                    + estate.site_areas[home.site_id]
                )
                pk, kind, building_id, _entrance, _site = areas[rng.choice(pool)]
                area_id, dwelling_id = pk, None
                entry = rng.choice(common_by_kind.get(kind) or common_entries)
                if rng.random() < 0.4:
                    lease_id = tenant_id = None  # the caretaker saw it
            else:
                building_id = home.building_id
                entry = rng.choice(dwelling_entries)
            if tenant_id is None:
                origin = Origin.CARETAKER
                entered_by = estate.caretaker_user_by_sector[estate.sector_of_building[building_id]]
                requester = None
            else:
                requester = estate.tenants[tenant_id]
                origin = rng.choices(
                    [Origin.TENANT_WEB, Origin.PHONE, Origin.CARETAKER, Origin.COUNTER],
                    [55, 30, 10, 5],
                )[0]
                entered_by = requester[0] if origin == Origin.TENANT_WEB else rng.choice(officers)
            year = submitted.year
            numbers[year] = numbers.get(year, 0) + 1
            reference = f"{year}-{numbers[year]:06d}"
            rid = request_id
            request_id += 1
            code = d.uuid(rng.getrandbits(128))
            # Who pays «en principe», as submission sets it: the contract where one covers it.
            responsibility = quality.payer(building_id, entry, submitted)

            # The walk: one event a step, each a little later, never in the future.
            path = ["submit", *USUAL_PATHS[outcome]]
            span = min(age, PATH_SPAN) / (len(path) + 1)
            at = submitted
            status = Status.DRAFT
            stamps: dict[str, str] = {}
            planned_start = planned_end = None
            walked: list[tuple[str, datetime, dict]] = []  # (kind, at, data), for the fact
            clock = submitted  # the commitments' clocks start anew at a reopening
            for step, intent in enumerate(path):
                if step:
                    at = min(at + span * rng.uniform(0.3, 1.0), now - timedelta(minutes=5))
                to_status = TRANSITIONS[intent][1]
                message, data, payload = "", empty, no_data
                if intent == "schedule":
                    visit = (at + timedelta(days=rng.randint(1, 6))).replace(
                        hour=rng.choice([7, 13]), minute=0, second=0, microsecond=0
                    )
                    planned_start, planned_end = visit, visit + timedelta(hours=4)
                    payload = {"start": planned_start.isoformat(), "end": planned_end.isoformat()}
                    data = d.json(payload)
                elif intent == "postpone":
                    message = rng.choice(POSTPONE_REASONS)
                    planned_start = planned_end = None
                elif intent == "reject":
                    message = rng.choice(REJECT_REASONS)
                elif intent == "cancel":
                    message = "Annulée à la demande du locataire."
                elif intent == "finish":
                    message = "Intervention réalisée."
                elif intent == "reopen":
                    message = "Ça fuit de nouveau."
                    clock = at
                if intent in STAMPS:
                    stamps[STAMPS[intent]] = t(at)
                kind = INTENT_EVENT[intent]
                if intent == "submit":
                    actor, label = entered_by, "Demande"
                elif intent in {"start", "finish", "postpone"}:
                    actor, label = None, "Entreprise"
                elif intent == "reopen":
                    actor, label = None, "Locataire"
                else:
                    actor, label = rng.choice(officers), "Chargé(e) de clientèle"
                eid = event_id
                event_id += 1
                at_text = t(at)
                events.add(
                    (eid, rid, kind, status, to_status, actor, label, at_text, true, message, data)
                )
                walked.append((kind, at, payload))
                status = to_status
                template = EVENT_KINDS.get(kind)
                if template and requester is not None:
                    notifications.add(
                        _notification(
                            d,
                            rng,
                            notification_id,
                            rid,
                            eid,
                            tenant_id,
                            requester,
                            template,
                            reference,
                            entry.title,
                            home.number,
                            message,
                            at,
                            now,
                        )
                    )
                    notification_id += 1
            # The due dates as the lifecycle sets them (`commitments.due_fields`): the urgency
            # never changes on the seed's walk, so both run from the submission or the reopening.
            due = due_dates(clock, entry.urgency, terms)
            waits_on = awaited(status, due.take_in_hand, due.intervention)
            requests.add(
                (
                    rid,
                    code,
                    reference,
                    status,
                    building_id,
                    dwelling_id,
                    area_id,
                    lease_id,
                    entry.pk,
                    entry.title[:120],
                    rng.choice(DESCRIPTIONS),
                    responsibility,
                    responsibility,
                    "",
                    false,
                    entry.urgency,
                    entry.urgency,
                    origin,
                    entered_by,
                    tenant_id,
                    availability,
                    "",
                    t(planned_start) if planned_start else None,
                    t(planned_end) if planned_end else None,
                    d.uuid(rng.getrandbits(128)),
                    "",
                    t(submitted),
                    t(submitted),
                    stamps.get("acknowledged_at"),
                    stamps.get("done_at"),
                    stamps.get("closed_at"),
                    at_text,
                    t(due.take_in_hand),
                    t(due.intervention),
                    t(waits_on) if waits_on else None,
                )
            )
            quality.add(
                rid,
                submitted,
                building_id,
                entry,
                origin,
                responsibility,
                status,
                walked,
                acknowledged="acknowledged_at" in stamps,
                tenant_id=tenant_id,
                user_id=requester[0] if requester is not None else None,
            )
        if day % 365 == 364:
            log(f"  year {day // 365 + 1}: {requests.written + len(requests.pending)} requests")
    for table in (requests, events, notifications):
        table.flush()
    _counters(numbers)
    return {t.table: t.written for t in (requests, events, notifications)} | quality.flush()


def _notification(
    d: Dialect,
    rng,
    pk,
    rid,
    eid,
    tenant_id,
    requester,
    template,
    reference,
    title,
    number,
    message,
    at,
    now,
) -> tuple:
    _user, channel, address, name = requester
    age = now - at
    if age < timedelta(minutes=30):
        state, sent, delivered = "queued", None, None
    elif rng.random() < 0.02:
        state, sent, delivered = "failed", None, None
    elif channel == "email" or rng.random() < 0.1:
        state, sent, delivered = "sent", d.dt(at + timedelta(seconds=40)), None
    else:
        state = "delivered"
        sent, delivered = d.dt(at + timedelta(seconds=40)), d.dt(at + timedelta(minutes=2))
    context = d.json(
        {
            "reference": reference,
            "title": title,
            "place": f"Logement {number}",
            "status": template,
            "message": message,
        }
    )
    at_text = d.dt(at)
    return (
        pk,
        d.uuid(rng.getrandbits(128)),
        rid,
        eid,
        tenant_id,
        name,
        address,
        channel,
        template,
        context,
        f"event-{eid}:tenant-{tenant_id}:{channel}",
        state,
        0 if state == "queued" else 1,
        at_text,
        None,
        "",
        "permanent: address rejected" if state == "failed" else "",
        "",
        at_text,
        sent,
        delivered,
        None,
        "",
        None,
    )


def _counters(numbers: dict[int, int]) -> None:
    """Reference numbers go on after the seeded ones: SQLite's counter rows start from the
    highest reference given (references.highest_given); PostgreSQL's sequences are created
    when a year's first number is taken, from the same highest reference."""
    if connection.vendor == "postgresql":
        from agir.repairs.references import sequence_name

        with connection.cursor() as cursor:
            for year, last in numbers.items():
                cursor.execute(f"DROP SEQUENCE IF EXISTS {sequence_name(year)}")
                cursor.execute(f"CREATE SEQUENCE {sequence_name(year)} START WITH {last + 1}")
