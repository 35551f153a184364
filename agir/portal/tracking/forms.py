"""The tenant's forms on a request page. Every message in plain French."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agir.quality.models import MAX_COMMENT_LENGTH, Score
from agir.repairs.models import MAX_DESCRIPTION_LENGTH

MAX_REASON_LENGTH = 1000


# Django fills in the limit and the length written.
TOO_LONG = _(
    "C'est trop long : %(limit_value)d caractères au plus (vous en avez écrit %(show_value)d)."
)


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        help_text=_("Votre bailleur le lira. N'écrivez rien sur votre santé."),
        max_length=MAX_DESCRIPTION_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Écrivez votre message."),
            "max_length": TOO_LONG,
        },
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Votre photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={
            "required": _("Choisissez une photo."),
            "empty": _("Le fichier est vide."),
            "invalid": _("Choisissez une photo."),
        },
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi ? (facultatif)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Qu'est-ce qui ne va pas ?"),
        help_text=_("Par exemple : « Ça fuit encore sous l'évier. »"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Dites-nous ce qui ne va pas."),
            "max_length": TOO_LONG,
        },
    )


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Êtes-vous satisfait(e) de la réparation ?"),
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une note de 1 à 5."),
            "invalid_choice": _("Choisissez une note de 1 à 5."),
        },
    )
    comment = forms.CharField(
        label=_("Voulez-vous ajouter quelque chose ? (facultatif)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
