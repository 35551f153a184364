"""What the caretaker's phone sends: the answer kept for each queued item, and the round's ticks.

A `SyncReceipt` is written in the same transaction as what the item did, so an item the server
has taken is never taken twice, whatever the network does with the answer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Building, CommonArea
from agir.repairs.models import RepairRequest


class Outcome(models.TextChoices):
    CREATED = "created", _("Enregistré")
    REFUSED = "refused", _("Refusé")


class SyncReceipt(models.Model):
    """One item of a caretaker's queue, as the server answered it the first time."""

    uuid = models.UUIDField(_("identifiant donné par le téléphone"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=32)
    outcome = models.CharField(_("résultat"), max_length=16, choices=Outcome.choices)
    answer = models.JSONField(_("réponse"), default=dict)
    received_at = models.DateTimeField(_("reçu le"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("saisie synchronisée")
        verbose_name_plural = _("saisies synchronisées")

    def __str__(self) -> str:
        return f"{self.kind} {self.uuid} {self.outcome}"


class RoundCheck(models.Model):
    """One point of a building's round looked at by a caretaker: fine, or a problem."""

    uuid = models.UUIDField(unique=True)
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="round_checks")
    common_area = models.ForeignKey(
        CommonArea, on_delete=models.CASCADE, related_name="round_checks"
    )
    point = models.CharField(_("point"), max_length=32)
    ok = models.BooleanField(_("en ordre"))
    request = models.ForeignKey(
        RepairRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("vu le"))
    day = models.DateField(_("jour de la tournée"))

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["building", "day"])]
        verbose_name = _("point de tournée")
        verbose_name_plural = _("points de tournée")

    def __str__(self) -> str:
        return f"{self.building.code} {self.day} {self.point} {'ok' if self.ok else 'ko'}"
