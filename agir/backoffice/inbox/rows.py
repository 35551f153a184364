"""One row of the inbox in words: where, who pays, how old, how long left (no query)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.utils.translation import gettext as _

from agir.catalogue.payer import PayerInList, who_pays_in_list
from agir.repairs.models import RepairRequest


@dataclass(frozen=True)
class Row:
    request: RepairRequest
    url: str
    place: str
    tenant: str
    payer: PayerInList
    age: str
    time_left: str
    late: bool


def row(request: RepairRequest, now: datetime, link: Callable[[UUID], str]) -> Row:
    due = request.next_due
    late = due is not None and due < now
    if due is None:
        time_left = ""
    elif late:
        time_left = _("en retard de %(delay)s") % {"delay": duration(now - due)}
    else:
        time_left = _("reste %(delay)s") % {"delay": duration(due - now)}
    return Row(
        request=request,
        url=link(request.code),
        place=place(request),
        tenant=request.requested_by.full_name if request.requested_by else "",
        payer=who_pays_in_list(request),
        age=duration(now - request.submitted_at) if request.submitted_at else "",
        time_left=time_left,
        late=late,
    )


def place(request: RepairRequest) -> str:
    where = request.building.name
    if request.dwelling_id:
        return _("%(building)s, logement %(number)s") % {
            "building": where,
            "number": request.dwelling.number,
        }
    if request.common_area_id:
        return f"{where}, {request.common_area.label}"
    return where


def duration(delta: timedelta) -> str:
    """«40 min», «5 h», «3 j»: short enough for a column."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return _("%(n)d min") % {"n": minutes}
    if minutes < 48 * 60:
        return _("%(n)d h") % {"n": minutes // 60}
    return _("%(n)d j") % {"n": minutes // (24 * 60)}
