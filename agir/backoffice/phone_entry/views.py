"""Thin views of the phone and counter entry: find the tenant, then the problem, then send."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agir.backoffice.access import staff_required
from agir.estate.models import Lease, Occupancy
from agir.portal.wizard.submission import ChargeNotAccepted
from agir.repairs.lifecycle import LifecycleError

from . import entry, finder
from .forms import EntryForm


@staff_required
def find(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:80]
    found = finder.find_tenants(query) if query else []
    context = {"query": query, "found": found, "searched": bool(query)}
    if request.htmx:  # as the officer types: the results only
        return render(request, "backoffice/phone_entry/_results.html", context)
    return render(request, "backoffice/phone_entry/find.html", context)


def _occupancy(tenant: str, lease: int) -> Occupancy:
    occupancy = (
        Occupancy.objects.filter(
            tenant__code=tenant, lease_id=lease, lease__in=Lease.objects.current()
        )
        .select_related("tenant", "lease__dwelling__entrance__building__site")
        .first()
    )
    if occupancy is None:
        raise Http404
    return occupancy


@staff_required
def enter(request: HttpRequest, tenant: str, lease: int) -> HttpResponse:
    occupancy = _occupancy(tenant, lease)
    the_tenant, the_lease = occupancy.tenant, occupancy.lease
    if request.method == "POST":
        form = EntryForm(request.POST)
        query = request.POST.get("q", "")
        if form.is_valid():
            data = form.cleaned_data
            answers = entry.answers_for(the_lease, the_tenant, data["choice"], data["key"])
            if not answers.has_problem:
                form.add_error(None, _("Choisissez le problème dans la liste."))
            else:
                try:
                    made = entry.record(
                        answers,
                        request.user,
                        origin=data["origin"],
                        description=data["description"],
                        access_notes=data["access_notes"],
                        accept_charge=data["accept_charge"],
                    )
                except ChargeNotAccepted:
                    form.add_error(
                        "accept_charge",
                        _("Cette réparation est à la charge du locataire : dites-le-lui, puis "
                          "cochez la case."),
                    )  # fmt: skip
                except LifecycleError as error:
                    form.add_error(None, error.user_message)
                else:
                    messages.success(
                        request,
                        _("Demande n° %(reference)s enregistrée : le locataire est prévenu.")
                        % {"reference": made.reference},
                    )
                    return redirect("backoffice:request", code=made.code)
        chosen = request.POST.get("choice", "")
    else:
        query = request.GET.get("q", "").strip()[:200]
        form = EntryForm(initial={"key": uuid.uuid4()})
        chosen = ""
    found = entry.problems(query, the_lease, the_tenant)
    if not chosen and found:
        chosen = found[0].choice  # the best answer is ready: Enter sends it
    context = {
        "occupancy": occupancy,
        "tenant": the_tenant,
        "lease": the_lease,
        "query": query,
        "problems": found,
        "chosen": chosen,
        "form": form,
    }
    return render(request, "backoffice/phone_entry/enter.html", context)
