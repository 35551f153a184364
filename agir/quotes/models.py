"""The landlord's quote (devis) for a repair the tenant pays: sent by an officer, accepted or
refused by the tenant on their request's page before any work is ordered."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.repairs.models import RepairRequest


class QuoteState(models.TextChoices):
    SENT = "sent", _("En attente de réponse")
    ACCEPTED = "accepted", _("Accepté")
    REFUSED = "refused", _("Refusé")
    WITHDRAWN = "withdrawn", _("Remplacé")


class Quote(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(RepairRequest, on_delete=models.PROTECT, related_name="quotes")
    amount = models.DecimalField(_("montant (€ TTC)"), max_digits=8, decimal_places=2)
    covers = models.TextField(_("ce que le devis comprend"))
    state = models.CharField(
        _("état"), max_length=10, choices=QuoteState.choices, default=QuoteState.SENT
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("envoyé le"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    refusal_reason = models.CharField(_("raison du refus"), max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["request", "state"])]
        verbose_name = _("devis")
        verbose_name_plural = _("devis")

    def __str__(self) -> str:
        return f"{self.request.reference} — {self.amount} €"

    @property
    def amount_text(self) -> str:
        return f"{self.amount:.2f}".replace(".", ",")
