from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import Equipment
from agir.core.text import FreeTextField
from agir.estate.models import Building, Entrance, Site

SCOPES = [
    ("entrance", _("l'entrée")),
    ("building", _("le bâtiment")),
    ("site", _("la résidence")),
]


class NoticeForm(forms.Form):
    text = FreeTextField(
        label=_("Avis"),
        max_length=300,
        help_text=_("Par exemple : « Ascenseur en panne, intervention prévue le 12 »."),
    )
    ends_on = forms.DateField(
        label=_("Affiché jusqu'au"), widget=forms.DateInput(attrs={"type": "date"})
    )
    # A reference typed or carried from the request's page: not free text.
    request = forms.CharField(label=_("Demande liée (n°)"), required=False, max_length=16)
    scope = forms.ChoiceField(
        label=_("Affiché pour"), choices=SCOPES, initial="entrance", widget=forms.RadioSelect
    )
    entrance = forms.ModelChoiceField(
        label=_("Entrée"),
        queryset=Entrance.objects.select_related("building").order_by("building__code", "code"),
        required=False,
    )
    building = forms.ModelChoiceField(
        label=_("Bâtiment"), queryset=Building.objects.order_by("code"), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Résidence"), queryset=Site.objects.order_by("name"), required=False
    )
    equipment = forms.ModelChoiceField(
        label=_("Équipement concerné"),
        queryset=Equipment.objects.order_by("label"),
        required=False,
        help_text=_("Les locataires qui signalent cet équipement pourront suivre la demande liée."),
    )
