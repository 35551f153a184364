"""The back office's own records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
