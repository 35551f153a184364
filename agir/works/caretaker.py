"""Work orders given to the caretaker, on their phone: listed with «fait» / «pas fait», sent
through the same offline queue as the rest of the round (agir/rounds/sync.py): each report is
an item with a UUID made on the phone, applied once however often it is sent."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agir.repairs.lifecycle import Actor

from . import orders
from .access import ORDER_RELATED, caretaker_orders

DONE, NOT_DONE = "work_order_done", "work_order_not_done"
KINDS = {"fait": DONE, "pas-fait": NOT_DONE}


def _apply(batch, item, *, done: bool) -> dict[str, Any]:
    from agir.rounds.sync import Refused, _text, _when

    code = str(item.data.get("request") or "")
    try:
        order = (
            caretaker_orders(batch.scope.user).select_related("request").filter(code=code).first()
        )
    except Exception:  # a code that is not a UUID
        order = None
    if order is None:
        raise Refused(
            "work order not found for this caretaker",
            _("Ce bon de travaux n'existe pas ou ne vous est pas confié."),
        )
    message = _text(item, "message")
    try:
        orders.report(
            order,
            actor=Actor.of(batch.scope.user),
            done=done,
            reason="" if done else message,
            notes=message if done else "",
            at=_when(batch, item),
            uploaded_by=batch.scope.user,
        )
    except orders.WorkError as error:
        raise Refused(str(error), error.user_message) from None
    return {"work_order": order.number, "request": str(order.request.code)}


def _done(batch, item) -> dict[str, Any]:
    return _apply(batch, item, done=True)


def _not_done(batch, item) -> dict[str, Any]:
    return _apply(batch, item, done=False)


def register_sync_kinds() -> None:
    from agir.rounds import sync

    sync.HANDLERS[DONE] = _done
    sync.HANDLERS[NOT_DONE] = _not_done


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    from agir.rounds.access import Scope

    Scope.of(request.user)  # 404 for anyone but a caretaker
    queryset = (caretaker_orders(request.user).active().select_related(*ORDER_RELATED)).order_by(
        "target_date", "pk"
    )
    response = render(
        request,
        "works/caretaker_list.html",
        {
            "orders": [(order, uuid.uuid4(), uuid.uuid4()) for order in queryset[:200]],
            "tab": "sector",
        },
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def order_action(request: HttpRequest, code, action: str) -> HttpResponse:
    """Without JavaScript the forms post here; the same sync applies them, once."""
    from agir.rounds import sync
    from agir.rounds.access import Scope

    scope = Scope.of(request.user)
    kind = KINDS.get(action)
    if kind is None:
        messages.error(request, _("Action inconnue."))
        return redirect("works:caretaker_orders")
    try:
        item_id = uuid.UUID(request.POST.get("item", ""))
    except ValueError:
        item_id = uuid.uuid4()
    data = {"request": str(code), "message": request.POST.get("message", "")}
    item = sync.Item(id=item_id, kind=kind, data=data, made_at=timezone.now())
    [answer] = sync.apply_batch(scope, [item])
    if answer["status"] == sync.REFUSED:
        messages.error(request, answer["message"])
    else:
        messages.success(request, _("C'est enregistré."))
    return redirect("works:caretaker_orders")


def active_count(user) -> int:
    return caretaker_orders(user).active().count()
