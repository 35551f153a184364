"""The repair request, its photos and its append-only history.

Status fields are written by `agir.repairs.lifecycle` only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import CatalogueEntry, Responsibility, Urgency
from agir.estate.models import Building, CommonArea, Dwelling, Lease, Tenant

MAX_PHOTOS = 5
MAX_DESCRIPTION_LENGTH = 2000


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Envoyée")
    ACKNOWLEDGED = "acknowledged", _("Prise en compte")
    SCHEDULED = "scheduled", _("Intervention prévue")
    POSTPONED = "postponed", _("Intervention reportée")
    IN_PROGRESS = "in_progress", _("Travaux en cours")
    DONE = "done", _("Travaux terminés")
    CLOSED = "closed", _("Clôturée")
    REJECTED = "rejected", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")
    REOPENED = "reopened", _("Rouverte")


OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.ACKNOWLEDGED,
        Status.SCHEDULED,
        Status.POSTPONED,
        Status.IN_PROGRESS,
        Status.REOPENED,
    }
)


_LABELS: dict[tuple[type, str | None], dict[str, str]] = {}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of `value` in the active language, from a table made once a language.

    Django's get_FOO_display() translates every choice of the field at each call: a page of 50
    requests spent a third of its time there (the officers' inbox, under load)."""
    key = (choices, get_language())
    table = _LABELS.get(key)
    if table is None:
        table = _LABELS[key] = {str(v): str(label) for v, label in choices.choices}
    return table.get(value, value)


class Origin(models.TextChoices):
    TENANT_WEB = "tenant_web", _("Locataire (internet)")
    CARETAKER = "caretaker", _("Gardien")
    PHONE = "phone", _("Téléphone")
    COUNTER = "counter", _("Accueil")
    ERP = "erp", _("ERP")
    API = "api", _("API")


class ReferenceCounter(models.Model):
    """The last reference number given in a year, on SQLite (PostgreSQL uses a sequence a
    year, see references.py); the row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class RepairRequestQuerySet(models.QuerySet["RepairRequest"]):
    def submitted(self) -> RepairRequestQuerySet:
        return self.exclude(status=Status.DRAFT)

    def open(self) -> RepairRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class RepairRequest(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("référence"), max_length=16, unique=True, null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # where
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="repair_requests")
    dwelling = models.ForeignKey(
        Dwelling, on_delete=models.PROTECT, null=True, blank=True, related_name="repair_requests"
    )
    common_area = models.ForeignKey(
        CommonArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_requests",
    )
    lease = models.ForeignKey(
        Lease, on_delete=models.PROTECT, null=True, blank=True, related_name="repair_requests"
    )

    # what
    catalogue_entry = models.ForeignKey(
        CatalogueEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_requests",
    )
    title = models.CharField(_("intitulé"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    suggested_responsibility = models.CharField(
        _("responsabilité suggérée"), max_length=10, choices=Responsibility.choices
    )
    responsibility = models.CharField(
        _("responsabilité"), max_length=10, choices=Responsibility.choices
    )
    # Why the officer decided who pays when taking the request in hand (shown to the tenant).
    responsibility_reason = models.CharField(
        _("raison de la décision sur qui paie"), max_length=500, blank=True
    )
    tenant_accepted_charge = models.BooleanField(
        _("le locataire a reconnu que la réparation peut lui être facturée"), default=False
    )
    suggested_urgency = models.CharField(
        _("urgence suggérée"), max_length=10, choices=Urgency.choices
    )
    urgency = models.CharField(_("urgence"), max_length=10, choices=Urgency.choices)

    # who
    origin = models.CharField(_("origine"), max_length=16, choices=Origin.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entered_requests",
    )
    requested_by = models.ForeignKey(
        Tenant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repair_requests",
        verbose_name=_("pour le compte de"),
    )

    # visit
    availability = models.JSONField(_("disponibilités"), default=list, blank=True)
    access_notes = models.CharField(_("informations pour entrer"), max_length=500, blank=True)
    planned_start = models.DateTimeField(_("intervention prévue le"), null=True, blank=True)
    planned_end = models.DateTimeField(_("jusqu'à"), null=True, blank=True)

    # The landlord's commitments for this request (agir/repairs/commitments.py), set by the
    # lifecycle at submission and again when the request is qualified or reopened.
    take_in_hand_due = models.DateTimeField(
        _("à prendre en compte avant le"), null=True, blank=True
    )
    intervention_due = models.DateTimeField(_("intervention avant le"), null=True, blank=True)
    # The one of the two the request waits on now (none once work has begun or it is over):
    # the back office's inbox sorts on it, through a small partial index.
    next_due = models.DateTimeField(_("prochaine échéance"), null=True, blank=True)
    # The officer who took it in hand («mes demandes»).
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_requests",
        verbose_name=_("suivie par"),
    )

    idempotency_key = models.UUIDField(_("clé d'idempotence"), unique=True)
    external_ref = models.CharField(_("référence ERP"), max_length=32, blank=True, db_index=True)

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("prise en compte le"), null=True, blank=True)
    done_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = RepairRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dwelling__isnull=True) | Q(common_area__isnull=True),
                name="repair_request_one_place",
            ),
            models.CheckConstraint(
                condition=~Q(status="draft") | Q(reference__isnull=True),
                name="repair_request_draft_has_no_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["building", "status"]),
            # The inbox: requests waiting on a commitment, soonest due first (keyset pages).
            # It carries what the inbox's ranks and a search by name test (PostgreSQL), so
            # that a page is read from the index alone, in its order, until it is full: a
            # common surname read each waiting request from the table (90,000: 0.35 s).
            models.Index(
                fields=["next_due", "id"],
                include=["status", "urgency", "requested_by", "lease"],
                condition=Q(next_due__isnull=False),
                name="repair_request_inbox_due",
            ),
            # The inbox's first rank, the emergencies waiting, apart: with a filter or a search
            # that few of them match, the rank read every waiting request (90,000) to find
            # them (65 ms of a search by a common name), not the emergencies alone (≈ 15 %).
            models.Index(
                fields=["next_due", "id"],
                include=["status", "requested_by", "lease"],
                condition=Q(next_due__isnull=False, urgency=Urgency.EMERGENCY),
                name="repair_request_inbox_emergency",
            ),
            # The same for one status: without it a status whose requests never wait
            # («closed») read every one of them to find none waiting.
            models.Index(
                fields=["status", "next_due", "id"],
                condition=Q(next_due__isnull=False),
                name="repair_request_status_due",
            ),
            # The open requests that wait on nothing (work under way), oldest first: few, among
            # millions of closed ones that wait on nothing either.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(next_due__isnull=True, status__in=sorted(OPEN_STATUSES)),
                name="repair_request_open_idle",
            ),
            models.Index(fields=["handled_by", "status"], name="repair_request_handled_by"),
            # The officers' inbox: one status (or the open ones), newest first, a page at a time;
            # without it «closed» sorted every closed request for each page.
            models.Index(fields=["status", "-submitted_at"], name="repairs_status_submitted"),
        ]
        verbose_name = _("demande d'intervention")
        verbose_name_plural = _("demandes d'intervention")

    def __str__(self) -> str:
        return f"{self.reference or _('brouillon')} — {self.title}"

    # The labels of the choices, from choice_label's table (see there why).
    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    def get_urgency_display(self) -> str:
        return choice_label(Urgency, self.urgency)

    def get_responsibility_display(self) -> str:
        return choice_label(Responsibility, self.responsibility)

    def get_origin_display(self) -> str:
        return choice_label(Origin, self.origin)

    @property
    def place_label(self) -> str:
        if self.common_area_id:
            return str(self.common_area)
        if self.dwelling_id:
            return str(self.dwelling)
        return str(self.building)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class DelayUnit(models.TextChoices):
    HOURS = "hours", _("heures, jour et nuit")
    WORKING_DAYS = "working_days", _("jours ouvrés")
    DAYS = "days", _("jours calendaires")


class Commitment(models.Model):
    """The landlord's published delays for one urgency (engagement de délai), which managers
    edit; `agir.repairs.commitments` turns them into each request's due dates."""

    urgency = models.CharField(_("urgence"), max_length=10, choices=Urgency.choices, unique=True)
    take_in_hand_amount = models.PositiveSmallIntegerField(_("prise en compte sous"))
    take_in_hand_unit = models.CharField(
        _("unité (prise en compte)"), max_length=12, choices=DelayUnit.choices
    )
    intervention_amount = models.PositiveSmallIntegerField(_("intervention sous"))
    intervention_unit = models.CharField(
        _("unité (intervention)"), max_length=12, choices=DelayUnit.choices
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["urgency"]
        verbose_name = _("engagement de délai")
        verbose_name_plural = _("engagements de délai")

    def __str__(self) -> str:
        return str(self.get_urgency_display())


def photo_upload_to(instance: RequestPhoto, filename: str) -> str:
    # The stored name never comes from the uploader.
    return f"requests/{instance.request.code}/{instance.code}.jpg"


class RequestPhoto(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(RepairRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.code)


class EventKind(models.TextChoices):
    CREATED = "created", _("Brouillon créé")
    SUBMITTED = "submitted", _("Demande enregistrée")
    ACKNOWLEDGED = "acknowledged", _("Demande prise en compte")
    SCHEDULED = "scheduled", _("Intervention prévue")
    POSTPONED = "postponed", _("Intervention reportée")
    STARTED = "started", _("Travaux commencés")
    FINISHED = "finished", _("Travaux terminés")
    CLOSED = "closed", _("Demande clôturée")
    REJECTED = "rejected", _("Demande refusée")
    CANCELLED = "cancelled", _("Demande annulée")
    REOPENED = "reopened", _("Demande rouverte")
    COMMENTED = "commented", _("Message")
    OBSERVED = "observed", _("Constaté par le gardien")
    VISITED = "visited", _("Passage du gardien")


class AppendOnlyError(Exception):
    pass


class RequestEvent(models.Model):
    """One thing that happened to a request. Never changed nor deleted once written."""

    request = models.ForeignKey(RepairRequest, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("type"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("auteur"), max_length=120)
    at = models.DateTimeField(_("date"), db_index=True)
    public = models.BooleanField(_("visible du locataire"), default=True)
    message = models.TextField(_("message"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("request events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("request events are append-only")

    def get_kind_display(self) -> str:
        return choice_label(EventKind, self.kind)


class RequestFollower(models.Model):
    """A tenant who has the same common-area problem and follows a neighbour's request.

    Rather than a duplicate request («je suis aussi concerné(e)»): the follower hears about
    the request's progress, never sees its description, photos or messages.
    """

    request = models.ForeignKey(RepairRequest, on_delete=models.CASCADE, related_name="followers")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="followed_requests")
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "tenant"], name="request_follower_unique")
        ]
        verbose_name = _("locataire aussi concerné(e)")
        verbose_name_plural = _("locataires aussi concernés")

    def __str__(self) -> str:
        return f"{self.tenant} — {self.request}"
