"""The tenant's answer to a quote, on their request's page (portal tracking)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agir.core.text import clean_free_text
from agir.portal.access import get_request_for_tenant
from agir.portal.tracking.guards import tenant_required
from agir.repairs.lifecycle import Actor, LifecycleError

from . import service
from .models import Quote


def _quote_for_tenant(request: HttpRequest, code: str, quote: str) -> Quote:
    repair = get_request_for_tenant(request.user, code)
    try:
        found = repair.quotes.get(code=quote)
    except (Quote.DoesNotExist, ValueError):
        raise Http404 from None
    found.request = repair
    return found


@tenant_required
@require_POST
def accept(request: HttpRequest, code: str, quote: str) -> HttpResponse:
    found = _quote_for_tenant(request, code, quote)
    try:
        service.accept(found, actor=Actor.of(request.user))
    except LifecycleError as error:
        messages.error(request, error.user_message)
    else:
        messages.success(request, _("Merci : vous avez accepté le devis."))
    return redirect("portal:request", code=found.request.code)


@tenant_required
@require_POST
def refuse(request: HttpRequest, code: str, quote: str) -> HttpResponse:
    found = _quote_for_tenant(request, code, quote)
    reason = clean_free_text(request.POST.get("reason", ""), multiline=False)[:500]
    try:
        service.refuse(found, actor=Actor.of(request.user), reason=reason)
    except LifecycleError as error:
        messages.error(request, error.user_message)
    else:
        messages.success(request, _("C'est noté : vous avez refusé le devis."))
    return redirect("portal:request", code=found.request.code)
