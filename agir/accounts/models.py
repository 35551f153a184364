from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TENANT = "tenant", _("Locataire")
    CARETAKER = "caretaker", _("Gardien")
    OFFICER = "officer", _("Chargé(e) de clientèle")
    CONTRACTOR = "contractor", _("Prestataire")
    MANAGER = "manager", _("Responsable")


STAFF_ROLES = frozenset({Role.OFFICER, Role.MANAGER})


class User(AbstractUser):
    """A person who signs in. What they may see follows from `role` and the profile it links."""

    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices, default=Role.TENANT)

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


class SignupFailure(models.Model):
    """A failed try at the sign-up page, counted to slow down guessing."""

    lease_reference = models.CharField(max_length=64, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("échec d'inscription")
        verbose_name_plural = _("échecs d'inscription")

    def __str__(self) -> str:
        return f"{self.lease_reference} {self.ip} {self.at:%Y-%m-%d %H:%M}"
