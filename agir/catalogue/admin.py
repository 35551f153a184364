from django.contrib import admin

from .models import CatalogueEntry, Equipment, Place, Symptom


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "scope", "position")
    list_filter = ("scope",)
    search_fields = ("code", "label")


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "contract_kind", "position")
    list_filter = ("contract_kind", "places")
    search_fields = ("code", "label")
    filter_horizontal = ("places",)


@admin.register(Symptom)
class SymptomAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "position")
    search_fields = ("code", "label")


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "place", "equipment", "symptom", "responsibility", "urgency")
    list_filter = ("responsibility", "urgency", "place", "active")
    search_fields = ("code", "title", "legal_basis")
    list_select_related = ("place", "equipment", "symptom")
    fieldsets = (
        (None, {"fields": ("code", "title", "place", "equipment", "symptom", "active")}),
        ("Règles", {"fields": ("responsibility", "legal_basis", "urgency", "advice", "keywords")}),
        ("Urgence", {"fields": ("emergency_call", "emergency_danger", "emergency_steps")}),
    )
