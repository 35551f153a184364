"""The back office's own records (the requests themselves live in agir.repairs)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedInboxView(models.Model):
    """Filters of the inbox an officer named and kept («Tilleuls, à qualifier»)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_inbox_views"
    )
    name = models.CharField(_("nom"), max_length=60)
    query = models.CharField(_("filtres"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("vue enregistrée de la corbeille")
        verbose_name_plural = _("vues enregistrées de la corbeille")

    def __str__(self) -> str:
        return self.name


class OverdueDigestRun(models.Model):
    """The day's digest of overdue requests was sent (once a day, whatever the schedulers)."""

    day = models.DateField(_("jour"), unique=True)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    emails = models.PositiveIntegerField(_("courriels"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("récapitulatif des retards")
        verbose_name_plural = _("récapitulatifs des retards")

    def __str__(self) -> str:
        return str(self.day)


class CannedAnswerQuerySet(models.QuerySet["CannedAnswer"]):
    def in_use(self) -> CannedAnswerQuerySet:
        return self.filter(active=True).order_by("title")


class CannedAnswer(models.Model):
    """A ready-made answer to the tenant («réponse type») that managers write and officers pick
    on a request's page; the officer may still change the text before it is sent."""

    title = models.CharField(_("intitulé"), max_length=80, unique=True)
    body = models.TextField(_("texte"))
    active = models.BooleanField(_("proposée"), default=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifiée par"),
    )

    objects = CannedAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("réponse type")
        verbose_name_plural = _("réponses types")

    def __str__(self) -> str:
        return self.title
