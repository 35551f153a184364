"""Finding a site or a building by what an officer types, instead of listing the estate.

The inbox's place filter, the notices' place and the quality dashboard's place are one text
field: the officer (or the manager) types a code («TIL-A») or a part of a name («tilleuls»);
suggestions come as they type (htmx fills a <datalist>, `views.suggestions`), and picking one
puts its code in the field. A landlord of 250,000 dwellings has about 2,000 sites and 8,000
buildings: no page lists them any more.

- By code: the code starts with the text, as typed or in capitals (codes are kept as the ERP
  writes them, mostly in capitals). On PostgreSQL this reads the pattern index Django makes
  beside every unique text column (`…_like`, varchar_pattern_ops): no scan.
- By name, from two characters: the name or the code contains the text, whatever the case (and
  for a building, its site's name). No index serves a «contains»: this scans the sites and
  buildings (short rows, about 10,000 at the largest landlord), and only when the codes gave
  fewer than LIMIT suggestions.
- A text that is exactly a code (whatever the case) means that place alone.

A suggestion list is LIMIT places at most, in 2 to 5 queries whatever the estate's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from agir.core.text import clean_free_text
from agir.estate.models import Building, Entrance, Site

LIMIT = 15
MAX_LENGTH = 80
MIN_NAME_LENGTH = 2

SITE, BUILDING, ENTRANCE = "site", "building", "entrance"
KIND_LABELS = {SITE: _("résidence"), BUILDING: _("bâtiment"), ENTRANCE: _("entrée")}


@dataclass(frozen=True)
class Place:
    """A site, a building or an entrance as the field shows it."""

    kind: str
    pk: int
    code: str  # what the field holds once it is chosen («TIL», «TIL-A», «TIL-A / B»)
    label: str
    obj: Site | Building | Entrance = field(compare=False, repr=False)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def requests_q(self) -> Q:
        """The requests of this place (a condition on RepairRequest)."""
        if self.kind == SITE:
            return Q(building__site_id=self.pk)
        if self.kind == BUILDING:
            return Q(building_id=self.pk)
        raise ValueError(f"the inbox filters on sites and buildings, not on {self.kind}")


def normalise(text: str) -> str:
    """The text typed, without control characters, its spaces collapsed, at most MAX_LENGTH."""
    return " ".join(clean_free_text(str(text or ""), multiline=False).split())[:MAX_LENGTH]


def _key(text: str) -> str:
    """What two spellings of one code share: «til-a/b» is «TIL-A / B»."""
    return re.sub(r"\s*/\s*", "/", text).casefold()


def _site(site: Site) -> Place:
    return Place(SITE, site.pk, site.code, site.name, site)


def _building_label(building: Building) -> str:
    site = building.site.name
    return (
        building.name
        if site.casefold() in building.name.casefold()
        else f"{building.name} — {site}"
    )


def _building(building: Building) -> Place:
    return Place(BUILDING, building.pk, building.code, _building_label(building), building)


def _entrance(entrance: Entrance) -> Place:
    label = _("%(building)s, entrée %(code)s") % {
        "building": _building_label(entrance.building),
        "code": entrance.code,
    }
    return Place(
        ENTRANCE, entrance.pk, f"{entrance.building.code} / {entrance.code}", label, entrance
    )


# --- the conditions -------------------------------------------------------------------------


def _code_prefix(text: str) -> Q:
    # Two prefixes rather than one «istartswith»: each reads the code's pattern index.
    return Q(code__startswith=text) | Q(code__startswith=text.upper())


def _site_name(text: str) -> Q:
    return Q(name__icontains=text) | Q(code__icontains=text)


def _building_name(text: str) -> Q:
    return Q(name__icontains=text) | Q(code__icontains=text)


def _sites(sectors: list[int] | None) -> QuerySet[Site]:
    if sectors is None:
        return Site.objects.all()
    return Site.objects.filter(
        pk__in=Building.objects.filter(sector_id__in=sectors).values("site_id")
    )


def _buildings(sectors: list[int] | None) -> QuerySet[Building]:
    buildings = Building.objects.select_related("site")
    return buildings if sectors is None else buildings.filter(sector_id__in=sectors)


def matching_buildings(text: str) -> QuerySet[Building]:
    """Every building the text names: by its code or name, or its site's (unbounded: a
    subquery of the inbox's filter, never read whole)."""
    text = normalise(text)
    site_q, building_q = _code_prefix(text), _code_prefix(text)
    if len(text) >= MIN_NAME_LENGTH:
        site_q |= _site_name(text)
        building_q |= _building_name(text)
    return Building.objects.filter(building_q | Q(site__in=Site.objects.filter(site_q)))


# --- suggestions ----------------------------------------------------------------------------


def _by_code(text: str, sectors: list[int] | None, limit: int) -> list[Place]:
    by_length = (Length("code"), "code")  # the exact code first, then «B2» before «B10»
    sites = _sites(sectors).filter(_code_prefix(text)).order_by(*by_length)[:limit]
    buildings = _buildings(sectors).filter(_code_prefix(text)).order_by(*by_length)[:limit]
    return [*map(_site, sites), *map(_building, buildings)]


def _by_name(
    text: str,
    sectors: list[int] | None,
    limit: int,
    seen: list[Place],
    *,
    site_names: bool = True,
) -> list[Place]:
    if len(text) < MIN_NAME_LENGTH:
        return []
    seen_sites = [p.pk for p in seen if p.kind == SITE]
    seen_buildings = [p.pk for p in seen if p.kind == BUILDING]
    sites = (
        _sites(sectors)
        .filter(_site_name(text))
        .exclude(pk__in=seen_sites)
        .order_by("name", "code")[:limit]
    )
    buildings = (
        _buildings(sectors)
        .filter(_building_name(text) | (Q(site__name__icontains=text) if site_names else Q()))
        .exclude(pk__in=seen_buildings)
        .order_by("site__name", Length("code"), "code")[:limit]
    )
    return [*map(_site, sites), *map(_building, buildings)]


def _entrances(text: str, sectors: list[int] | None, limit: int) -> list[Place]:
    """The entrances of the building whose code is the text, or of «code / entrance»."""
    head, slash, tail = text.rpartition("/")
    building_code = (head if slash else text).strip()
    entrances = Entrance.objects.filter(building__code__iexact=building_code)
    if slash and tail.strip():
        entrances = entrances.filter(code__istartswith=tail.strip())
    if sectors is not None:
        entrances = entrances.filter(building__sector_id__in=sectors)
    return [*map(_entrance, entrances.select_related("building__site").order_by("code")[:limit])]


def _exact_first(text: str, found: list[Place]) -> list[Place]:
    key = _key(text)
    return sorted(found, key=lambda place: _key(place.code) != key)


def suggest(
    text: str,
    *,
    sectors: list[int] | None = None,
    limit: int = LIMIT,
    entrances: bool = False,
    site_names: bool = True,
) -> list[Place]:
    """At most `limit` places for the text: the exact code first, then by code, then by name
    (a building also by its site's name, unless not `site_names`); the entrances of a
    building named by its code when `entrances` (notices)."""
    text = normalise(text)
    if not text:
        return []
    found = _by_code(text, sectors, limit)
    if entrances:
        found += _entrances(text, sectors, limit)
    if len(found) < limit:
        found += _by_name(text, sectors, limit - len(found), found, site_names=site_names)
    return _exact_first(text, found)[:limit]


# --- the inbox's filter ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceFilter:
    """The inbox's place: the text kept in its address and what it matches.

    `str()` is the text of the address: the code of the place whose code was typed or picked,
    else the words typed (every site and building they name, `matching_buildings`)."""

    text: str
    exact: tuple[Place, ...] = ()
    matches: tuple[Place, ...] = ()  # the first LIMIT, to narrow the filter to one of them

    def __str__(self) -> str:
        return self.text

    @property
    def more(self) -> bool:
        return len(self.matches) >= LIMIT

    def requests_q(self) -> Q:
        if self.exact:
            found = Q()
            for place in self.exact:
                found |= place.requests_q()
            return found
        return Q(building__in=matching_buildings(self.text).values("pk"))


def place_filter(text: str, *, sectors: list[int] | None = None) -> PlaceFilter | None:
    """The filter for the text, or None when it names no site and no building."""
    text = normalise(text)
    if not text:
        return None
    found = _by_code(text, sectors, LIMIT)
    exact = tuple(place for place in found if _key(place.code) == _key(text))
    if exact:
        return PlaceFilter(exact[0].code, exact, exact)
    if len(found) < LIMIT:
        found += _by_name(text, sectors, LIMIT - len(found), found)
    if not found:
        return None
    return PlaceFilter(text, (), tuple(found[:LIMIT]))


# --- one place (a notice, the quality dashboard) ------------------------------------------------


class NoPlace(Exception):
    """The text names no place, or several (`matches`: the first of them)."""

    def __init__(self, matches: list[Place]) -> None:
        super().__init__(len(matches))
        self.matches = matches


def one_place(text: str, *, prefer: str = "", entrances: bool = True) -> Place:
    """The one site, building or entrance the text names: its code (or «building / entrance»),
    or a name only one place has. Raises NoPlace otherwise. Not `entrances`: a site or a
    building only (the quality dashboard, whose figures go no finer)."""
    # A building is not named by its site's name here: «tilleuls» is the site, not each of
    # its buildings.
    found = suggest(text, entrances=entrances, site_names=False)
    exact = [place for place in found if _key(place.code) == _key(normalise(text))]
    if len(exact) > 1:  # a site and a building of the same code: the one the scope says
        exact = [place for place in exact if place.kind == prefer] or exact[:1]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0]
    raise NoPlace(found)
