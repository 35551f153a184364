from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField
from agir.repairs.models import Origin

from .entry import ORIGINS


class EntryForm(forms.Form):
    choice = forms.CharField(widget=forms.HiddenInput, required=False)
    origin = forms.ChoiceField(
        label=_("Le locataire"),
        choices=[(o.value, o.label) for o in ORIGINS],
        initial=Origin.PHONE,
        widget=forms.RadioSelect,
    )
    description = FreeTextField(
        label=_("Ce que dit le locataire"), required=False, max_length=2000, widget=forms.Textarea
    )
    access_notes = FreeTextField(
        label=_("Disponibilités et accès (code, étage…)"), required=False, max_length=500
    )
    accept_charge = forms.BooleanField(
        label=_("Le locataire a compris que la réparation peut lui être facturée"),
        required=False,
    )
    key = forms.UUIDField(widget=forms.HiddenInput)
