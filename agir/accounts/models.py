from django.contrib.auth.models import AbstractUser
from django.db import models
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
