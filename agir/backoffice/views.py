from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agir.catalogue.payer import WhoPays, who_pays_for_request
from agir.quality.access_log import log_personal_data_access
from agir.quality.sensitive import warn_if_sensitive
from agir.repairs import lifecycle
from agir.repairs.models import OPEN_STATUSES, RepairRequest

from . import forms
from .access import get_request_for_staff, staff_required

PAGE_SIZE = 50


@staff_required
def request_list(request: HttpRequest) -> HttpResponse:
    form = forms.RequestFilterForm(request.GET or None)
    requests = RepairRequest.objects.submitted().select_related(
        "building", "dwelling", "common_area", "requested_by"
    )
    status = q = ""
    if form.is_valid():
        status, q = form.cleaned_data["status"], form.cleaned_data["q"].strip()
    requests = (
        requests.filter(status=status) if status else requests.filter(status__in=OPEN_STATUSES)
    )
    if q:
        requests = requests.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    page = Paginator(requests.order_by("-submitted_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "backoffice/request_list.html", {"form": form, "page": page})


@staff_required
def request_detail(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_staff(request.user, code)
    log_personal_data_access(request.user, repair)
    notifications = (
        repair.notifications.select_related("fallback_of")
        .prefetch_related("delivery_attempts", "reports")
        .order_by("-created_at", "-id")
    )
    who = who_pays_for_request(repair)
    context = {
        "repair": repair,
        "who": who,
        "events": repair.events.select_related("actor").order_by("-at", "-id"),
        "notifications": notifications,
        "intents": lifecycle.allowed_intents(repair),
        "forms": _action_forms(repair, who),
    }
    return render(request, "backoffice/request_detail.html", context)


ACTION_FORMS = {
    "acknowledge": forms.AcknowledgeForm,
    "schedule": forms.ScheduleForm,
    "postpone": forms.PostponeForm,
    "start": forms.OptionalMessageForm,
    "finish": forms.OptionalMessageForm,
    "close": forms.OptionalMessageForm,
    "reject": forms.ReasonForm,
    "cancel": forms.ReasonForm,
    "comment": forms.CommentForm,
}


def _action_forms(repair: RepairRequest, who: WhoPays) -> dict:
    initial = {
        # Who pays en principe today (the place's contracts), for the officer to confirm.
        "acknowledge": {"responsibility": who.payer, "urgency": repair.urgency},
    }
    return {
        intent: form_class(initial=initial.get(intent), prefix=intent)
        for intent, form_class in ACTION_FORMS.items()
        if lifecycle.can(repair, intent)
    }


@staff_required
@require_POST
def request_action(request: HttpRequest, code: str, intent: str) -> HttpResponse:
    repair = get_request_for_staff(request.user, code)
    form_class = ACTION_FORMS.get(intent)
    if form_class is None:
        messages.error(request, _("Action inconnue."))
        return redirect("backoffice:request", code=repair.code)
    form = form_class(request.POST, prefix=intent)
    if not form.is_valid():
        messages.error(request, _("Vérifiez les champs : %(errors)s") % {"errors": _errors(form)})
        return redirect("backoffice:request", code=repair.code)
    actor = lifecycle.Actor.of(request.user)
    data = form.cleaned_data
    try:
        match intent:
            case "acknowledge":
                lifecycle.acknowledge(repair, actor=actor, **data)
            case "schedule":
                lifecycle.schedule(repair, actor=actor, **data)
            case "postpone":
                lifecycle.postpone(repair, actor=actor, **data)
            case "start":
                lifecycle.start(repair, actor=actor)
            case "finish":
                lifecycle.finish(repair, actor=actor, message=data["message"])
            case "close":
                lifecycle.close(repair, actor=actor, message=data["message"])
            case "reject":
                lifecycle.reject(repair, actor=actor, reason=data["reason"])
            case "cancel":
                lifecycle.cancel(repair, actor=actor, reason=data["reason"])
            case "comment":
                lifecycle.comment(
                    repair, actor=actor, message=data["message"], public=data["public"]
                )
    except lifecycle.LifecycleError as error:
        messages.error(request, error.user_message)
    else:
        messages.success(request, _("C'est enregistré."))
        warn_if_sensitive(request, data)
    return redirect("backoffice:request", code=repair.code)


def _errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label} : {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )
