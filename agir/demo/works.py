"""The work orders of the demo's year of history.

Each request the officer took in hand got its work order when it was taken in hand: to the
holder of the maintenance contract in force there (proposed as in the back office), else to the
sector's caretaker or the landlord's technician. What happened to the request since (visit set,
put off, done, reopened) is what the order's answers and visit reports say. So the contractor's
login («prestataire») opens on real work orders in every state, the officer's «Bons de travaux»
has orders to chase, and the caretaker's phone has work orders of their own.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from agir.accounts.models import User
from agir.estate.models import Caretaker
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind, RepairRequest, RequestEvent, Status
from agir.works import orders, overdue
from agir.works.models import Assignee, OrderCounter, OrderStatus, VisitReport, WorkOrder

S = Status
WITH_ORDER = {S.ACKNOWLEDGED, S.SCHEDULED, S.POSTPONED, S.IN_PROGRESS, S.DONE, S.CLOSED, S.REOPENED}
TECHNICIAN = "Luc Marchal (régie)"
REFUSALS = [
    "Pas de technicien disponible avant trois semaines.",
    "Hors de notre zone d'intervention.",
]
JOBS = {
    S.DONE: "Intervention réalisée, essai concluant.",
    S.CLOSED: "Réparé. Pièce remplacée, essai en présence du locataire.",
}
NOT_DONE = "Personne n'était présent au rendez-vous."


def seed_works(now: datetime, log=print) -> None:
    rng = random.Random(9)
    officer = User.objects.get(username="agent")
    caretakers = {
        sector_id: caretaker
        for caretaker in Caretaker.objects.prefetch_related("sectors").select_related("user")
        for sector_id in caretaker.sectors.values_list("pk", flat=True)
    }
    requests = (
        RepairRequest.objects.filter(status__in=WITH_ORDER, acknowledged_at__isnull=False)
        .select_related("building", "dwelling__entrance__building", "common_area", "requested_by")
        .select_related("catalogue_entry__equipment")
        .prefetch_related(
            Prefetch("events", queryset=RequestEvent.objects.order_by("at", "id"), to_attr="story")
        )
        .order_by("acknowledged_at")
    )
    made: list[WorkOrder] = []
    reports: list[tuple[WorkOrder, dict]] = []
    for request in requests:
        if request.status == S.ACKNOWLEDGED and rng.random() < 0.35:
            continue  # still waiting to be ordered: the officer's work of the day
        offered = orders.proposal(request, on=timezone.localdate(request.acknowledged_at))
        after = _after_acknowledged(request)
        ordered_at = request.acknowledged_at + (after - request.acknowledged_at) * 0.3
        common = {
            "request": request,
            "job": _job(request),
            "place": orders._place(request),
            "access_notes": request.access_notes,
            "availability": list(request.availability) if request.dwelling_id else [],
            "tenant_name": request.requested_by.full_name
            if request.dwelling_id and request.requested_by
            else "",
            "tenant_phone": orders._phone(request.requested_by)
            if request.dwelling_id and request.requested_by
            else "",
            "target_date": orders.target_date(request),
            "ordered_by": officer,
        }
        if offered.contractor is not None:
            who = {
                "assignee": Assignee.CONTRACTOR,
                "contractor": offered.contractor,
                "contract": offered.contract,
            }
        elif request.building.sector_id in caretakers and rng.random() < 0.4:
            caretaker = caretakers[request.building.sector_id]
            who = {"assignee": Assignee.CARETAKER, "caretaker": caretaker}
        else:
            who = {"assignee": Assignee.TECHNICIAN, "technician": TECHNICIAN}
        if who["assignee"] == Assignee.CONTRACTOR and rng.random() < 0.06:
            # A first contractor said no; the officer gave it to the technician instead.
            refused = WorkOrder(
                **common,
                **who,
                ordered_at=ordered_at,
                status=OrderStatus.REFUSED,
                answered_at=ordered_at + timedelta(hours=3),
                refusal_reason=rng.choice(REFUSALS),
                link_version=2,
            )
            made.append(refused)
            ordered_at += timedelta(hours=4)
            who = {"assignee": Assignee.TECHNICIAN, "technician": TECHNICIAN}
        order = WorkOrder(**common, **who, ordered_at=ordered_at)
        _answered(order, request, rng, reports)
        made.append(order)
    made.sort(key=lambda o: o.ordered_at)
    _number(made)
    WorkOrder.objects.bulk_create(made)
    VisitReport.objects.bulk_create(
        VisitReport(work_order=order, **fields) for order, fields in reports
    )
    fresh = _fresh_orders(rng, now, officer)
    flagged = overdue.flag_past_visits(now)
    log(f"  work orders: {len(made) + fresh}, visit reports: {len(reports)}, flagged: {flagged}")


def _after_acknowledged(request: RepairRequest) -> datetime:
    """The next thing that happened after the request was taken in hand (or now)."""
    for event in request.story:
        if event.at > request.acknowledged_at and event.kind != EventKind.COMMENTED:
            return event.at
    return min(timezone.now(), request.acknowledged_at + timedelta(days=1))


def _job(request: RepairRequest) -> str:
    text = request.title
    if request.description:
        text += f"\n{request.description}"
    return text


def _answered(order: WorkOrder, request: RepairRequest, rng: random.Random, reports) -> None:
    """The order's answers, as the request's history tells them."""
    story = request.story
    scheduled = next((e for e in story if e.kind == EventKind.SCHEDULED), None)
    finished = next((e for e in story if e.kind == EventKind.FINISHED), None)
    if scheduled is None and request.status == S.ACKNOWLEDGED:
        if rng.random() < 0.5:
            order.status = OrderStatus.ACCEPTED
            order.answered_at = order.ordered_at + timedelta(hours=rng.randint(1, 20))
        return
    order.status = OrderStatus.ACCEPTED
    order.answered_at = scheduled.at if scheduled else order.ordered_at + timedelta(hours=2)
    by = order.assignee_label
    for event in story:
        if event.kind == EventKind.POSTPONED and event.message == NOT_DONE:
            reports.append(
                (
                    order,
                    _report(event.at, by, done=False, reason=NOT_DONE),
                )
            )
    if finished is not None:
        order.status = OrderStatus.DONE
        order.finished_at = finished.at
        order.link_version = 2
        reports.append((order, _report(finished.at, by, done=True, notes=JOBS[S.DONE])))


def _report(at: datetime, by: str, *, done: bool, reason: str = "", notes: str = "") -> dict:
    return {
        "done": done,
        "reason": reason,
        "notes": notes,
        "visited_on": timezone.localtime(at).date(),
        "reported_by": by,
        "reported_at": at,
    }


def _number(made: list[WorkOrder]) -> None:
    last: dict[int, int] = dict(OrderCounter.objects.values_list("year", "last_number"))
    for order in made:
        year = timezone.localtime(order.ordered_at).year
        last[year] = last.get(year, 0) + 1
        order.number = f"BT-{year}-{last[year]:05d}"
    for year, number in last.items():
        OrderCounter.objects.update_or_create(year=year, defaults={"last_number": number})


# The last ten days of the contractor of the demo («prestataire»), made through the real steps
# (agir.works.orders), so that its list opens on orders to answer, visits to come, one put off
# and one whose visit passed without a report. Nadia Benali's leak is one of them.
FRESH = [
    # (days ago, what happened since)
    (0.2, "ordered"),
    (1, "ordered"),
    (2, "accepted"),
    (3, "scheduled"),
    (4, "scheduled"),
    (5, "postponed"),
    (6, "past_visit"),
    (8, "done"),
]


def _fresh_orders(rng: random.Random, now: datetime, officer: User) -> int:
    from agir.catalogue.models import CatalogueEntry, PlaceScope
    from agir.estate.models import ContractKind, Lease
    from agir.repairs.lifecycle import NewRequest
    from agir.repairs.models import Origin

    contractor_user = User.objects.get(username="prestataire")
    company = contractor_user.contractors.first()
    entries = list(
        CatalogueEntry.objects.active().filter(
            contract_kind=ContractKind.PLUMBING, place__scope=PlaceScope.DWELLING
        )
    )
    near = Q(dwelling__entrance__building__contracts__contractor=company) | Q(
        dwelling__entrance__building__site__contracts__contractor=company
    )
    leases = list(Lease.objects.current().filter(near).distinct().order_by("reference"))
    nadia = User.objects.get(username="locataire").tenant
    if not entries or not leases:
        return 0
    staff, firm = Actor.of(officer), Actor.of(contractor_user)
    made = 0
    for number, (days, story) in enumerate(FRESH):
        lease = (
            nadia.current_lease() if story == "scheduled" and number == 3 else rng.choice(leases)
        )
        tenant = nadia if lease.pk == nadia.current_lease().pk else lease.tenants.first()
        at = now - timedelta(days=days)
        request = lifecycle.submit_new(
            NewRequest(
                idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                origin=Origin.TENANT_WEB,
                dwelling=lease.dwelling,
                lease=lease,
                catalogue_entry=rng.choice(entries),
                description="Ça goutte en continu depuis hier.",
                requested_by=tenant,
                availability=["mardi matin", "jeudi après-midi"],
                access_notes="Digicode 4521B, 2e étage à gauche.",
            ),
            actor=Actor.of(tenant.user) if tenant.user_id else Actor.system("Locataire"),
            at=at,
            notify=False,
        ).request
        step = at + timedelta(hours=2)
        lifecycle.acknowledge(request, actor=staff, at=step, notify=False)
        order = orders.order_work(
            request,
            actor=staff,
            assignee=Assignee.CONTRACTOR,
            contractor=company,
            job=f"{request.title}. Recherche de fuite et réparation.",
            at=step + timedelta(minutes=10),
            send=False,
        )
        made += 1
        if story == "ordered":
            continue
        step += timedelta(hours=3)
        orders.accept(order, actor=firm, at=step)
        if story == "accepted":
            continue
        visit = _half_day(now, 2 + number % 3) if story != "past_visit" else _half_day(now, -1)
        if story in {"scheduled", "postponed", "past_visit", "done"}:
            if story == "done":
                visit = _half_day(at, 2)
            orders.set_appointment(
                order,
                actor=firm,
                start=visit,
                end=visit + timedelta(hours=4),
                at=step,
                notify=False,
            )
        if story == "postponed":
            orders.postpone(
                order,
                actor=firm,
                reason="Le technicien attend la pièce chez le fournisseur.",
                start=visit + timedelta(days=3),
                end=visit + timedelta(days=3, hours=4),
                at=step + timedelta(hours=20),
                notify=False,
            )
        if story == "done":
            orders.report(
                order,
                actor=firm,
                done=True,
                notes="Joint et flexible changés, plus de fuite.",
                at=visit + timedelta(hours=2),
                notify=False,
            )
    return made


def _half_day(moment: datetime, days: int) -> datetime:
    day = timezone.localtime(moment + timedelta(days=days))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.replace(hour=8, minute=0, second=0, microsecond=0)
