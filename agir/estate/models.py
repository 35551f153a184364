"""The estate: where people live and what is maintained, and who lives, guards and repairs there."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A set of buildings that one or more caretakers cover."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A résidence or groupe: buildings managed together under one name."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    postcode = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("commune"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("résidence")
        verbose_name_plural = _("résidences")

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="buildings")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("secteur")
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    street_address = models.CharField(_("adresse"), max_length=120)
    postcode = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("commune"), max_length=80)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("bâtiment")
        verbose_name_plural = _("bâtiments")

    def __str__(self) -> str:
        return f"{self.name} — {self.street_address}"


class Entrance(models.Model):
    """A cage: one door, one staircase, one lift maybe."""

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="entrances")
    code = models.CharField(_("code"), max_length=8)
    street_address = models.CharField(_("adresse"), max_length=120)
    has_lift = models.BooleanField(_("ascenseur"), default=False)

    class Meta:
        ordering = ["building__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["building", "code"], name="entrance_unique_code")
        ]
        verbose_name = _("entrée")
        verbose_name_plural = _("entrées")

    def __str__(self) -> str:
        # Translated now, not lazily: a bulk import prints thousands of places.
        return gettext("%(building)s, entrée %(code)s") % {
            "building": self.building.name,
            "code": self.code,
        }


class DwellingType(models.TextChoices):
    T1 = "T1", "T1"
    T2 = "T2", "T2"
    T3 = "T3", "T3"
    T4 = "T4", "T4"
    T5 = "T5", "T5"
    T6 = "T6", "T6"


class Dwelling(models.Model):
    entrance = models.ForeignKey(Entrance, on_delete=models.PROTECT, related_name="dwellings")
    code = models.CharField(
        _("référence"), max_length=32, unique=True, help_text=_("Référence du logement dans l'ERP.")
    )
    number = models.CharField(_("numéro"), max_length=16)
    floor = models.SmallIntegerField(_("étage"))
    dwelling_type = models.CharField(_("type"), max_length=2, choices=DwellingType.choices)
    surface = models.DecimalField(_("surface (m²)"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["entrance__building__code", "entrance__code", "floor", "number"]
        verbose_name = _("logement")
        verbose_name_plural = _("logements")

    def __str__(self) -> str:
        return gettext("Logement %(number)s, %(entrance)s") % {
            "number": self.number,
            "entrance": self.entrance,
        }

    @property
    def building(self) -> Building:
        return self.entrance.building


class CommonAreaKind(models.TextChoices):
    # Codes match the catalogue's common places.
    HALL = "hall", _("Hall d'entrée")
    STAIRWELL = "stairwell", _("Escalier et paliers")
    LIFT = "lift", _("Ascenseur")
    CELLAR = "cellar", _("Caves")
    CAR_PARK = "car_park", _("Parking")
    BIN_ROOM = "bin_room", _("Local poubelles")
    OUTDOOR = "outdoor", _("Extérieurs")
    BOILER_ROOM = "boiler_room", _("Chaufferie")


class CommonArea(models.Model):
    """A shared part of a site, building or entrance. Exactly one of the three is set."""

    kind = models.CharField(_("type"), max_length=16, choices=CommonAreaKind.choices)
    label = models.CharField(_("libellé"), max_length=120)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="common_areas"
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, null=True, blank=True, related_name="common_areas"
    )
    entrance = models.ForeignKey(
        Entrance, on_delete=models.PROTECT, null=True, blank=True, related_name="common_areas"
    )

    class Meta:
        ordering = ["kind", "label"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(site__isnull=False, building__isnull=True, entrance__isnull=True)
                    | Q(site__isnull=True, building__isnull=False, entrance__isnull=True)
                    | Q(site__isnull=True, building__isnull=True, entrance__isnull=False)
                ),
                name="common_area_one_parent",
            )
        ]
        verbose_name = _("partie commune")
        verbose_name_plural = _("parties communes")

    def __str__(self) -> str:
        return self.label

    @property
    def site_id_resolved(self) -> int:
        if self.site_id:
            return self.site_id
        if self.building_id:
            return self.building.site_id
        return self.entrance.building.site_id

    def buildings(self) -> models.QuerySet[Building]:
        """The buildings this area serves (for sector checks)."""
        if self.entrance_id:
            return Building.objects.filter(entrances=self.entrance_id)
        if self.building_id:
            return Building.objects.filter(pk=self.building_id)
        return Building.objects.filter(site=self.site_id)


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    VOICE = "voice", _("Message vocal")
    LETTER = "letter", _("Courrier")
    FAX = "fax", _("Fax")


class Tenant(models.Model):
    """A person of a household, with their own contact details and channel preferences."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_ref = models.CharField(_("référence ERP"), max_length=32, unique=True)
    title = models.CharField(_("civilité"), max_length=8, blank=True)
    first_name = models.CharField(_("prénom"), max_length=80)
    last_name = models.CharField(_("nom"), max_length=80)
    email = models.EmailField(_("e-mail"), blank=True)
    mobile_phone = models.CharField(_("téléphone portable"), max_length=20, blank=True)
    landline_phone = models.CharField(_("téléphone fixe"), max_length=20, blank=True)
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    preferred_channels = models.JSONField(
        _("canaux préférés"),
        default=list,
        blank=True,
        help_text=_("Dans l'ordre de préférence : email, sms, voice, letter, fax."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tenant",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("locataire")
        verbose_name_plural = _("locataires")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def current_lease(self, on: date | None = None) -> Lease | None:
        return Lease.objects.current(on).filter(occupancies__tenant=self).first()


class LeaseQuerySet(models.QuerySet["Lease"]):
    def current(self, on: date | None = None) -> LeaseQuerySet:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Lease(models.Model):
    """A household holds a dwelling from a date to a date (open-ended while it lasts)."""

    reference = models.CharField(_("référence du bail"), max_length=32, unique=True)
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="leases")
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)
    tenants = models.ManyToManyField(Tenant, through="Occupancy", related_name="leases")

    objects = LeaseQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="lease_ends_after_start",
            )
        ]
        verbose_name = _("bail")
        verbose_name_plural = _("baux")

    def __str__(self) -> str:
        return self.reference

    def is_current(self, on: date | None = None) -> bool:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class Occupancy(models.Model):
    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="occupancies")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="occupancies")
    is_holder = models.BooleanField(_("titulaire du bail"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lease", "tenant"], name="occupancy_unique")]
        verbose_name = _("occupant")
        verbose_name_plural = _("occupants")

    def __str__(self) -> str:
        return f"{self.tenant} — {self.lease}"


class Caretaker(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="caretaker"
    )
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    sectors = models.ManyToManyField(Sector, related_name="caretakers", verbose_name=_("secteurs"))

    class Meta:
        verbose_name = _("gardien")
        verbose_name_plural = _("gardiens")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class Contractor(models.Model):
    name = models.CharField(_("raison sociale"), max_length=120)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    fax = models.CharField(_("fax"), max_length=20, blank=True)
    street_address = models.CharField(_("adresse"), max_length=120, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=80, blank=True)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="contractors")

    class Meta:
        ordering = ["name"]
        verbose_name = _("prestataire")
        verbose_name_plural = _("prestataires")

    def __str__(self) -> str:
        return self.name


class ContractKind(models.TextChoices):
    """What a maintenance contract looks after; the catalogue says which symptoms each covers."""

    PLUMBING = "plumbing", _("Robinetterie multiservices")
    GAS_BOILER = "gas_boiler", _("Chaudières gaz")
    VENTILATION = "ventilation", _("VMC")
    LIFT = "lift", _("Ascenseurs")
    ACCESS_CONTROL = "access_control", _("Contrôle d'accès et interphonie")
    DOORS_GATES = "doors_gates", _("Portes et portails automatiques")
    COLLECTIVE_HEATING = "collective_heating", _("Chauffage collectif")
    WATER_METERS = "water_meters", _("Compteurs d'eau")
    PEST_CONTROL = "pest_control", _("Désinsectisation, dératisation")
    TV_AERIAL = "tv_aerial", _("Antenne collective")


class MaintenanceContractQuerySet(models.QuerySet["MaintenanceContract"]):
    def in_force(self, on: date | None = None) -> MaintenanceContractQuerySet:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def covering(
        self, building: Building | None, kind: str, on: date | None = None, *, site_id=None
    ) -> MaintenanceContractQuerySet:
        """Contracts of `kind` in force on `on` (default today) for `building` or its site.

        A contract names buildings, whole sites, or both. The contracts that name the building
        itself come first (a building may have its own contract inside a site-wide one), then
        the most recent. `building=None` with `site_id` asks for a site-wide place (the grounds).
        """
        if building is not None:
            site_id = building.site_id
        through_buildings = MaintenanceContract.buildings.through.objects.filter(
            maintenancecontract=models.OuterRef("pk"), building=building
        )
        through_sites = MaintenanceContract.sites.through.objects.filter(
            maintenancecontract=models.OuterRef("pk"), site=site_id
        )
        on_building = (
            models.Exists(through_buildings) if building is not None else models.Value(False)
        )
        return (
            self.in_force(on)
            .filter(kind=kind)
            .annotate(on_building=on_building, on_site=models.Exists(through_sites))
            .filter(Q(on_building=True) | Q(on_site=True))
            .order_by("-on_building", "-start_date", "reference")
        )


class MaintenanceContract(models.Model):
    """Which contractor maintains which equipment in which buildings or sites, and how to reach it.

    What a contract covers is paid through the service charges (decree 87-713), so a repair it
    covers is never billed to the tenant again: see `agir.catalogue.payer.who_pays`.
    """

    reference = models.CharField(_("référence"), max_length=32, unique=True)
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, related_name="contracts")
    kind = models.CharField(_("objet"), max_length=24, choices=ContractKind.choices)
    sites = models.ManyToManyField(
        Site,
        blank=True,
        related_name="contracts",
        verbose_name=_("résidences entières"),
        help_text=_("Le contrat couvre tous les bâtiments et les extérieurs de ces résidences."),
    )
    buildings = models.ManyToManyField(
        Building, blank=True, related_name="contracts", verbose_name=_("bâtiments")
    )
    phone = models.CharField(_("téléphone pour les locataires"), max_length=20)
    hours = models.CharField(_("horaires"), max_length=120)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)

    objects = MaintenanceContractQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="contract_ends_after_start",
            )
        ]
        verbose_name = _("contrat d'entretien")
        verbose_name_plural = _("contrats d'entretien")

    def __str__(self) -> str:
        return f"{self.reference} — {self.contractor} ({self.get_kind_display()})"
