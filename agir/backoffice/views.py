from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agir.repairs.models import OPEN_STATUSES, RepairRequest

from . import forms
from .access import staff_required

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
