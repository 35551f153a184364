from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.accounts.roles import BACK_OFFICE_ROLES


class Role(models.TextChoices):
    TENANT = "tenant", _("Locataire")
    CARETAKER = "caretaker", _("Gardien")
    OFFICER = "officer", _("Chargé(e) de clientèle")
    CONTRACTOR = "contractor", _("Prestataire")
    MANAGER = "manager", _("Responsable")
    ADMINISTRATOR = "administrator", _("Administrateur")


# What each role may do and how it signs in: agir/accounts/roles.py.
STAFF_ROLES = BACK_OFFICE_ROLES


class User(AbstractUser):
    """A person who signs in. What they may see follows from `role` and the profile it links."""

    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices, default=Role.TENANT)
    # An officer's scope: the sectors whose requests they handle; none means every sector.
    sectors = models.ManyToManyField(
        "estate.Sector",
        blank=True,
        related_name="officers",
        verbose_name=_("secteurs"),
        help_text=_("Pour un(e) chargé(e) de clientèle : vide, tous les secteurs."),
    )

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    @property
    def is_back_office(self) -> bool:
        return self.role in STAFF_ROLES


class ActivationCode(models.Model):
    """A one-time code printed on a letter, with which a tenant creates their account.

    Only a hash is stored (as for a password): the code in clear exists only on the letter.
    """

    tenant = models.ForeignKey(
        "estate.Tenant",
        on_delete=models.CASCADE,
        related_name="activation_codes",
        verbose_name=_("locataire"),
    )
    code_hash = models.CharField(_("empreinte du code"), max_length=128)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["tenant", "used_at"])]
        verbose_name = _("code d'activation")
        verbose_name_plural = _("codes d'activation")

    def __str__(self) -> str:
        return f"{self.tenant} — {self.created_at:%Y-%m-%d}"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class Attempt(models.Model):
    """Something a client tried that is counted to slow down guessing or flooding: a failed
    sign-up, a password reset request (agir/accounts/throttle.py)."""

    class Action(models.TextChoices):
        SIGNUP_FAILURE = "signup_failure", _("inscription refusée")
        PASSWORD_RESET = "password_reset", _("demande de nouveau mot de passe")

    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # What it was about: the lease reference typed (sign-up), a keyed digest of the email
    # address (reset: the table keeps no address in clear).
    subject = models.CharField(_("objet"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("adresse du client"), null=True, blank=True)
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["action", "ip", "at"]),
            models.Index(fields=["action", "subject", "at"]),
            # Rows older than a day are deleted as new ones come (throttle.record).
            models.Index(fields=["at"]),
        ]
        verbose_name = _("essai compté")
        verbose_name_plural = _("essais comptés")

    def __str__(self) -> str:
        return f"{self.action} {self.subject} {self.ip} {self.at:%Y-%m-%d %H:%M}"
