from django.contrib import admin

from .models import Quote


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["request", "amount", "state", "sent_at", "answered_at"]
    list_filter = ["state"]
    raw_id_fields = ["request"]
    readonly_fields = ["sent_by", "answered_by"]
