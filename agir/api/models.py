"""API clients: one row per integration, with the hash of its token and what it may do."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiClientQuerySet(models.QuerySet["ApiClient"]):
    def active(self) -> ApiClientQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    """An integration (the ERP, a city's Open311 portal, a partner) and its token.

    The token itself is shown once, when it is made; only its SHA-256 is kept. Tokens are long
    random strings, so a fast hash is enough: nobody can guess one from its hash.
    """

    name = models.CharField(_("nom"), max_length=120, unique=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    scopes = models.JSONField(_("droits"), default=list, blank=True)
    # The first characters of the token, in clear: finds the row, and tells people which
    # token a log line is about without revealing it.
    token_prefix = models.CharField(_("début du jeton"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("client de l'API")
        verbose_name_plural = _("clients de l'API")

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
