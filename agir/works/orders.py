"""What can happen to a work order, one function per intent.

Each runs in one transaction: it writes the work order and moves the request through
`agir.repairs.lifecycle` (which writes the event and queues what the tenant hears). Steps the
tenant need not hear of (a work order sent, accepted, refused, cancelled) are internal notes in
the request's history, so the officer reads the whole story in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.catalogue.payer import who_pays, who_pays_for_request
from agir.estate.models import Caretaker, Contractor, MaintenanceContract
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor, LifecycleError
from agir.repairs.models import RepairRequest, Status

from .commitments import target_date
from .models import ACTIVE_STATUSES, Assignee, OrderCounter, OrderStatus, VisitReport, WorkOrder

S = Status
# A request can be given to someone once it is taken in hand, until the work is done.
ORDERABLE = frozenset({S.ACKNOWLEDGED, S.SCHEDULED, S.POSTPONED, S.IN_PROGRESS, S.REOPENED})
MAX_REASON = 500


class WorkError(Exception):
    """A refused step: `str()` for logs and API bodies, `user_message` for people."""

    def __init__(self, reason: str, user_message: str) -> None:
        super().__init__(reason)
        self.user_message = user_message


# --- proposing who does it ---------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """Who the work order goes to by default: the holder of the maintenance contract in force
    for that equipment at that place (the same answer as «qui paie»), when there is one."""

    contract: MaintenanceContract | None
    contractor: Contractor | None


def proposal(request: RepairRequest, *, on: date | None = None) -> Proposal:
    answer = who_pays_for_request(request, on=on)
    if answer.contract is None:
        # Who pays was decided otherwise (the tenant, the landlord): the contract in force for
        # that equipment there is still who knows it best.
        place = request.common_area or request.dwelling or request.building
        answer = who_pays(request.catalogue_entry, place, on=on)
    if answer.contract is None:
        return Proposal(None, None)
    contract = (
        MaintenanceContract.objects.select_related("contractor")
        .filter(reference=answer.contract.reference)
        .first()
    )
    return Proposal(contract, contract.contractor if contract else None)


# --- numbers -----------------------------------------------------------------------------


def next_number(when: datetime) -> str:
    """`BT-YYYY-NNNNN`, one series a year; the counter row is locked until the order is saved."""
    year = timezone.localtime(when).year
    OrderCounter.objects.bulk_create([OrderCounter(year=year)], ignore_conflicts=True)
    counter = OrderCounter.objects.select_for_update().get(year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    return f"BT-{year}-{counter.last_number:05d}"


# --- ordering ----------------------------------------------------------------------------


def order_work(
    request: RepairRequest,
    *,
    actor: Actor,
    assignee: str,
    job: str,
    contractor: Contractor | None = None,
    caretaker: Caretaker | None = None,
    technician: str = "",
    cost_limit: Decimal | None = None,
    due: date | None = None,
    at: datetime | None = None,
    send: bool = True,
) -> WorkOrder:
    """Give the work to a contractor, the caretaker or an in-house technician; a contractor
    gets the PDF by email (with a link to answer when it has no account)."""
    when = at or timezone.now()
    job = job.strip()
    if not job:
        raise WorkError("job is required", _("Décrivez les travaux à faire."))
    if assignee == Assignee.CONTRACTOR and contractor is None:
        raise WorkError("no contractor", _("Choisissez l'entreprise."))
    if assignee == Assignee.CARETAKER and caretaker is None:
        raise WorkError("no caretaker", _("Choisissez le gardien."))
    if assignee not in Assignee.values:
        raise WorkError(f"unknown assignee {assignee!r}", _("Valeur inconnue."))
    if cost_limit is not None and cost_limit <= 0:
        raise WorkError("cost limit must be positive", _("Le montant doit être positif."))
    from agir.quotes.service import work_may_be_ordered

    from .emails import queue_order_email

    with transaction.atomic():
        current = RepairRequest.objects.select_for_update().get(pk=request.pk)
        if current.status not in ORDERABLE:
            raise WorkError(
                f"cannot order work on a request in status {current.status!r}",
                _("Prenez d'abord la demande en compte.")
                if current.status in {S.SUBMITTED}
                else _("On ne peut pas commander de travaux : la demande est « %(status)s ».")
                % {"status": current.get_status_display()},
            )
        if not work_may_be_ordered(current):
            raise WorkError(
                "the tenant pays and has accepted no quote",
                _(
                    "Le locataire paie cette réparation : envoyez-lui d'abord un devis et "
                    "attendez son accord."
                ),
            )
        if current.work_orders.filter(status__in=ACTIVE_STATUSES).exists():
            raise WorkError(
                "an active work order exists",
                _("Un bon de travaux est déjà en cours : annulez-le avant d'en faire un autre."),
            )
        contract = None
        if assignee == Assignee.CONTRACTOR:
            offered = proposal(current, on=timezone.localdate(when))
            if offered.contractor is not None and offered.contractor.pk == contractor.pk:
                contract = offered.contract
        in_dwelling = current.dwelling_id is not None
        tenant = current.requested_by
        order = WorkOrder.objects.create(
            number=next_number(when),
            request=current,
            assignee=assignee,
            contractor=contractor if assignee == Assignee.CONTRACTOR else None,
            contract=contract,
            caretaker=caretaker if assignee == Assignee.CARETAKER else None,
            technician=technician.strip()[:120] if assignee == Assignee.TECHNICIAN else "",
            job=job,
            place=_place(current),
            access_notes=current.access_notes,
            # Inside a home the person sent must reach the tenant; in a common area, never.
            availability=list(current.availability) if in_dwelling else [],
            tenant_name=tenant.full_name if in_dwelling and tenant else "",
            tenant_phone=_phone(tenant) if in_dwelling and tenant else "",
            target_date=due or target_date(current),
            cost_limit=cost_limit,
            ordered_by=actor.user,
            ordered_at=when,
        )
        _note(
            current,
            actor,
            _("Bon de travaux n° %(number)s envoyé à %(who)s, à faire avant le %(day)s.")
            % {
                "number": order.number,
                "who": order.assignee_label,
                "day": order.target_date.strftime("%d/%m/%Y"),
            },
            order,
            at=when,
        )
        if send and order.assignee == Assignee.CONTRACTOR and order.contractor.email:
            queue_order_email(order)
    return order


def _place(request: RepairRequest) -> str:
    building = request.building
    street = building.street_address
    if request.dwelling_id:
        entrance = request.dwelling.entrance
        street = entrance.street_address or street
    lines = [request.place_label, f"{street}, {building.postcode} {building.city}".strip(", ")]
    return " — ".join(line for line in lines if line)[:300]


def _phone(tenant) -> str:
    return tenant.mobile_phone or tenant.landline_phone


# --- the answers of the person sent ----------------------------------------------------------


def accept(order: WorkOrder, *, actor: Actor, at: datetime | None = None) -> WorkOrder:
    with transaction.atomic():
        order = _locked(order)
        _require(order, {OrderStatus.ORDERED})
        order.status = OrderStatus.ACCEPTED
        order.answered_at = at or timezone.now()
        order.save(update_fields=["status", "answered_at"])
        _note(order.request, actor, _("Bon n° %(number)s accepté.") % _n(order), order, at=at)
    return order


def refuse(order: WorkOrder, *, actor: Actor, reason: str, at: datetime | None = None) -> WorkOrder:
    reason = _reason(reason, _("Dites pourquoi vous refusez ce bon."))
    with transaction.atomic():
        order = _locked(order)
        _require(order, {OrderStatus.ORDERED})
        order.status = OrderStatus.REFUSED
        order.answered_at = at or timezone.now()
        order.refusal_reason = reason
        order.link_version += 1
        order.save(update_fields=["status", "answered_at", "refusal_reason", "link_version"])
        _note(
            order.request,
            actor,
            _("Bon n° %(number)s refusé : %(reason)s") % {**_n(order), "reason": reason},
            order,
            at=at,
        )
    return order


def cancel(order: WorkOrder, *, actor: Actor, reason: str, at: datetime | None = None) -> WorkOrder:
    """The officer takes the work back (to give it to someone else, or because it is moot); the
    link sent with it opens nothing from now on."""
    reason = _reason(reason, _("Indiquez la raison de l'annulation."))
    with transaction.atomic():
        order = _locked(order)
        _require(order, ACTIVE_STATUSES)
        order.status = OrderStatus.CANCELLED
        order.cancel_reason = reason
        order.link_version += 1
        order.save(update_fields=["status", "cancel_reason", "link_version"])
        _note(
            order.request,
            actor,
            _("Bon n° %(number)s annulé : %(reason)s") % {**_n(order), "reason": reason},
            order,
            at=at,
        )
    return order


def set_appointment(
    order: WorkOrder,
    *,
    actor: Actor,
    start: datetime,
    end: datetime,
    reason: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> WorkOrder:
    """Fix the visit (the tenant is told). Moving a visit already fixed is a postponement and
    needs its reason, which the tenant hears."""
    when = at or timezone.now()
    if start < when:
        raise WorkError("appointment in the past", _("Choisissez une date à venir."))
    with transaction.atomic():
        order = _locked(order)
        _require(order, ACTIVE_STATUSES)
        request = order.request
        try:
            if lifecycle.can(request, "schedule"):
                lifecycle.schedule(
                    request, actor=actor, start=start, end=end, message=reason, at=at, notify=notify
                )
            elif request.status == S.SCHEDULED:
                if not reason.strip():
                    raise WorkError(
                        "moving a visit needs a reason",
                        _("Le rendez-vous est déjà fixé : indiquez pourquoi il change."),
                    )
                lifecycle.postpone(
                    request,
                    actor=actor,
                    reason=reason,
                    new_start=start,
                    new_end=end,
                    at=at,
                    notify=notify,
                )
            else:
                raise lifecycle.TransitionNotAllowed(request, "schedule")
        except LifecycleError as error:
            raise WorkError(str(error), error.user_message) from error
        _accepted_by_acting(order, at=when)
        order.overdue_visit_at = None
        order.save(update_fields=["status", "answered_at", "overdue_visit_at"])
    return order


def postpone(
    order: WorkOrder,
    *,
    actor: Actor,
    reason: str,
    start: datetime | None = None,
    end: datetime | None = None,
    at: datetime | None = None,
    notify: bool = True,
) -> WorkOrder:
    """Put the visit off, with the reason the tenant hears, and the new slot when known."""
    reason = _reason(reason, _("Indiquez la raison du report."))
    if start is not None and start < (at or timezone.now()):
        raise WorkError("appointment in the past", _("Choisissez une date à venir."))
    with transaction.atomic():
        order = _locked(order)
        _require(order, ACTIVE_STATUSES)
        try:
            lifecycle.postpone(
                order.request,
                actor=actor,
                reason=reason,
                new_start=start,
                new_end=end,
                at=at,
                notify=notify,
            )
        except LifecycleError as error:
            raise WorkError(str(error), error.user_message) from error
        order.overdue_visit_at = None
        order.save(update_fields=["overdue_visit_at"])
    return order


def report(
    order: WorkOrder,
    *,
    actor: Actor,
    done: bool,
    reason: str = "",
    notes: str = "",
    visited_on: date | None = None,
    photo_files: list[bytes] = (),
    uploaded_by=None,
    at: datetime | None = None,
    notify: bool = True,
) -> VisitReport:
    """The visit's report. Done: the work is finished (the tenant is told, the link closes).
    Not done: why, and the visit is put off (the tenant hears the reason)."""
    when = at or timezone.now()
    notes = notes.strip()
    if not done:
        reason = _reason(reason, _("Dites pourquoi les travaux n'ont pas été faits."))
    with transaction.atomic():
        order = _locked(order)
        _require(order, ACTIVE_STATUSES)
        request = RepairRequest.objects.select_for_update().get(pk=order.request_id)
        if request.photos.count() + len(photo_files) > photos.MAX_PHOTOS:
            raise WorkError(
                "too many photos",
                _("%(max)d photos au plus par demande.") % {"max": photos.MAX_PHOTOS},
            )
        try:
            if done:
                if request.status != S.IN_PROGRESS:
                    lifecycle.start(request, actor=actor, at=when, notify=notify)
                lifecycle.finish(request, actor=actor, message=notes, at=when, notify=notify)
            elif request.status in {S.SCHEDULED, S.IN_PROGRESS}:
                lifecycle.postpone(request, actor=actor, reason=reason, at=when, notify=notify)
            else:
                lifecycle.comment(
                    request, actor=actor, message=reason, public=False, at=when, notify=False
                )
        except LifecycleError as error:
            raise WorkError(str(error), error.user_message) from error
        for jpeg in photo_files:
            photos.attach(request, jpeg, uploaded_by=uploaded_by)
        visit = VisitReport.objects.create(
            work_order=order,
            done=done,
            reason=reason if not done else "",
            notes=notes,
            visited_on=visited_on or timezone.localtime(when).date(),
            reported_by=actor.label[:160],
            reported_at=when,
            photo_count=len(photo_files),
        )
        _accepted_by_acting(order, at=when)
        if done:
            order.status = OrderStatus.DONE
            order.finished_at = when
            order.link_version += 1
        order.overdue_visit_at = None
        order.save(
            update_fields=[
                "status",
                "answered_at",
                "finished_at",
                "link_version",
                "overdue_visit_at",
            ]
        )
        if notes and not done:
            _note(request, actor, notes, order, at=when)
    return visit


# --- helpers -------------------------------------------------------------------------------


def _locked(order: WorkOrder) -> WorkOrder:
    return (
        WorkOrder.objects.select_for_update(of=("self",))
        .select_related("request", "contractor", "caretaker__user")
        .get(pk=order.pk)
    )


def _require(order: WorkOrder, statuses) -> None:
    if order.status not in statuses:
        raise WorkError(
            f"work order {order.number} is {order.status}",
            _("Ce bon de travaux est « %(status)s » : ce n'est plus possible.")
            % {"status": order.get_status_display()},
        )


def _accepted_by_acting(order: WorkOrder, *, at: datetime) -> None:
    """Fixing a visit or reporting one says yes to the work order."""
    if order.status == OrderStatus.ORDERED:
        order.status = OrderStatus.ACCEPTED
        order.answered_at = at


def _reason(text: str, message: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise WorkError("reason is required", message)
    if len(text) > MAX_REASON:
        raise WorkError(
            "reason too long",
            _("La raison est trop longue : %(max)d caractères au plus.") % {"max": MAX_REASON},
        )
    return text


def _n(order: WorkOrder) -> dict:
    return {"number": order.number}


def _note(request, actor: Actor, message: str, order: WorkOrder, *, at=None) -> None:
    lifecycle.comment(
        request,
        actor=actor,
        message=message,
        public=False,
        at=at,
        notify=False,
        data={"work_order": order.number},
    )
