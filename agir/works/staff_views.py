"""The officer's pages: order the work from a request, follow and steer a work order."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agir.backoffice.access import get_request_for_staff, staff_required
from agir.repairs.lifecycle import Actor

from . import actions, emails, forms, orders
from .access import ORDER_RELATED, order_for_staff
from .commitments import target_date
from .models import Assignee, WorkOrder

PAGE_SIZE = 50


@staff_required
def order_new(request: HttpRequest, code) -> HttpResponse:
    repair = get_request_for_staff(request.user, code)
    offered = orders.proposal(repair)
    if request.method == "POST":
        form = forms.OrderForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = orders.order_work(
                    repair,
                    actor=Actor.of(request.user),
                    assignee=data["assignee"],
                    contractor=data["contractor"],
                    caretaker=data["caretaker"],
                    technician=data["technician"],
                    job=data["job"],
                    cost_limit=data["cost_limit"],
                    due=data["target_date"],
                )
            except orders.WorkError as error:
                messages.error(request, error.user_message)
            else:
                messages.success(
                    request,
                    _("Bon de travaux n° %(number)s envoyé à %(who)s.")
                    % {"number": order.number, "who": order.assignee_label},
                )
                return redirect("backoffice:request", code=repair.code)
    else:
        description = f"\n{repair.description}" if repair.description else ""
        form = forms.OrderForm(
            initial={
                "assignee": Assignee.CONTRACTOR if offered.contractor else Assignee.TECHNICIAN,
                "contractor": offered.contractor,
                "job": f"{repair.title}{description}",
                "target_date": target_date(repair),
            }
        )
    return render(
        request,
        "works/order_new.html",
        {
            "repair": repair,
            "form": form,
            "offered": offered,
            "orderable": repair.status in orders.ORDERABLE,
        },
    )


@staff_required
def order_list(request: HttpRequest) -> HttpResponse:
    """Work orders still to be done: those whose visit passed without a report first."""
    queryset = (
        WorkOrder.objects.active()
        .select_related(*ORDER_RELATED)
        .annotate(
            flagged=Case(
                When(overdue_visit_at__isnull=False, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("flagged", "target_date", "pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "works/staff_list.html", {"page": page})


@staff_required
def order_detail(request: HttpRequest, code) -> HttpResponse:
    order = order_for_staff(request.user, code)
    return render(
        request,
        "works/staff_order.html",
        {
            "order": order,
            "repair": order.request,
            "reports": order.reports.all(),
            "emails": emails.emails_of(order).order_by("-created_at"),
            "forms": actions.blank_forms(order, actions.STAFF_ACTIONS),
        },
    )


@staff_required
@require_POST
def order_action(request: HttpRequest, code, action: str) -> HttpResponse:
    order = order_for_staff(request.user, code)
    if action == "resend":
        if order.is_active and order.contractor_id and order.contractor.email:
            order.link_version += 1  # the new email's link; the old one opens nothing now
            order.save(update_fields=["link_version"])
            emails.queue_order_email(order)
            messages.success(request, _("Le bon est renvoyé à l'entreprise."))
        else:
            messages.error(request, _("Ce bon ne peut pas être renvoyé."))
        return redirect("works:order", code=order.code)
    outcome = actions.perform(
        order,
        action,
        post=request.POST,
        files=request.FILES,
        actor=Actor.of(request.user),
        allowed=actions.STAFF_ACTIONS,
        uploaded_by=request.user,
    )
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect("works:order", code=order.code)


@staff_required
def order_pdf(request: HttpRequest, code) -> HttpResponse:
    order = order_for_staff(request.user, code)
    return _pdf_response(order)


def _pdf_response(order: WorkOrder) -> HttpResponse:
    response = HttpResponse(emails.order_pdf(order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bon-de-travaux-{order.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
