from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ActivationCode, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*BaseUserAdmin.fieldsets, ("AGIR", {"fields": ("role", "sectors")}))
    filter_horizontal = (*BaseUserAdmin.filter_horizontal, "sectors")


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


# The second factor's devices: an administrator sees who has one and deletes the device of a
# lost phone (its owner sets up a new one at the next sign-in). Neither the secret nor the
# recovery codes are shown here: django-otp's own admin pages (QR code, tokens) are replaced.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(TOTPDevice, StaticDevice)
class SecondFactorDeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__last_name")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # each person enrols their own phone
