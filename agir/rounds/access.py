"""The only way caretaker pages get a building, a place or a request: their sector's, or 404.

«Missing» and «not in your sector» look the same. Every query of the rounds app starts from
`Scope`, which holds the caretaker's buildings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from agir.accounts.models import Role
from agir.estate.models import Building, Caretaker, CommonArea, Dwelling, Entrance
from agir.repairs.models import RepairRequest


def caretaker_of(user) -> Caretaker:
    if not user.is_authenticated or user.role != Role.CARETAKER:
        raise Http404
    try:
        return user.caretaker
    except Caretaker.DoesNotExist:
        raise Http404 from None


@dataclass
class Scope:
    """What one caretaker may see and touch: the buildings of their sectors."""

    caretaker: Caretaker

    @classmethod
    def of(cls, user) -> Scope:
        return cls(caretaker_of(user))

    @property
    def user(self):
        return self.caretaker.user

    @cached_property
    def building_ids(self) -> frozenset[int]:
        return frozenset(
            Building.objects.filter(sector__caretakers=self.caretaker).values_list("pk", flat=True)
        )

    @cached_property
    def site_ids(self) -> frozenset[int]:
        return frozenset(
            Building.objects.filter(pk__in=self.building_ids).values_list("site_id", flat=True)
        )

    def buildings(self) -> QuerySet[Building]:
        return Building.objects.filter(pk__in=self.building_ids)

    def entrances(self) -> QuerySet[Entrance]:
        return Entrance.objects.filter(building__in=self.building_ids)

    def dwellings(self) -> QuerySet[Dwelling]:
        return Dwelling.objects.filter(entrance__building__in=self.building_ids)

    def common_areas(self) -> QuerySet[CommonArea]:
        return CommonArea.objects.filter(
            Q(entrance__building__in=self.building_ids)
            | Q(building__in=self.building_ids)
            | Q(site__in=self.site_ids)
        )

    def requests(self) -> QuerySet[RepairRequest]:
        return RepairRequest.objects.submitted().filter(building__in=self.building_ids)

    # --- one object, or 404 ---------------------------------------------------------------

    def building(self, code: str) -> Building:
        return _one(self.buildings().select_related("site"), code=code)

    def entrance(self, building_code: str, code: str) -> Entrance:
        return _one(
            self.entrances().select_related("building"), building__code=building_code, code=code
        )

    def dwelling(self, code: str) -> Dwelling:
        return _one(self.dwellings().select_related("entrance__building"), code=code)

    def common_area(self, pk) -> CommonArea:
        return _one(
            self.common_areas().select_related("entrance__building", "building", "site"), pk=pk
        )

    def request(self, code) -> RepairRequest:
        return _one(
            self.requests().select_related(
                "dwelling__entrance", "common_area", "building", "requested_by", "catalogue_entry"
            ),
            code=code,
        )


def _one(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
