"""The contractor's pages: with an account (the company's work orders, nothing else), or
through the signed link of one work order."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agir.repairs.lifecycle import Actor

from . import actions
from .access import ORDER_RELATED, contractor_orders, contractor_required, order_for_contractor
from .links import LinkProblem, order_for_token
from .models import WorkOrder
from .staff_views import _pdf_response

PAGE_SIZE = 50


@contractor_required
def order_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("tous") == "1"
    queryset = contractor_orders(request.user).select_related(*ORDER_RELATED)
    if not show_all:
        queryset = queryset.active()
    page = Paginator(queryset.order_by("target_date", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "works/contractor_list.html",
        {"page": page, "show_all": show_all, "company": request.user.contractors.first()},
    )


@contractor_required
def order_detail(request: HttpRequest, code) -> HttpResponse:
    order = order_for_contractor(request.user, code)
    urls = {a: reverse("works:contractor_action", args=[order.code, a]) for a in _ACTIONS}
    return _page(request, order, urls, reverse("works:contractor_pdf", args=[order.code]))


@contractor_required
@require_POST
def order_action(request: HttpRequest, code, action: str) -> HttpResponse:
    order = order_for_contractor(request.user, code)
    outcome = actions.perform(
        order,
        action,
        post=request.POST,
        files=request.FILES,
        actor=Actor.of(request.user),
        allowed=actions.CONTRACTOR_ACTIONS,
        uploaded_by=request.user,
    )
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect("works:contractor_order", code=order.code)


@contractor_required
def order_pdf(request: HttpRequest, code) -> HttpResponse:
    return _pdf_response(order_for_contractor(request.user, code))


# --- through the signed link ---------------------------------------------------------------


@never_cache
def link_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        order = order_for_token(token)
    except LinkProblem as problem:
        return _problem(request, problem)
    urls = {a: reverse("works:link_action", args=[token, a]) for a in _ACTIONS}
    return _page(request, order, urls, "", via_link=True)


@require_POST
def link_action(request: HttpRequest, token: str, action: str) -> HttpResponse:
    try:
        order = order_for_token(token)
    except LinkProblem as problem:
        return _problem(request, problem)
    outcome = actions.perform(
        order,
        action,
        post=request.POST,
        files=request.FILES,
        actor=Actor.system(order.contractor.name if order.contractor_id else ""),
        allowed=actions.CONTRACTOR_ACTIONS,
    )
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    order.refresh_from_db(fields=["link_version", "status"])
    if not order.is_active:
        # Done or refused: the link closes with it; say so on a page that needs no link.
        return render(request, "works/link_closed.html", {"order": order})
    return redirect("works:link", token=token)


_ACTIONS = actions.CONTRACTOR_ACTIONS


def _page(
    request: HttpRequest, order: WorkOrder, urls: dict, pdf_url: str, *, via_link: bool = False
) -> HttpResponse:
    response = render(
        request,
        "works/contractor_order.html",
        {
            "order": order,
            "repair": order.request,
            "reports": order.reports.all(),
            "forms": actions.blank_forms(order, actions.CONTRACTOR_ACTIONS),
            "urls": urls,
            "pdf_url": pdf_url,
            "via_link": via_link,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _problem(request: HttpRequest, problem: LinkProblem) -> HttpResponse:
    return render(request, "works/link_problem.html", {"problem": problem}, status=problem.status)
