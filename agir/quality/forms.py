from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agir.core.text import FreeTextField
from agir.core.widgets import PlainSelect
from agir.estate.models import Building, Contractor, Sector, Site

from .indicators import Scope
from .models import CorrectiveAction, RetentionPolicy

MAX_MONTHS = 36
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


class MonthField(forms.DateField):
    widget = MONTH
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Indiquez un mois, par exemple 2026-03.")}


class DashboardFilters(forms.Form):
    start = MonthField(label=_("Du mois"), required=False)
    end = MonthField(label=_("au mois"), required=False)
    # Thousands of sites and buildings at a large landlord: written out by PlainSelect, not
    # a template an option (at 250,000 dwellings that was most of the page's time).
    site = forms.ModelChoiceField(
        Site.objects.all(), label=_("Résidence"), required=False, widget=PlainSelect
    )
    building = forms.ModelChoiceField(
        Building.objects.all(), label=_("Bâtiment"), required=False, widget=PlainSelect
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), label=_("Secteur"), required=False, widget=PlainSelect
    )
    contractor = forms.ModelChoiceField(
        Contractor.objects.all(), label=_("Prestataire"), required=False, widget=PlainSelect
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Le mois de fin est avant le mois de début."))
            if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choisissez une période de %(n)d mois au plus.") % {"n": MAX_MONTHS}
                )
        return data

    def scope(self) -> Scope:
        """The filters' scope; the last twelve months of the whole estate when not valid."""
        default = Scope.last_twelve_months(timezone.localdate())
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        start = data["start"] or default.start
        end = _next_month(data["end"]) if data["end"] else default.end
        if end <= start:
            start, end = default.start, default.end
        return Scope(
            start,
            end,
            site_id=data["site"].pk if data["site"] else None,
            building_id=data["building"].pk if data["building"] else None,
            sector_id=data["sector"].pk if data["sector"] else None,
            contractor_id=data["contractor"].pk if data["contractor"] else None,
        )


class MonthForm(forms.Form):
    month = MonthField(label=_("Mois"))


class CorrectiveActionForm(forms.ModelForm):
    finding = FreeTextField(label=_("Constat"), max_length=2000, widget=forms.Textarea)
    action = FreeTextField(label=_("Action"), max_length=2000, widget=forms.Textarea)
    # A person's name, printed in the review pack: free text like the rest.
    owner = FreeTextField(
        label=capfirst(CorrectiveAction._meta.get_field("owner").verbose_name), max_length=120
    )

    class Meta:
        model = CorrectiveAction
        fields = ["finding", "action", "owner", "due_date", "closed", "closed_on"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        if data.get("closed") and not data.get("closed_on"):
            data["closed_on"] = timezone.localdate()
        if not data.get("closed"):
            data["closed_on"] = None
        return data


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["request_years", "photo_days", "access_log_months"]
