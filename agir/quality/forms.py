from __future__ import annotations

from datetime import date

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agir.backoffice.place_search.fields import PlaceField
from agir.backoffice.place_search.search import BUILDING, SITE, NoPlace, Place, one_place
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
    matches: tuple[Place, ...] = ()  # when the place typed names several: the first of them
    start = MonthField(label=_("Du mois"), required=False)
    end = MonthField(label=_("au mois"), required=False)
    # Typed, never listed (1,228 sites and 4,843 buildings at 250,000 dwellings): suggestions
    # as the manager types (agir/backoffice/place_search). One site or one building.
    place = PlaceField(
        label=_("Résidence ou bâtiment"),
        help_text=_("Code ou nom ; choisissez parmi les suggestions ou tapez puis « Afficher »"),
    )
    # A few dozen sectors and contractors: lists, written out by PlainSelect.
    sector = forms.ModelChoiceField(
        Sector.objects.all(), label=_("Secteur"), required=False, widget=PlainSelect
    )
    contractor = forms.ModelChoiceField(
        Contractor.objects.all(), label=_("Prestataire"), required=False, widget=PlainSelect
    )

    def clean_place(self) -> Place | None:
        """The site or the building typed: its code, or a name only one of them has (a site
        and a building of the same code: the site)."""
        text = self.cleaned_data.get("place")
        if not text:
            return None
        try:
            return one_place(text, prefer=SITE, entrances=False)
        except NoPlace as error:
            self.matches = tuple(error.matches)
            if error.matches:
                message = _(
                    "Plusieurs lieux correspondent à « %(text)s » : choisissez-en un parmi les "
                    "suggestions, ou tapez son code."
                )
            else:
                message = _("Aucune résidence ni aucun bâtiment ne correspond à « %(text)s ».")
            raise forms.ValidationError(message, code="no_place", params={"text": text}) from None

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
        place = data["place"]
        return Scope(
            start,
            end,
            site_id=place.pk if place and place.kind == SITE else None,
            building_id=place.pk if place and place.kind == BUILDING else None,
            sector_id=data["sector"].pk if data["sector"] else None,
            contractor_id=data["contractor"].pk if data["contractor"] else None,
        )


# The dashboard's addresses before the place was typed: a site's or a building's id.
OLD_PLACE_PARAMETERS = ("site", "building")


def _code_of(model, pk: str) -> str | None:
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 18):  # a 64-bit key, no overflow
        return None
    return model.objects.filter(pk=int(pk)).values_list("code", flat=True).first()


def without_old_place(query: QueryDict) -> tuple[QueryDict, bool] | None:
    """An address of the dashboard made before the place was typed (`?site=12`,
    `?building=34`: a bookmark, a link kept elsewhere), as today's: the place's code in
    `place=`, the other filters kept. With both, the building (the narrower). None when the
    address has neither; the boolean says whether the place was found (an id that names
    nothing any more is dropped: the whole estate)."""
    if not any(name in query for name in OLD_PLACE_PARAMETERS):
        return None
    new = query.copy()
    site, building = (new.pop(name, [""])[-1].strip() for name in OLD_PLACE_PARAMETERS)
    if new.get("place", "").strip():
        return new, True  # a place typed since: it is the one
    code = (building and _code_of(Building, building)) or (site and _code_of(Site, site))
    if code:
        new["place"] = code
    return new, bool(code) or not (site or building)


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
