"""Staff post and take down notices (thin views over `service`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agir.backoffice.access import staff_required
from agir.repairs.lifecycle import LifecycleError
from agir.repairs.models import RepairRequest

from . import service
from .forms import NoticeForm
from .models import Notice


@staff_required
def notice_list(request: HttpRequest) -> HttpResponse:
    form = NoticeForm(request.POST or None, initial={"request": request.GET.get("demande", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        linked = None
        if data["request"].strip():
            linked = (
                RepairRequest.objects.submitted()
                .filter(reference=data["request"].strip())
                .select_related("dwelling__entrance", "common_area__entrance", "building__site")
                .first()
            )
            if linked is None:
                form.add_error("request", _("Aucune demande n° %(reference)s.")
                               % {"reference": data["request"].strip()})  # fmt: skip
        if not form.errors:
            place = service.place_for(
                data["scope"],
                request=linked,
                site=data["site"],
                building=data["building"],
                entrance=data["entrance"],
            )
            try:
                service.post(
                    text=data["text"],
                    ends_on=data["ends_on"],
                    by=request.user,
                    equipment=data["equipment"],
                    request=linked,
                    **place,
                )
            except LifecycleError as error:
                form.add_error(None, error.user_message)
            else:
                messages.success(request, _("L'avis est affiché."))
                return redirect("backoffice_notices:notices")
    shown = (
        Notice.objects.filter(ends_on__gte=timezone.localdate())
        .select_related("site", "building", "entrance__building", "request", "equipment")
        .order_by("ends_on", "pk")
    )
    return render(request, "notices/list.html", {"form": form, "notices": shown})


@staff_required
@require_POST
def notice_end(request: HttpRequest, code: str) -> HttpResponse:
    notice = Notice.objects.filter(code=code).first()
    if notice is None:
        raise Http404
    service.end_now(notice)
    messages.success(request, _("L'avis est retiré."))
    return redirect("backoffice_notices:notices")
