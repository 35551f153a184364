"""A request's page on the caretaker's phone, and what the caretaker may do with it.

Each action form carries a UUID made when the page was drawn, and goes through the same
`sync.apply_batch` as the phone's queue: sent twice (a double tap, a retry), it counts once.
With JavaScript, the same forms go into the phone's queue instead, online or not.
"""

from __future__ import annotations

import base64
import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agir.catalogue.payer import who_pays_for_request
from agir.portal.status import planned_visit, status_in_words
from agir.portal.timeline import tenant_timeline
from agir.repairs.models import EventKind
from agir.repairs.photos import max_upload_bytes

from . import lines, sync
from .access import Scope
from .pages import caretaker_page

ACTIONS = {"note", "observe", "visit", "photo"}


@require_GET
@caretaker_page
def request_page(request: HttpRequest, scope: Scope, code) -> HttpResponse:
    repair = scope.request(code)
    notes = repair.events.filter(public=False, kind=EventKind.COMMENTED).order_by("-at", "-id")
    return render(
        request,
        "rounds/request.html",
        {
            "repair": repair,
            "place": lines.place_of(repair),
            "status_words": status_in_words(repair),
            "who": who_pays_for_request(repair),
            "planned": planned_visit(repair),
            "timeline": tenant_timeline(repair),
            "notes": notes,
            "photo_count": repair.photos.count(),
            "requested_by": _door_name(repair),
            "item_ids": {action: uuid.uuid4() for action in ACTIONS},
            "tab": "sector",
        },
    )


def _door_name(repair) -> str:
    tenant = repair.requested_by
    if tenant is None:
        return ""
    return " ".join(p for p in (tenant.title, tenant.last_name) if p)


@require_POST
@caretaker_page
def request_action(request: HttpRequest, scope: Scope, code, action: str) -> HttpResponse:
    repair = scope.request(code)
    if action not in ACTIONS:
        messages.error(request, _("Action inconnue."))
        return redirect("rounds:request", code=repair.code)
    try:
        item_id = uuid.UUID(request.POST.get("item", ""))
    except ValueError:
        item_id = uuid.uuid4()
    data = {
        "request": str(repair.code),
        "message": request.POST.get("message", ""),
        "public": request.POST.get("public") == "on",
        "seen_status": request.POST.get("seen_status", ""),
    }
    if action == "photo":
        upload = request.FILES.get("photo")
        if upload is None:
            messages.error(request, _("Choisissez une photo."))
            return redirect("rounds:request", code=repair.code)
        if upload.size > max_upload_bytes():
            messages.error(request, _("La photo est trop lourde."))
            return redirect("rounds:request", code=repair.code)
        data["photo"] = base64.b64encode(upload.read()).decode()
    item = sync.Item(id=item_id, kind=action, data=data, made_at=timezone.now())
    [answer] = sync.apply_batch(scope, [item])
    if answer["status"] == sync.REFUSED:
        messages.error(request, answer["message"])
    else:
        messages.success(request, answer.get("message") or _("C'est enregistré."))
    return redirect("rounds:request", code=repair.code)
