from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agir.accounts import admin_actions
from agir.core.text import FreeTextField

from . import models


@admin.register(models.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(models.Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "postcode", "city")
    search_fields = ("code", "name", "city")


class EntranceInline(admin.TabularInline):
    model = models.Entrance
    extra = 0


@admin.register(models.Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "street_address", "site", "sector")
    list_filter = ("sector", "site")
    search_fields = ("code", "name", "street_address")
    inlines = [EntranceInline]
    actions = [admin_actions.print_letters_for_buildings]


@admin.register(models.Dwelling)
class DwellingAdmin(admin.ModelAdmin):
    list_display = ("code", "number", "floor", "dwelling_type", "surface", "entrance")
    list_filter = ("dwelling_type",)
    search_fields = ("code", "number", "entrance__building__name")
    list_select_related = ("entrance__building",)
    raw_id_fields = ("entrance",)


@admin.register(models.CommonArea)
class CommonAreaAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "site", "building", "entrance")
    list_filter = ("kind",)
    search_fields = ("label",)
    raw_id_fields = ("site", "building", "entrance")


class OccupancyInline(admin.TabularInline):
    model = models.Occupancy
    extra = 0
    raw_id_fields = ("tenant",)


@admin.register(models.Lease)
class LeaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "dwelling", "start_date", "end_date")
    search_fields = ("reference", "dwelling__code")
    raw_id_fields = ("dwelling",)
    inlines = [OccupancyInline]


@admin.register(models.Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ("external_ref", "last_name", "first_name", "email", "mobile_phone")
    search_fields = ("external_ref", "last_name", "first_name", "email")
    raw_id_fields = ("user",)
    actions = [admin_actions.print_letters_for_tenants, admin_actions.email_links_to_tenants]


@admin.register(models.Caretaker)
class CaretakerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "phone")
    filter_horizontal = ("sectors",)
    raw_id_fields = ("user",)


@admin.register(models.Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ("name", "phone", "email")
    search_fields = ("name", "siret")
    filter_horizontal = ("users",)


class MaintenanceContractForm(forms.ModelForm):
    class Meta:
        model = models.MaintenanceContract
        fields = (
            "reference",
            "contractor",
            "kind",
            "sites",
            "buildings",
            "phone",
            "hours",
            "start_date",
            "end_date",
        )
        # Shown to tenants (when to call the contractor).
        field_classes = {"hours": FreeTextField}

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("sites") and not cleaned.get("buildings"):
            raise forms.ValidationError(
                _("Indiquez les résidences ou les bâtiments que couvre ce contrat.")
            )
        return cleaned


@admin.register(models.MaintenanceContract)
class MaintenanceContractAdmin(admin.ModelAdmin):
    """Who pays follows these rows (agir.catalogue.payer): see docs/catalogue.md."""

    form = MaintenanceContractForm
    list_display = ("reference", "contractor", "kind", "phone", "start_date", "end_date")
    list_filter = ("kind", "sites")
    search_fields = ("reference", "contractor__name")
    filter_horizontal = ("sites", "buildings")
