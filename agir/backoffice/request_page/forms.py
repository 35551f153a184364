"""The forms of the request page's actions (each posted with the action's name as prefix)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agir.backoffice.models import CannedAnswer
from agir.catalogue.models import Responsibility, Urgency
from agir.core.text import FreeTextField


class TakeInHandForm(forms.Form):
    responsibility = forms.ChoiceField(label=_("Qui paie"), choices=Responsibility.choices)
    urgency = forms.ChoiceField(label=_("Urgence"), choices=Urgency.choices)
    reason = FreeTextField(
        label=_("Raison, si vous changez qui paie ou l'urgence (dite au locataire)"),
        required=False,
        max_length=500,
    )
    message = FreeTextField(label=_("Message au locataire"), required=False, max_length=1000)


class MergeForm(forms.Form):
    # A reference the officer types or picks from the suggestions: not free text.
    into = forms.CharField(label=_("N° de la demande à garder"), max_length=16)
    message = FreeTextField(label=_("Message au locataire"), required=False, max_length=1000)


class RejectForm(forms.Form):
    reason = FreeTextField(label=_("Raison (dite au locataire)"), max_length=1000)
    price = forms.DecimalField(
        label=_("Prix du bailleur, si le locataire l'a demandé (€ TTC)"),
        required=False,
        min_value=1,
        max_digits=8,
        decimal_places=2,
    )


class AnswerForm(forms.Form):
    canned = forms.ModelChoiceField(
        label=_("Réponse type"),
        queryset=CannedAnswer.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
    )
    message = FreeTextField(
        label=_("Réponse au locataire"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, canned: list[CannedAnswer] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["canned"]
        field.queryset = CannedAnswer.objects.in_use()
        # Picking one puts its text in the answer, to be changed before sending (htmx); without
        # JavaScript an empty answer sends the one picked.
        field.widget.attrs.update(
            {
                "hx-get": reverse("backoffice:canned_answer_text"),
                "hx-trigger": "change",
                "hx-target": f"#id_{self.add_prefix('message')}",
                "hx-swap": "outerHTML",
            }
        )
        if canned is not None:
            # The page already read them: no second query to draw the choices.
            field.choices = [("", field.empty_label)] + [(c.pk, c.title) for c in canned]

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("message") or "").strip():
            canned = data.get("canned")
            if canned is None:
                raise forms.ValidationError(_("Écrivez la réponse ou choisissez une réponse type."))
            data["message"] = canned.body
        return data


class NoteForm(forms.Form):
    message = FreeTextField(
        label=_("Note interne (jamais montrée au locataire)"),
        max_length=2000,
        widget=forms.Textarea,
    )


class QuoteForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Montant du devis (€ TTC)"), min_value=1, max_digits=8, decimal_places=2
    )
    covers = FreeTextField(label=_("Ce qu'il comprend"), max_length=1000)
