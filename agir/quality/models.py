"""What tenants think of how their request was handled (the Qualibail satisfaction survey)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Tenant
from agir.repairs.models import RepairRequest

MIN_SCORE, MAX_SCORE = 1, 5
MAX_COMMENT_LENGTH = 1000


class Score(models.IntegerChoices):
    VERY_UNHAPPY = 1, _("Pas du tout satisfait")
    UNHAPPY = 2, _("Peu satisfait")
    NEUTRAL = 3, _("Moyennement satisfait")
    HAPPY = 4, _("Satisfait")
    VERY_HAPPY = 5, _("Très satisfait")


class SatisfactionSurvey(models.Model):
    """One tenant's answer about one closed request. Given once, never changed."""

    request = models.ForeignKey(
        RepairRequest,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("demande"),
    )
    # Emptied when the request's personal details are anonymised (agir/quality/retention.py).
    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("locataire"),
    )
    score = models.PositiveSmallIntegerField(
        _("note"),
        choices=Score.choices,
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
    )
    comment = models.TextField(_("commentaire"), blank=True, max_length=MAX_COMMENT_LENGTH)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    answered_at = models.DateTimeField(_("répondu le"), default=timezone.now, db_index=True)
    # The request's fact, by the request's id (no column of its own): the indicators filter
    # answers on the fact's period and place with one join, not through the requests' table.
    fact = models.ForeignObject(
        "RequestFact",
        on_delete=models.DO_NOTHING,
        from_fields=["request"],
        to_fields=["request"],
        related_name="+",
        null=True,  # no column: this only tells the migrations nothing is to be filled
    )

    class Meta:
        ordering = ["-answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "tenant"], name="survey_once_per_tenant"),
            models.CheckConstraint(
                condition=Q(score__gte=MIN_SCORE) & Q(score__lte=MAX_SCORE),
                name="survey_score_1_to_5",
            ),
        ]
        verbose_name = _("enquête de satisfaction")
        verbose_name_plural = _("enquêtes de satisfaction")

    def __str__(self) -> str:
        return f"{self.request.reference} — {self.tenant} : {self.score}/5"


class RequestFact(models.Model):
    """One submitted request as the indicators see it: where, what, who, and when each step
    happened, kept up to date from its events (agir/quality/facts.py).

    No personal data: anonymising a request leaves its fact, and so the indicators, unchanged.
    The dimensions the dashboard filters on (site, sector) are copied here so that every
    indicator is one aggregate query over this table, without a join.
    """

    request = models.OneToOneField(
        RepairRequest, on_delete=models.CASCADE, primary_key=True, related_name="fact"
    )
    submitted_at = models.DateTimeField()
    month = models.DateField()  # the first day of the (local) month it was submitted in
    building = models.ForeignKey("estate.Building", on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey("estate.Site", on_delete=models.CASCADE, related_name="+")
    sector = models.ForeignKey("estate.Sector", on_delete=models.CASCADE, related_name="+")
    contractor = models.ForeignKey(
        "estate.Contractor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    equipment = models.ForeignKey(
        "catalogue.Equipment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(max_length=16)
    urgency = models.CharField(max_length=10)
    responsibility = models.CharField(max_length=10)
    status = models.CharField(max_length=16)

    acknowledged_at = models.DateTimeField(null=True)  # first taken in hand (or refused)
    intervened_at = models.DateTimeField(null=True)  # first work started or finished
    done_at = models.DateTimeField(null=True)  # first finished
    closed_at = models.DateTimeField(null=True)  # first closed
    withdrawn_at = models.DateTimeField(null=True)  # refused or cancelled: no work to measure
    reopened_at = models.DateTimeField(null=True)  # first reopened («pas réparé»)

    # Delays from submission, in whole hours and in working days.
    ack_hours = models.PositiveIntegerField(null=True)
    ack_wdays = models.PositiveIntegerField(null=True)
    intervene_hours = models.PositiveIntegerField(null=True)
    intervene_wdays = models.PositiveIntegerField(null=True)
    close_hours = models.PositiveIntegerField(null=True)
    close_wdays = models.PositiveIntegerField(null=True)

    # The commitments' due dates for this request's urgency.
    ack_due = models.DateTimeField()
    intervene_due = models.DateTimeField()

    postponements = models.PositiveSmallIntegerField(default=0)
    reopens = models.PositiveSmallIntegerField(default=0)
    # Done in one visit: finished once, never postponed nor reopened (None until done).
    first_visit_fix = models.BooleanField(null=True)

    # Personal data: when the request's details, and its photos, were erased (retention.py).
    anonymised_at = models.DateTimeField(null=True)
    photos_erased_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["submitted_at"], name="fact_submitted"),
            models.Index(fields=["building", "submitted_at"], name="fact_building_submitted"),
            models.Index(fields=["site", "submitted_at"], name="fact_site_submitted"),
            models.Index(fields=["sector", "submitted_at"], name="fact_sector_submitted"),
            models.Index(fields=["contractor", "submitted_at"], name="fact_contractor_submitted"),
            models.Index(fields=["status", "intervene_due"], name="fact_status_due"),
        ]
        verbose_name = _("demande (indicateurs)")
        verbose_name_plural = _("demandes (indicateurs)")

    def __str__(self) -> str:
        return str(self.request_id)


class StaleFact(models.Model):
    """A request whose events changed since its fact was computed: marked in the event's own
    transaction (one upsert), recomputed in batches by `facts.catch_up` (the scheduler, and
    every indicator computation before it reads)."""

    request = models.OneToOneField(
        RepairRequest, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    marked_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.request_id)


class MonthSummary(models.Model):
    """The indicators' counts (`indicators.tally.Tally`) of the requests received in one month,
    over the whole estate, as read at `read_at` (agir/quality/summaries.py). `version` grows
    with every change to the month's facts or answers; the counts are those of `counted_version`,
    and true until `valid_until`, the first later moment a count changes by the clock alone (a
    due date passing on a request not yet at that step)."""

    month = models.DateField(primary_key=True)
    tally = models.JSONField(default=dict)
    read_at = models.DateTimeField(null=True)
    valid_until = models.DateTimeField(null=True)
    version = models.PositiveBigIntegerField(default=1)
    counted_version = models.PositiveBigIntegerField(default=0)
    # A new value each time the month is counted: a process that has added up these very counts
    # may keep the sum (agir/quality/summaries.py) without reading them again.
    counting = models.UUIDField(null=True, editable=False)

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class CorrectiveAction(models.Model):
    """The register of corrective actions the managers keep for the quality review."""

    finding = models.TextField(_("constat"), max_length=2000)
    action = models.TextField(_("action"), max_length=2000)
    owner = models.CharField(_("responsable de l'action"), max_length=120)
    due_date = models.DateField(_("échéance"))
    closed = models.BooleanField(_("close"), default=False)
    closed_on = models.DateField(_("close le"), null=True, blank=True)
    created_at = models.DateTimeField(_("ouverte le"), default=timezone.now)

    class Meta:
        ordering = ["closed", "due_date", "pk"]
        verbose_name = _("action corrective")
        verbose_name_plural = _("actions correctives")

    def __str__(self) -> str:
        return self.action[:80]


class RetentionPolicy(models.Model):
    """How long personal details are kept; one row, set by managers (defaults otherwise)."""

    request_years = models.PositiveSmallIntegerField(
        _("données personnelles d'une demande close (années après la clôture)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    photo_days = models.PositiveSmallIntegerField(
        _("photos (jours après la clôture)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
    )
    # The CNIL advises keeping access logs six months to a year (recommendation on logging,
    # 2021): long enough to look into a complaint, no longer.
    access_log_months = models.PositiveSmallIntegerField(
        _("journal des consultations (mois)"),
        default=12,
        validators=[MinValueValidator(6), MaxValueValidator(24)],
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("durée de conservation")
        verbose_name_plural = _("durées de conservation")

    def __str__(self) -> str:
        return f"{self.request_years} ans / {self.photo_days} jours"

    @classmethod
    def current(cls) -> RetentionPolicy:
        policy = cls.objects.order_by("pk").first()
        return policy or cls()


class PersonalDataAccess(models.Model):
    """A member of staff opened a page showing a tenant's personal details."""

    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("qui")
    )
    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("locataire"),
    )
    request = models.ForeignKey(
        RepairRequest, on_delete=models.CASCADE, null=True, related_name="+"
    )
    what = models.CharField(_("page"), max_length=60)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["tenant", "at"], name="access_tenant_at")]
        verbose_name = _("consultation de données personnelles")
        verbose_name_plural = _("consultations de données personnelles")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} → {self.tenant}"
