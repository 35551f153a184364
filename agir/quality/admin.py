from django.contrib import admin

from .models import SatisfactionSurvey


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    """Answers are the tenants' words: staff read them, and never write or change them."""

    list_display = ["request", "tenant", "score", "answered_at"]
    list_filter = ["score", "answered_at"]
    search_fields = ["request__reference", "tenant__last_name", "comment"]
    date_hierarchy = "answered_at"
    list_select_related = ["request", "tenant"]
    readonly_fields = ["request", "tenant", "score", "comment", "answered_by", "answered_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
