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
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("locataire")
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
