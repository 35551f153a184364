"""The catalogue behind the pictures: places, equipment, symptoms, and the rules for each triple."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agir.estate.models import ContractKind


class PlaceScope(models.TextChoices):
    DWELLING = "dwelling", _("Logement")
    COMMON = "common", _("Parties communes")


class Responsibility(models.TextChoices):
    """Who pays. An entry holds one of the first three (who pays where no contract covers
    it); CONTRACT is what `agir.catalogue.payer.who_pays` answers when a maintenance contract
    in force covers the place, and what an officer may decide."""

    TENANT = "tenant", _("Locataire (réparation locative)")
    LANDLORD = "landlord", _("Bailleur")
    CONTRACT = "contract", _("Contrat d'entretien (charges)")
    ASSESS = "assess", _("À déterminer")


# What an entry may say by itself, without knowing the place's contracts.
ENTRY_RESPONSIBILITIES = (Responsibility.TENANT, Responsibility.LANDLORD, Responsibility.ASSESS)


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Urgence absolue")
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    PLANNED = "planned", _("Programmable")


class EmergencyCall(models.TextChoices):
    GAS = "gas_emergency", _("Urgence gaz")
    ELECTRICITY = "electricity_emergency", _("Dépannage électricité")
    FIREFIGHTERS = "firefighters", _("Pompiers")
    LANDLORD_ON_CALL = "landlord_on_call", _("Astreinte du bailleur")
    LIFT = "lift_emergency", _("Dépannage ascenseur")


class Place(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    scope = models.CharField(_("portée"), max_length=8, choices=PlaceScope.choices)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["scope", "position"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self) -> str:
        return self.label

    @property
    def picture(self) -> str:
        return f"place/{self.code}"


class Equipment(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    places = models.ManyToManyField(Place, related_name="equipment", verbose_name=_("lieux"))
    contract_kind = models.CharField(
        _("contrat d'entretien habituel"),
        max_length=24,
        choices=ContractKind.choices,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("équipement")
        verbose_name_plural = _("équipements")

    def __str__(self) -> str:
        return self.label

    @property
    def picture(self) -> str:
        return f"equipment/{self.code}"


class Symptom(models.Model):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("symptôme")
        verbose_name_plural = _("symptômes")

    def __str__(self) -> str:
        return self.label

    @property
    def picture(self) -> str:
        return f"symptom/{self.code}"


class EntryQuerySet(models.QuerySet["CatalogueEntry"]):
    def active(self) -> EntryQuerySet:
        return self.filter(active=True).select_related("place", "equipment", "symptom")


class CatalogueEntry(models.Model):
    """What AGIR knows about one (place, equipment, symptom): who pays, how urgent, what to do."""

    code = models.CharField(_("code"), max_length=48, unique=True)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="entries")
    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="entries")
    symptom = models.ForeignKey(Symptom, on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(_("intitulé"), max_length=120)
    responsibility = models.CharField(
        _("responsabilité sans contrat"),
        max_length=10,
        choices=[(value.value, value.label) for value in ENTRY_RESPONSIBILITIES],
        help_text=_("Qui paie quand aucun contrat d'entretien ne couvre ce problème."),
    )
    contract_kind = models.CharField(
        _("contrat qui le couvre"),
        max_length=24,
        choices=ContractKind.choices,
        blank=True,
        help_text=_(
            "Là où un contrat d'entretien de ce type est en vigueur, l'entreprise intervient et "
            "le coût est compris dans les charges (décret n° 87-713) : rien n'est facturé au "
            "locataire en plus."
        ),
    )
    legal_basis = models.TextField(_("fondement"))
    urgency = models.CharField(_("urgence"), max_length=10, choices=Urgency.choices)
    advice = models.TextField(_("conseils"), blank=True)
    keywords = models.JSONField(_("mots-clés"), default=list, blank=True)
    emergency_call = models.CharField(
        _("numéro d'urgence à appeler"), max_length=24, choices=EmergencyCall.choices, blank=True
    )
    emergency_danger = models.CharField(_("danger"), max_length=200, blank=True)
    emergency_steps = models.JSONField(_("que faire maintenant"), default=list, blank=True)
    active = models.BooleanField(_("actif"), default=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "equipment", "symptom"], name="catalogue_entry_unique_triple"
            )
        ]
        verbose_name = _("entrée du catalogue")
        verbose_name_plural = _("entrées du catalogue")

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_emergency(self) -> bool:
        return bool(self.emergency_call)
