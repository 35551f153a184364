"""The two-question survey once a request is closed: a score from 1 to 5, and a comment."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agir.portal.access import get_request_for_tenant, tenant_of
from agir.quality import surveys
from agir.repairs.models import RepairRequest

from .forms import SurveyForm
from .guards import tenant_required


def survey_state(repair: RepairRequest, user) -> dict | None:
    """What the request page says about the survey: nothing, an invitation, or the answer."""
    answered = surveys.survey_of(repair, tenant_of(user))
    if answered is None and not surveys.is_open(repair):
        return None
    return {"answered": answered}


@tenant_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_tenant(request.user, code)
    tenant = tenant_of(request.user)
    already = surveys.survey_of(repair, tenant)
    if already is not None:
        if request.method == "POST":
            messages.info(request, _("Vous avez déjà donné votre avis sur cette demande. Merci !"))
            return redirect("portal:request", code=repair.code)
        return _page(request, repair, None, answered=already)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if not surveys.is_open(repair):
        refusal = _("Vous pourrez donner votre avis une fois la demande close.")
        status = 409 if request.method == "POST" else 200
        return _page(request, repair, None, refusal=refusal, status=status)
    if request.method == "GET":
        return _page(request, repair, form)
    if not form.is_valid():
        return _page(request, repair, form, status=400)
    try:
        result = surveys.answer(
            repair,
            tenant,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
            user=request.user,
        )
    except surveys.SurveyRefused as error:
        return _page(request, repair, form, refusal=error.user_message, status=409)
    if result.created:
        messages.success(request, _("Merci pour votre avis !"))
    else:
        messages.info(request, _("Vous avez déjà donné votre avis sur cette demande. Merci !"))
    return redirect("portal:request", code=repair.code)


def _page(request, repair, form, *, answered=None, refusal="", status=200) -> HttpResponse:
    context = {
        "repair": repair,
        "form": form,
        "error_forms": [form] if form is not None and form.errors else [],
        "answered": answered,
        "refusal": refusal,
    }
    return render(request, "portal/tracking/survey.html", context, status=status)
