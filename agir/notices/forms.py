from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agir.backoffice.place_search.fields import PlaceField
from agir.backoffice.place_search.search import BUILDING, ENTRANCE, SITE, NoPlace, one_place
from agir.catalogue.models import Equipment
from agir.core.text import FreeTextField

SCOPES = [
    ("entrance", _("l'entrée")),
    ("building", _("le bâtiment")),
    ("site", _("la résidence")),
]


class NoticeForm(forms.Form):
    matches: list = []  # when the place typed names several: the first of them
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
    # Typed, never listed (a large estate has thousands of buildings and entrances):
    # suggestions as the officer types (agir/backoffice/place_search).
    place = PlaceField(
        label=_("Lieu"),
        for_notices=True,
        help_text=_(
            "Code ou nom de la résidence ou du bâtiment ; une entrée : le code du bâtiment, "
            "une barre et l'entrée (« B12 / A »). Inutile avec une demande liée."
        ),
    )
    equipment = forms.ModelChoiceField(
        label=_("Équipement concerné"),
        queryset=Equipment.objects.order_by("label"),
        required=False,
        help_text=_("Les locataires qui signalent cet équipement pourront suivre la demande liée."),
    )

    def clean(self) -> dict:
        """The place typed, as the site, building or entrance the notice goes on (the view
        and `service.place_for` take them from there)."""
        data = super().clean()
        data.update(site=None, building=None, entrance=None)
        text = data.get("place")
        if not text:
            return data
        scope = data.get("scope", "")
        try:
            place = one_place(text, prefer=scope)
        except NoPlace as error:
            self.matches = error.matches
            if error.matches:
                message = _(
                    "Plusieurs lieux correspondent à « %(text)s » : choisissez-en un parmi les "
                    "suggestions, ou tapez son code."
                )
            else:
                message = _(
                    "Aucune résidence, aucun bâtiment ni aucune entrée ne correspond à "
                    "« %(text)s »."
                )
            self.add_error("place", forms.ValidationError(message, params={"text": text}))
            return data
        if not (data.get("request") or "").strip():
            # Without a request to take it from, the place must be as narrow as the scope.
            if scope == "entrance" and place.kind != ENTRANCE:
                message = _(
                    "Pour un avis à l'entrée, choisissez une entrée : le code du bâtiment, une "
                    "barre et l'entrée."
                )
                self.add_error("place", message)
            elif scope == "building" and place.kind == SITE:
                self.add_error("place", _("Pour un avis au bâtiment, choisissez un bâtiment."))
        data[{SITE: "site", BUILDING: "building", ENTRANCE: "entrance"}[place.kind]] = place.obj
        return data
