"""«Mes messages»: the list of what was sent to the tenant, and one message in full."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import sent
from .guards import requests_list_url, tenant_required

PAGE_SIZE = 30


@tenant_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(sent.messages_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "messages_sent": [sent.summarise(notification) for notification in page],
        "back_url": requests_list_url(),
    }
    return render(request, "portal/tracking/messages.html", context)


@tenant_required
@require_GET
def message_detail(request: HttpRequest, code: str) -> HttpResponse:
    notification = sent.get_message_for_tenant(request.user, code)
    context = {"message_sent": sent.summarise(notification)}
    return render(request, "portal/tracking/message.html", context)
