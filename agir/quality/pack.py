"""The monthly quality review pack (PDF): the month's indicators and charts, the commitments
missed with their reasons, the tenants' comments and the corrective actions register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from agir.core.pdf import html_to_pdf
from agir.repairs.models import EventKind, RepairRequest, RequestEvent

from .indicators import Scope, compute
from .indicators.kept import missed_request_ids
from .models import CorrectiveAction
from .sections import build_sections


@dataclass(frozen=True)
class Missed:
    request: RepairRequest
    reasons: list[str]


def missed_commitments(scope: Scope) -> list[Missed]:
    """The period's requests that missed a commitment, with what their history says of why:
    the postponements' and refusals' reasons, as written to the tenant."""
    ids = missed_request_ids(scope)
    requests = RepairRequest.objects.filter(pk__in=ids).select_related("building")
    reasons: dict[int, list[str]] = {}
    for request_id, message in (
        RequestEvent.objects.filter(
            request_id__in=ids,
            kind__in=[EventKind.POSTPONED, EventKind.REJECTED, EventKind.CANCELLED],
            at__lte=scope.as_of,
        )
        .exclude(message="")
        .order_by("at")
        .values_list("request_id", "message")
    ):
        reasons.setdefault(request_id, []).append(message)
    by_id = {r.pk: r for r in requests}
    return [Missed(by_id[i], reasons.get(i, [])) for i in ids if i in by_id]


def actions_for(month_start: date, month_end: date) -> list[CorrectiveAction]:
    """The actions open at the month's end, and those closed during the month."""
    return list(
        CorrectiveAction.objects.filter(
            Q(closed=False) | Q(closed_on__gte=month_start, closed_on__lt=month_end)
        )
    )


def review_pack_html(year: int, month: int, *, now=None) -> str:
    scope = Scope.month(year, month, now=now)
    indicators = compute(scope)
    return render_to_string(
        "quality/pdf/review_pack.html",
        {
            "scope": scope,
            "sections": build_sections(indicators),
            "missed": missed_commitments(scope),
            "actions": actions_for(scope.start, scope.end),
            "made_at": timezone.now(),
        },
    )


def review_pack_pdf(year: int, month: int, *, now=None) -> bytes:
    return html_to_pdf(review_pack_html(year, month, now=now))
