"""The one form of the guided entry that takes text: «Précisions»."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agir.core.text import FreeTextField
from agir.repairs.models import MAX_DESCRIPTION_LENGTH

from . import availability

MAX_ACCESS_NOTES_LENGTH = 500


class DetailsForm(forms.Form):
    description = FreeTextField(
        label=gettext_lazy("Décrivez ce que vous voyez"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    availability = forms.MultipleChoiceField(
        label=gettext_lazy("Quand êtes-vous chez vous ?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_notes = FreeTextField(
        label=gettext_lazy("Informations pour entrer"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, today: date, description_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.description_required = description_required
        self.grid = availability.grid(today)
        self.fields["availability"].choices = [
            (half.value, half.label) for day in self.grid for half in day.halves
        ]

    def clean_description(self) -> str:
        text = self.cleaned_data["description"]
        if len(text) > MAX_DESCRIPTION_LENGTH:
            raise forms.ValidationError(
                _(
                    "La description est trop longue : %(max)s caractères au plus "
                    "(vous en avez écrit %(count)s). Raccourcissez-la."
                )
                % {"max": _thousands(MAX_DESCRIPTION_LENGTH), "count": _thousands(len(text))}
            )
        if self.description_required and not text:
            raise forms.ValidationError(
                _("Décrivez le problème en quelques mots : nous ne le connaissons pas encore.")
            )
        return text

    def clean_access_notes(self) -> str:
        text = self.cleaned_data["access_notes"]
        if len(text) > MAX_ACCESS_NOTES_LENGTH:
            raise forms.ValidationError(
                _("Ces informations sont trop longues : %(max)d caractères au plus.")
                % {"max": MAX_ACCESS_NOTES_LENGTH}
            )
        return text

    def clean_availability(self) -> list[str]:
        return availability.keep_offered(self.cleaned_data["availability"], self.today)

    def full_clean(self) -> None:
        # Keep the half-days that are still offered rather than refusing the whole form
        # because one of them passed midnight while the page was open.
        if self.is_bound and "availability" in self.data:
            data = self.data.copy()
            data.setlist(
                "availability",
                availability.keep_offered(self.data.getlist("availability"), self.today),
            )
            self.data = data
        super().full_clean()


def _thousands(number: int) -> str:
    """«10 000»: French groups digits with a (non-breaking) space."""
    return f"{number:,}".replace(",", "\u00a0")


PHOTO_LIMIT_MESSAGE = gettext_lazy("%(max)d photos au plus : retirez-en une pour en ajouter.")
