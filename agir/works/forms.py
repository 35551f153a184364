"""The forms of the work order pages: what the officer, the contractor or the caretaker types."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField
from agir.estate.models import Caretaker, Contractor

from .models import Assignee

MORNING, AFTERNOON, SLOT = "morning", "afternoon", "slot"
HALF_DAYS = {MORNING: (time(8), time(12)), AFTERNOON: (time(14), time(18))}


class OrderForm(forms.Form):
    assignee = forms.ChoiceField(
        label=_("Confier à"), choices=Assignee.choices, widget=forms.RadioSelect
    )
    contractor = forms.ModelChoiceField(
        label=_("Entreprise"), queryset=Contractor.objects.order_by("name"), required=False
    )
    caretaker = forms.ModelChoiceField(
        label=_("Gardien"),
        queryset=Caretaker.objects.select_related("user").order_by("user__last_name"),
        required=False,
    )
    technician = FreeTextField(label=_("Technicien"), max_length=120, required=False)
    job = FreeTextField(label=_("Travaux à faire"), max_length=2000, widget=forms.Textarea)
    target_date = forms.DateField(
        label=_("À faire avant le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cost_limit = forms.DecimalField(
        label=_("Montant maximum (€ HT, facultatif)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )

    def clean(self):
        data = super().clean()
        assignee = data.get("assignee")
        if assignee == Assignee.CONTRACTOR and not data.get("contractor"):
            self.add_error("contractor", _("Choisissez l'entreprise."))
        if assignee == Assignee.CARETAKER and not data.get("caretaker"):
            self.add_error("caretaker", _("Choisissez le gardien."))
        return data


class SlotMixin(forms.Form):
    """A day and a half-day, or a precise slot: what a contractor offers a tenant."""

    day = forms.DateField(
        label=_("Jour"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    slot = forms.ChoiceField(
        label=_("Moment"),
        choices=[
            (MORNING, _("le matin (8 h – 12 h)")),
            (AFTERNOON, _("l'après-midi (14 h – 18 h)")),
            (SLOT, _("à l'heure précise ci-dessous")),
        ],
        initial=MORNING,
        required=False,
    )
    start_time = forms.TimeField(
        label=_("De"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("À"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    slot_required = True

    def clean(self):
        data = super().clean()
        day = data.get("day")
        if day is None:
            if self.slot_required:
                return data
            data["start"] = data["end"] = None
            return data
        slot = data.get("slot") or MORNING
        if slot == SLOT:
            start, end = data.get("start_time"), data.get("end_time")
            if start is None or end is None:
                raise forms.ValidationError(_("Indiquez l'heure de début et de fin."))
        else:
            start, end = HALF_DAYS[slot]
        data["start"] = _aware(day, start)
        data["end"] = _aware(day, end)
        if data["end"] <= data["start"]:
            raise forms.ValidationError(_("La fin du créneau doit suivre son début."))
        if data["start"] < timezone.now():
            raise forms.ValidationError(_("Choisissez une date à venir."))
        return data


def _aware(day, moment) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


class AppointmentForm(SlotMixin):
    reason = FreeTextField(
        label=_("Si le rendez-vous change : pourquoi (dit au locataire)"),
        required=False,
        max_length=500,
    )


class PostponeForm(SlotMixin):
    reason = FreeTextField(label=_("Raison du report (dite au locataire)"), max_length=500)
    slot_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].required = False
        self.fields["day"].label = _("Nouveau jour (si vous le connaissez)")


class ReasonForm(forms.Form):
    reason = FreeTextField(label=_("Raison"), max_length=500)


class ReportForm(forms.Form):
    done = forms.TypedChoiceField(
        label=_("Les travaux sont-ils faits ?"),
        choices=[("yes", _("Oui, c'est réparé")), ("no", _("Non"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = FreeTextField(
        label=_("Si non : pourquoi (dit au locataire)"), required=False, max_length=500
    )
    notes = FreeTextField(
        label=_("Observations"), required=False, max_length=2000, widget=forms.Textarea
    )
    visited_on = forms.DateField(
        label=_("Date du passage"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if data.get("done") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Dites pourquoi les travaux n'ont pas été faits."))
        visited = data.get("visited_on")
        if visited and visited > timezone.localdate():
            self.add_error("visited_on", _("Le passage ne peut pas être dans le futur."))
        return data
