"""A notice posted on a site, a building or an entrance until its end date."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import Equipment
from agir.estate.models import Building, Entrance, Site
from agir.repairs.models import RepairRequest


class NoticeQuerySet(models.QuerySet["Notice"]):
    def in_force(self, on) -> NoticeQuerySet:
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class Notice(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Exactly one of the three: where the notice is posted.
    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    entrance = models.ForeignKey(
        Entrance, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    text = models.CharField(_("avis"), max_length=300)
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("jusqu'au"))
    # The equipment it is about: the tenants entering a request for it are offered to follow
    # the linked request instead.
    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("équipement"),
    )
    request = models.ForeignKey(
        RepairRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("demande liée"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(site__isnull=False, building__isnull=True, entrance__isnull=True)
                    | Q(site__isnull=True, building__isnull=False, entrance__isnull=True)
                    | Q(site__isnull=True, building__isnull=True, entrance__isnull=False)
                ),
                name="notice_one_place",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="notice_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]
        verbose_name = _("avis aux locataires")
        verbose_name_plural = _("avis aux locataires")

    def __str__(self) -> str:
        return self.text

    @property
    def place_label(self) -> str:
        return str(self.entrance or self.building or self.site)
