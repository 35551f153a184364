from django.contrib import admin

from .models import Commitment


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    """Managers edit the delays; each new or qualified request takes them from then on."""

    list_display = (
        "urgency",
        "take_in_hand_amount",
        "take_in_hand_unit",
        "intervention_amount",
        "intervention_unit",
        "updated_at",
    )
    list_editable = (
        "take_in_hand_amount",
        "take_in_hand_unit",
        "intervention_amount",
        "intervention_unit",
    )
