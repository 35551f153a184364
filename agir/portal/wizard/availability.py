"""«Quand êtes-vous chez vous ?»: half-days over the next two weeks, as a grid to tick.

A half-day is stored as «YYYY-MM-DD:am» or «YYYY-MM-DD:pm», sortable and easy to read back.
Sundays are left out: no visit is planned on a Sunday.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

DAYS_AHEAD = 14
HALVES = (("am", gettext_lazy("matin")), ("pm", gettext_lazy("après-midi")))


@dataclass(frozen=True)
class HalfDay:
    value: str
    label: str  # «mardi 12 mars, matin»: what a screen reader says for the box


@dataclass(frozen=True)
class Day:
    day: date
    label: str  # «mardi 12 mars»
    halves: tuple[HalfDay, ...]


def _day_label(day: date) -> str:
    return formats.date_format(day, "l j F")


def grid(today: date) -> tuple[Day, ...]:
    return _grid(today, get_language())


@functools.lru_cache(maxsize=8)
def _grid(today: date, language: str | None) -> tuple[Day, ...]:
    # The same for every tenant of a day and a language: made once, not on every page.
    days = []
    for offset in range(1, DAYS_AHEAD + 1):
        day = today + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        label = _day_label(day)
        days.append(
            Day(
                day,
                label,
                tuple(
                    HalfDay(f"{day.isoformat()}:{code}", f"{label}, {name}")
                    for code, name in HALVES
                ),
            )
        )
    return tuple(days)


def offered(today: date) -> set[str]:
    return {half.value for day in grid(today) for half in day.halves}


def keep_offered(values: Iterable[str], today: date) -> list[str]:
    """The chosen half-days still on offer (past ones and forged ones are dropped), in order."""
    allowed = offered(today)
    return sorted({value for value in values if value in allowed})


def describe(value: str) -> str:
    """«mardi 12 mars, matin» for a stored half-day; other text is shown as it is."""
    day_text, _sep, half = value.partition(":")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return value
    names = dict(HALVES)
    if half not in names:
        return value
    return _("%(day)s, %(half)s") % {"day": _day_label(day), "half": names[half]}
