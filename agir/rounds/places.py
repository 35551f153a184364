"""Where a caretaker's request is: a dwelling or a common area of their sector, named by a key.

Keys are what QR codes, links and the phone's queue carry: «logement-<dwelling code>»,
«commun-<common area id>» (the tenant's wizard names common areas the same way), and
«entree-<entrance id>», which only narrows the choice to one entrance.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from agir.estate.models import CommonArea, Dwelling, Entrance
from agir.portal.wizard.places import COMMON_PREFIX

DWELLING_PREFIX = "logement-"
ENTRANCE_PREFIX = "entree-"


class UnknownPlace(Exception):
    """A key that names nothing in the caretaker's sector (gone, or never theirs)."""


@dataclass(frozen=True)
class ChosenPlace:
    key: str
    label: str
    dwelling: Dwelling | None = None
    common_area: CommonArea | None = None
    entrance: Entrance | None = None

    @property
    def is_final(self) -> bool:
        """A request can be filed here (an entrance still needs a dwelling or an area)."""
        return self.dwelling is not None or self.common_area is not None


def dwelling_key(dwelling: Dwelling) -> str:
    return f"{DWELLING_PREFIX}{dwelling.code}"


def area_key(area: CommonArea) -> str:
    return f"{COMMON_PREFIX}{area.pk}"


def entrance_key(entrance: Entrance) -> str:
    return f"{ENTRANCE_PREFIX}{entrance.pk}"


def dwelling_label(dwelling: Dwelling) -> str:
    return str(dwelling)


def resolve(scope, key: str) -> ChosenPlace:
    """The place `key` names in `scope`'s sector, or UnknownPlace."""
    try:
        if key.startswith(DWELLING_PREFIX):
            dwelling = scope.dwelling(key.removeprefix(DWELLING_PREFIX))
            return ChosenPlace(key, dwelling_label(dwelling), dwelling=dwelling)
        if key.startswith(COMMON_PREFIX):
            area = scope.common_area(_number(key.removeprefix(COMMON_PREFIX)))
            return ChosenPlace(key, area.label, common_area=area, entrance=area.entrance)
        if key.startswith(ENTRANCE_PREFIX):
            entrance = (
                scope.entrances()
                .select_related("building")
                .filter(pk=_number(key.removeprefix(ENTRANCE_PREFIX)))
                .first()
            )
            if entrance is not None:
                return ChosenPlace(key, str(entrance), entrance=entrance)
    except Http404:
        pass
    raise UnknownPlace(key)


def _number(text: str) -> int:
    if not text.isdigit():
        raise Http404
    return int(text)


def resolve_for_user(user, key: str) -> ChosenPlace:
    from .access import Scope

    return resolve(Scope.of(user), key)
