from django import forms
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField


class ScheduleForm(forms.Form):
    start = forms.DateTimeField(
        label=_("Début"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(
        label=_("Fin"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    message = FreeTextField(label=_("Message au locataire"), required=False, max_length=1000)


class PostponeForm(forms.Form):
    reason = FreeTextField(label=_("Raison (dite au locataire)"), max_length=500)
    new_start = forms.DateTimeField(
        label=_("Nouveau début"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    new_end = forms.DateTimeField(
        label=_("Nouvelle fin"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ReasonForm(forms.Form):
    reason = FreeTextField(label=_("Raison"), max_length=1000)


class OptionalMessageForm(forms.Form):
    message = FreeTextField(label=_("Message"), required=False, max_length=1000)


class CommentForm(forms.Form):
    message = FreeTextField(label=_("Message"), max_length=2000, widget=forms.Textarea)
    public = forms.BooleanField(label=_("Visible du locataire"), required=False, initial=True)
