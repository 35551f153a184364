"""The inbox's filters and search: a form read from the query string, turned into a filter.

Every filter is a condition on the request's own columns or a subquery on a small table
(tenants, buildings, dwellings), so a search never joins the whole history row by row. The
place (a site or a building) is typed, never listed: see agir/backoffice/place_search.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django import forms
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from agir.backoffice.place_search.fields import PlaceField
from agir.backoffice.place_search.search import PlaceFilter, place_filter
from agir.catalogue.models import Equipment, Responsibility, Urgency
from agir.core.keys import among
from agir.core.widgets import PlainSelect
from agir.estate.models import Building, Dwelling, Entrance, Occupancy, Sector, Site, Tenant
from agir.repairs.commitments import AWAITING_INTERVENTION, overdue_q
from agir.repairs.models import Origin, RepairRequest, Status

# The ready-made views of every officer («mes demandes», «en retard», …).
SCOPES = {
    "mine": _("Mes demandes"),
    "overdue": _("En retard"),
    "to_qualify": _("À qualifier"),
    "emergencies": _("Urgences"),
}

AGES = {
    "day": (_("Moins d'un jour"), None, 1),
    "week": (_("1 à 7 jours"), 1, 7),
    "month": (_("7 à 30 jours"), 7, 30),
    "older": (_("Plus de 30 jours"), 30, None),
}

# Statuses that wait on a commitment: the inbox shows these unless a status is chosen.
WAITING = (
    Status.SUBMITTED,
    Status.ACKNOWLEDGED,
    Status.SCHEDULED,
    Status.POSTPONED,
    Status.REOPENED,
)


def _choices(queryset, label: str) -> list[tuple]:
    """«Tous», then each row's key and `label` (read as values: 300 sectors at 250,000
    dwellings made as many model instances a view)."""
    return [("", _("Tous")), *((str(pk), text) for pk, text in queryset.values_list("pk", label))]


class InboxFilterForm(forms.Form):
    scope = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Vue"),
        required=False,
        choices=[("", _("À traiter")), *SCOPES.items()],
    )
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=80,
        help_text=_("Référence, nom, adresse, logement, téléphone ou e-mail"),
    )
    status = forms.ChoiceField(
        widget=PlainSelect,
        label=_("État"),
        required=False,
        choices=[("", _("À traiter")), *((s.value, s.label) for s in Status if s != Status.DRAFT)],
    )
    urgency = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Urgence"),
        required=False,
        choices=[("", _("Toutes")), *Urgency.choices],
    )
    responsibility = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Qui paie"),
        required=False,
        choices=[("", _("Tous")), *Responsibility.choices],
    )
    sector = forms.TypedChoiceField(
        widget=PlainSelect, label=_("Secteur"), required=False, coerce=int, empty_value=None
    )
    # Typed, never listed: suggestions as the officer types (agir/backoffice/place_search).
    place = PlaceField(
        label=_("Résidence ou bâtiment"),
        help_text=_("Code ou nom ; choisissez parmi les suggestions ou tapez puis « Chercher »"),
    )
    family = forms.TypedChoiceField(
        widget=PlainSelect, label=_("Équipement"), required=False, coerce=int, empty_value=None
    )
    contractor = forms.TypedChoiceField(
        widget=PlainSelect, label=_("Entreprise"), required=False, coerce=int, empty_value=None
    )
    origin = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Origine"),
        required=False,
        choices=[("", _("Toutes")), *Origin.choices],
    )
    age = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Âge"),
        required=False,
        choices=[("", _("Tous")), *((key, label) for key, (label, *_rest) in AGES.items())],
    )

    def __init__(self, *args, sectors: list[int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = sectors
        # A handful of small tables: a query each, whatever the number of requests or of
        # buildings. Sectors are few (about one for four sites): they stay a list.
        sector_rows = Sector.objects.order_by("name")
        if sectors is not None:
            sector_rows = sector_rows.filter(pk__in=sectors)
        self.fields["sector"].choices = _choices(sector_rows, "name")
        self.fields["family"].choices = _choices(Equipment.objects.order_by("label"), "label")
        contractors = contractor_choices()
        if contractors is None:
            del self.fields["contractor"]  # no work orders yet: nothing to filter on
        else:
            self.fields["contractor"].choices = [("", _("Toutes")), *contractors]

    def clean_place(self) -> PlaceFilter | None:
        text = self.cleaned_data.get("place")
        if not text:
            return None
        found = place_filter(text, sectors=self.sectors)
        if found is None:
            raise forms.ValidationError(
                _("Aucune résidence ni aucun bâtiment ne correspond à « %(text)s »."),
                code="no_place",
                params={"text": text},
            )
        return found

    def active(self) -> dict:
        """The filters in force (valid and not empty)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


# --- the contractor hook --------------------------------------------------------------------


def _work_orders_relation() -> str | None:
    """The name of the requests' work orders, once an app provides them (agir.works)."""
    for relation in RepairRequest._meta.related_objects:
        fields = {f.name for f in relation.related_model._meta.get_fields()}
        if relation.name in {"work_orders", "workorders"} and "contractor" in fields:
            return relation.name
    return None


def contractor_choices() -> list[tuple[int, str]] | None:
    if _work_orders_relation() is None:
        return None
    from agir.estate.models import Contractor

    return list(Contractor.objects.order_by("name").values_list("pk", "name"))


# --- from the filters to a query ------------------------------------------------------------


def may_wait(active: dict) -> bool:
    """Whether the chosen status can wait on a commitment (a closed request never does: its
    `next_due` is empty), so that the inbox does not look for waiting ones among millions."""
    status = active.get("status")
    return not status or status in AWAITING_INTERVENTION


def apply(requests: QuerySet[RepairRequest], active: dict, *, user, now: datetime) -> QuerySet:
    status = active.get("status")
    requests = requests.filter(status=status) if status else requests.filter(status__in=WAITING)
    for name, lookup in (
        ("urgency", "urgency"),
        ("responsibility", "responsibility"),
        ("origin", "origin"),
        ("sector", "building__sector_id"),
        ("family", "catalogue_entry__equipment_id"),
    ):
        if name in active:
            requests = requests.filter(**{lookup: active[name]})
    if place := active.get("place"):
        requests = requests.filter(place.requests_q())
    if "contractor" in active and (relation := _work_orders_relation()):
        requests = requests.filter(**{f"{relation}__contractor_id": active["contractor"]})
    if age := AGES.get(active.get("age", "")):
        _label, min_days, max_days = age
        if min_days is not None:
            requests = requests.filter(submitted_at__lte=now - timedelta(days=min_days))
        if max_days is not None:
            requests = requests.filter(submitted_at__gt=now - timedelta(days=max_days))
    match active.get("scope"):
        case "mine":
            requests = requests.filter(handled_by=user)
        case "overdue":
            requests = requests.filter(overdue_q(now))
        case "to_qualify":
            requests = requests.filter(status__in=[Status.SUBMITTED, Status.REOPENED])
        case "emergencies":
            requests = requests.filter(urgency__in=[Urgency.EMERGENCY, Urgency.URGENT])
    if q := " ".join(active.get("q", "").split()):
        requests = requests.filter(search_q(q))
    return requests


REFERENCE = re.compile(r"^\d{4}-\d{1,6}$")


def search_q(q: str) -> Q:
    """Reference, tenant name, address, dwelling, phone or email, as one condition."""
    if REFERENCE.match(q):
        year, number = q.split("-")
        return Q(reference=f"{year}-{int(number):06d}") | Q(reference__startswith=q)
    tenants = _keys(Tenant.objects.filter(_tenant_q(q)), "pk")
    leases = _keys(Occupancy.objects.filter(_among("tenant", tenants)), "lease_id")
    buildings = _keys(_buildings_named(q), "pk")
    dwellings = _keys(Dwelling.objects.filter(Q(number__iexact=q) | Q(code__iexact=q)), "pk")
    parts = {"requested_by": tenants, "lease": leases, "building": buildings, "dwelling": dwellings}
    few = {field: keys for field, keys in parts.items() if _is_few(keys)}
    # Few keys: their requests gathered once, each part on its own index (as an OR of
    # subqueries the database tested every request against each of them: 2,000,000 on
    # PostgreSQL, seconds a search), and listed when they are few too.
    requests = RepairRequest.objects.values("pk")
    union = requests.filter(reference__startswith=q)
    for field, keys in few.items():
        union = union.union(requests.filter(_among(field, keys)))
    found = _among("pk", _keys(RepairRequest.objects.filter(pk__in=union), "pk", FEW_KEYS))
    # Many keys (a common surname on a large estate: 13,500 tenants, 125,000 requests): their
    # requests are everywhere; gathering them all for the count and each rank took seconds.
    # Each request is tested in the inbox's own order against the keys, listed once, and a
    # page fills after a few hundred rows.
    for field, keys in parts.items():
        if field not in few:
            found |= _among(field, keys)
    return found


def _buildings_named(q: str) -> QuerySet[Building]:
    """Buildings by their name, street or code, their site's name or an entrance's street: one
    union, each part on its own table (as one OR across the joins, the database joined every
    building to its entrances and site and sorted them for DISTINCT: ≈ 20 ms at 4,800
    buildings, for every search)."""
    own = Building.objects.filter(
        Q(name__icontains=q) | Q(street_address__icontains=q) | Q(code__iexact=q)
    ).values("pk")
    by_site = Building.objects.filter(
        site__in=Site.objects.filter(name__icontains=q).values("pk")
    ).values("pk")
    by_entrance = Entrance.objects.filter(street_address__icontains=q).values("building")
    return Building.objects.filter(pk__in=own.union(by_site, by_entrance))


def _among(field: str, keys: list | QuerySet) -> Q:
    """Listed keys as one array on PostgreSQL (agir.core.keys); a subquery as it is."""
    if isinstance(keys, list):
        return among(field if field == "pk" else f"{field}_id", keys)
    return Q(**{f"{field}__in": keys})


# A search's tenants, leases, buildings and dwellings are read once and listed in the query
# (an inbox page runs it up to four times: the count and each rank), up to LISTED_KEYS each,
# fewer if the database takes fewer parameters in a statement; beyond, they stay a subquery:
# the same answer, read again by each query. FEW_KEYS or fewer: their requests are gathered.
FEW_KEYS = 1000
LISTED_KEYS = 20_000


def _is_few(keys: list | QuerySet) -> bool:
    return isinstance(keys, list) and len(keys) <= FEW_KEYS


def _keys(found: QuerySet, field: str, most: int | None = None) -> list | QuerySet:
    if most is None:
        taken = connection.features.max_query_params
        most = LISTED_KEYS if taken is None else min(LISTED_KEYS, taken // 5)
    found = found.order_by()  # a model's default order would join and sort for nothing
    keys = list(found.values_list(field, flat=True)[: most + 1])
    return keys if len(keys) <= most else found.values(field)


def _tenant_q(q: str) -> Q:
    words = q.split()
    name = Q()
    for word in words:
        name &= Q(last_name__icontains=word) | Q(first_name__icontains=word)
    found = name | Q(email__iexact=q)
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 6:
        # Phones are kept as typed («06 12 34 56 78»): try the digits and the spaced pairs.
        pairs = " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
        for spelling in {digits, pairs, q}:
            found |= Q(mobile_phone__contains=spelling) | Q(landline_phone__contains=spelling)
    return found
