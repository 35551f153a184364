"""The outbox: what must be told to whom, on which channel, and every attempt to tell it."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Channel, Tenant
from agir.repairs.models import RepairRequest, RequestEvent


class NotificationState(models.TextChoices):
    QUEUED = "queued", _("En attente")
    SENDING = "sending", _("Envoi en cours")
    SENT = "sent", _("Envoyé")
    DELIVERED = "delivered", _("Remis")
    FAILED = "failed", _("Échec définitif")


class Notification(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        RepairRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    event = models.ForeignKey(
        RequestEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    tenant = models.ForeignKey(
        Tenant, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    recipient_name = models.CharField(_("destinataire"), max_length=160)
    address = models.CharField(_("adresse"), max_length=254)
    channel = models.CharField(_("canal"), max_length=8, choices=Channel.choices)
    template = models.CharField(_("modèle"), max_length=48)
    context = models.JSONField(default=dict, blank=True)
    # Unique per (event, recipient, channel): queuing the same thing twice is a no-op, and the
    # key travels to providers that deduplicate.
    idempotency_key = models.CharField(max_length=120, unique=True)
    state = models.CharField(
        _("état"),
        max_length=10,
        choices=NotificationState.choices,
        default=NotificationState.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"))
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    provider_id = models.CharField(_("identifiant chez le fournisseur"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_name} ({self.template})"


class DeliveryAttempt(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    started_at = models.DateTimeField(_("début"))
    finished_at = models.DateTimeField(_("fin"))
    succeeded = models.BooleanField(_("réussie"))
    permanent = models.BooleanField(_("échec définitif"), default=False)
    error = models.TextField(_("erreur"), blank=True)
    provider_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["notification", "number"]
        verbose_name = _("tentative d'envoi")
        verbose_name_plural = _("tentatives d'envoi")

    def __str__(self) -> str:
        return f"#{self.number} {'ok' if self.succeeded else self.error}"
