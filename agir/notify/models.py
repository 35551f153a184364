"""The outbox: what must be told to whom, on which channel, and every attempt to tell it."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Channel, Tenant
from agir.notify.kinds import MessageKind
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
    # Who holds the claim: a new token at each claim, so that a worker whose claim expired and
    # was taken over can tell that it may no longer record a result.
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    provider_id = models.CharField(_("identifiant chez le fournisseur"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("remise le"), null=True, blank=True)
    # The notification on the previous channel whose permanent failure led to this one.
    fallback_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fallback",
        verbose_name=_("remplace"),
    )
    # What was produced for the person, relative to NOTIFY_DIR: the letter or fax PDF, the
    # voice message's audio.
    artifact = models.CharField(_("fichier"), max_length=200, blank=True)
    print_batch = models.ForeignKey(
        "PrintBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("lot d'impression"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_name} ({self.template})"

    @property
    def kind_label(self) -> str:
        try:
            return MessageKind(self.template).label
        except ValueError:
            return self.template

    @property
    def key_base(self) -> str:
        """The key without its channel: the same message to the same person, on any channel."""
        return self.idempotency_key.rsplit(":", 1)[0]


class AttemptOutcome(models.TextChoices):
    IN_FLIGHT = "in_flight", _("en cours")
    SENT = "sent", _("accepté")
    FAILED = "failed", _("échec")
    # The worker stopped (killed, machine lost) after writing the attempt and before recording
    # its result: the peer may have received the message.
    UNKNOWN = "unknown", _("interrompu : le destinataire a pu le recevoir")


class DeliveryAttempt(models.Model):
    """One hand-over to a peer. Written (and committed) before the message leaves, completed
    after: a worker killed in between leaves an attempt without a result, the trace of a send
    that may have reached the peer."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    started_at = models.DateTimeField(_("début"))
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    # None until the result is recorded; stays None when the worker never came back, or when
    # the peer gave no answer in time (finished, the message may have arrived).
    succeeded = models.BooleanField(_("réussie"), null=True, blank=True)
    # Set when another worker took the notification over without this attempt's result.
    interrupted = models.BooleanField(_("interrompue"), default=False)
    permanent = models.BooleanField(_("échec définitif"), default=False)
    error = models.TextField(_("erreur"), blank=True)
    provider_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["notification", "number"]
        verbose_name = _("tentative d'envoi")
        verbose_name_plural = _("tentatives d'envoi")

    def __str__(self) -> str:
        return f"#{self.number} {self.outcome}" + (f": {self.error}" if self.error else "")

    @property
    def outcome(self) -> str:
        if self.succeeded is True:
            return AttemptOutcome.SENT
        if self.succeeded is False:
            return AttemptOutcome.FAILED
        if self.interrupted or self.finished_at is not None:
            return AttemptOutcome.UNKNOWN
        return AttemptOutcome.IN_FLIGHT

    def get_outcome_display(self) -> str:
        return AttemptOutcome(self.outcome).label


class DeliveryReport(models.Model):
    """What a provider told us afterwards (delivered, failed and why), through a webhook or a
    spool folder."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reports")
    received_at = models.DateTimeField(_("reçu le"))
    delivered = models.BooleanField(_("remis"))
    reason = models.TextField(_("raison"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    # SHA-256 of what the provider sent: the same report delivered again is recognised.
    digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["notification", "received_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "digest"],
                condition=~models.Q(digest=""),
                name="delivery_report_recorded_once",
            )
        ]
        verbose_name = _("accusé de réception")
        verbose_name_plural = _("accusés de réception")

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} {'ok' if self.delivered else self.reason}"


def default_channels() -> list[str]:
    return [Channel.EMAIL, Channel.SMS, Channel.VOICE, Channel.LETTER, Channel.FAX]


class NotificationRule(models.Model):
    """For one kind of message: which channels may carry it, in which order of fallback."""

    kind = models.CharField(_("message"), max_length=32, choices=MessageKind.choices, unique=True)
    enabled = models.BooleanField(_("envoyer ce message"), default=True)
    use_preferences = models.BooleanField(
        _("canaux préférés du locataire d'abord"),
        default=True,
        help_text=_(
            "Essayer d'abord les canaux que la personne a choisis, puis les canaux de secours "
            "dans l'ordre ci-dessous."
        ),
    )
    channels = models.JSONField(
        _("canaux, dans l'ordre de secours"),
        default=default_channels,
        help_text=_("Par exemple : email, sms, voice, letter (fax possible)."),
    )
    attach_letter = models.BooleanField(
        _("joindre le courrier en PDF à l'e-mail"),
        default=False,
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("règle d'envoi")
        verbose_name_plural = _("règles d'envoi")

    def __str__(self) -> str:
        return self.get_kind_display()


class MessageTemplate(models.Model):
    """The French wording of one kind of message, on every channel (Django template language).

    Seeded from the files shipped under agir/notify/channels/<channel>/templates/; managers
    edit them in the admin.
    """

    kind = models.CharField(_("message"), max_length=32, choices=MessageKind.choices, unique=True)
    email_subject = models.CharField(_("e-mail : objet"), max_length=200)
    email_text = models.TextField(_("e-mail : texte"))
    email_html = models.TextField(_("e-mail : HTML"))
    sms_text = models.TextField(
        _("SMS"), help_text=_("160 caractères par SMS ; au-delà, le message part en plusieurs.")
    )
    letter_html = models.TextField(_("courrier et fax : corps de la lettre (HTML)"))
    voice_script = models.TextField(
        _("message vocal : texte lu"),
        help_text=_("Écrit pour être entendu : phrases courtes, sans abréviations."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("modèle de message")
        verbose_name_plural = _("modèles de message")

    def __str__(self) -> str:
        return self.get_kind_display()


class PrintBatch(models.Model):
    """The letters of one day, printed and posted together by the mail room."""

    day = models.DateField(_("jour"), unique=True)
    built_at = models.DateTimeField(_("préparé le"), null=True, blank=True)
    built_count = models.PositiveIntegerField(_("lettres dans le fichier"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("lot d'impression")
        verbose_name_plural = _("lots d'impression")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
