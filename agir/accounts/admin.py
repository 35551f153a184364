from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ActivationCode, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*BaseUserAdmin.fieldsets, ("AGIR", {"fields": ("role",)}))


@admin.register(ActivationCode)
class ActivationCodeAdmin(admin.ModelAdmin):
    """Codes are seen, never read: only their hash is stored."""

    list_display = ("tenant", "created_at", "expires_at", "used_at")
    list_filter = ("used_at",)
    search_fields = ("tenant__last_name", "tenant__external_ref")
    fields = ("tenant", "created_at", "expires_at", "used_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # a code is issued by printing a letter
