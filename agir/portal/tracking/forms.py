"""The tenant's forms on a request page. Every message in plain French."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField
from agir.estate.models import Channel, Tenant
from agir.quality.models import MAX_COMMENT_LENGTH, Score
from agir.repairs.models import MAX_DESCRIPTION_LENGTH

from . import channels

MAX_REASON_LENGTH = 1000


# Django fills in the limit and the length written.
TOO_LONG = _(
    "C'est trop long : %(limit_value)d caractères au plus (vous en avez écrit %(show_value)d)."
)


class MessageForm(forms.Form):
    message = FreeTextField(
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
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        error_messages={
            "required": _("Choisissez une photo."),
            "empty": _("Le fichier est vide."),
            "invalid": _("Choisissez une photo."),
        },
    )


class CancelForm(forms.Form):
    reason = FreeTextField(
        label=_("Pourquoi ? (facultatif)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class ReopenForm(forms.Form):
    reason = FreeTextField(
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
    comment = FreeTextField(
        label=_("Voulez-vous ajouter quelque chose ? (facultatif)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )


CHANNEL_LABELS = {
    Channel.EMAIL: _("Par e-mail"),
    Channel.SMS: _("Par SMS"),
    Channel.VOICE: _("Par un appel qui vous lit le message"),
    Channel.LETTER: _("Par courrier"),
}
RANK_LABELS = {
    Channel.EMAIL: _("Rang de l'e-mail"),
    Channel.SMS: _("Rang du SMS"),
    Channel.VOICE: _("Rang de l'appel"),
    Channel.LETTER: _("Rang du courrier"),
}
RANKS = [
    (1, _("1er choix")),
    (2, _("2e choix")),
    (3, _("3e choix")),
    (4, _("4e choix")),
]


class ChannelsForm(forms.Form):
    """One checkbox and one rank for each channel: plain fields, no script needed to order."""

    def __init__(self, *args, tenant: Tenant, **kwargs) -> None:
        self.tenant = tenant
        chosen = channels.ordered_choice(tenant)
        not_chosen = [c for c in channels.TENANT_CHANNELS if c not in chosen]
        initial = {}
        for rank, channel in enumerate([*chosen, *not_chosen], start=1):
            initial[f"use_{channel}"] = channel in chosen
            initial[f"rank_{channel}"] = rank
        super().__init__(*args, initial=initial, **kwargs)
        self.rows = []
        for channel in channels.TENANT_CHANNELS:
            self.fields[f"use_{channel}"] = forms.BooleanField(
                label=CHANNEL_LABELS[channel], required=False
            )
            self.fields[f"rank_{channel}"] = forms.TypedChoiceField(
                label=RANK_LABELS[channel],
                choices=RANKS,
                coerce=int,
                error_messages={"invalid_choice": _("Choisissez un rang de 1 à 4.")},
            )
            self.rows.append(
                {
                    "channel": channel,
                    "use": self[f"use_{channel}"],
                    "rank": self[f"rank_{channel}"],
                    "address": channels.address_for(tenant, channel),
                }
            )

    def clean(self) -> dict:
        data = super().clean()
        chosen = [c for c in channels.TENANT_CHANNELS if data.get(f"use_{c}")]
        if not chosen:
            raise forms.ValidationError(_("Choisissez au moins un moyen de vous prévenir."))
        for channel in chosen:
            if problem := channels.channel_problem(self.tenant, channel):
                self.add_error(f"use_{channel}", problem)
        ranks = [data.get(f"rank_{c}") for c in chosen]
        if None not in ranks and len(set(ranks)) != len(ranks):
            raise forms.ValidationError(
                _("Deux moyens ont le même rang : donnez un rang différent à chacun.")
            )
        data["channels"] = sorted(chosen, key=lambda c: data.get(f"rank_{c}") or 0)
        return data
