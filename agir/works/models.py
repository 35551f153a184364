"""Work orders (bons de travaux): who is sent to do the work a request calls for, and what they
report. The request's status is never written here: every step goes through
`agir.repairs.lifecycle` (see `agir.works.orders`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Caretaker, Contractor, MaintenanceContract
from agir.repairs.models import RepairRequest


class Assignee(models.TextChoices):
    CONTRACTOR = "contractor", _("Entreprise")
    CARETAKER = "caretaker", _("Gardien")
    TECHNICIAN = "technician", _("Technicien du bailleur")


class OrderStatus(models.TextChoices):
    ORDERED = "ordered", _("Envoyé")
    ACCEPTED = "accepted", _("Accepté")
    REFUSED = "refused", _("Refusé par l'entreprise")
    DONE = "done", _("Travaux faits")
    CANCELLED = "cancelled", _("Annulé")


# A work order someone still has to act on: its signed link opens, it shows in lists «à faire».
ACTIVE_STATUSES = frozenset({OrderStatus.ORDERED, OrderStatus.ACCEPTED})


class OrderCounter(models.Model):
    """The last work order number given in a year (the row is locked while one is taken)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class WorkOrderQuerySet(models.QuerySet["WorkOrder"]):
    def active(self) -> WorkOrderQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)

    def for_contractor_user(self, user) -> WorkOrderQuerySet:
        """The work orders of the companies `user` works for, and nothing else."""
        return self.filter(contractor__users=user)


class WorkOrder(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("numéro"), max_length=16, unique=True)
    request = models.ForeignKey(RepairRequest, on_delete=models.PROTECT, related_name="work_orders")
    status = models.CharField(
        _("état"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.ORDERED
    )

    # who does it
    assignee = models.CharField(_("confié à"), max_length=12, choices=Assignee.choices)
    contractor = models.ForeignKey(
        Contractor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("entreprise"),
    )
    contract = models.ForeignKey(
        MaintenanceContract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("contrat d'entretien"),
    )
    caretaker = models.ForeignKey(
        Caretaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_orders",
        verbose_name=_("gardien"),
    )
    technician = models.CharField(_("technicien"), max_length=120, blank=True)

    # what, where, when: what the person sent needs to do the job, and no more
    job = models.TextField(_("travaux demandés"))
    place = models.CharField(_("lieu"), max_length=300)
    access_notes = models.CharField(_("informations pour entrer"), max_length=500, blank=True)
    availability = models.JSONField(_("disponibilités du locataire"), default=list, blank=True)
    tenant_name = models.CharField(_("locataire"), max_length=160, blank=True)
    tenant_phone = models.CharField(_("téléphone du locataire"), max_length=20, blank=True)
    target_date = models.DateField(_("à faire avant le"))
    cost_limit = models.DecimalField(
        _("montant maximum (€ HT)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    # The signed link carries this number: changing it revokes every link sent before.
    link_version = models.PositiveIntegerField(default=1)

    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ordered_at = models.DateTimeField(_("envoyé le"))
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    refusal_reason = models.CharField(_("raison du refus"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    cancel_reason = models.CharField(_("raison de l'annulation"), max_length=500, blank=True)
    # Set by the periodic check when the visit's date passed without a report.
    overdue_visit_at = models.DateTimeField(
        _("visite passée sans compte rendu"), null=True, blank=True
    )

    objects = WorkOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-ordered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(assignee="contractor") | Q(contractor__isnull=False),
                name="work_order_contractor_named",
            ),
            models.CheckConstraint(
                condition=~Q(assignee="caretaker") | Q(caretaker__isnull=False),
                name="work_order_caretaker_named",
            ),
        ]
        indexes = [
            models.Index(fields=["contractor", "status"]),
            models.Index(fields=["caretaker", "status"]),
        ]
        verbose_name = _("bon de travaux")
        verbose_name_plural = _("bons de travaux")

    def __str__(self) -> str:
        return f"{self.number} — {self.assignee_label}"

    @property
    def assignee_label(self) -> str:
        match self.assignee:
            case Assignee.CONTRACTOR:
                return self.contractor.name if self.contractor_id else ""
            case Assignee.CARETAKER:
                return str(self.caretaker) if self.caretaker_id else ""
        return self.technician or str(Assignee.TECHNICIAN.label)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class VisitReport(models.Model):
    """What the person sent says of a visit: done, or not done and why."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="reports")
    done = models.BooleanField(_("travaux faits"))
    reason = models.CharField(_("pourquoi pas faits"), max_length=500, blank=True)
    notes = models.TextField(_("observations"), blank=True)
    visited_on = models.DateField(_("date du passage"))
    reported_by = models.CharField(_("par"), max_length=160)
    reported_at = models.DateTimeField(_("reçu le"))
    photo_count = models.PositiveSmallIntegerField(_("photos"), default=0)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("compte rendu de visite")
        verbose_name_plural = _("comptes rendus de visite")

    def __str__(self) -> str:
        return f"{self.work_order.number} {self.visited_on:%Y-%m-%d}"
