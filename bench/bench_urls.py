"""The site's URLs and the baseline: a bare Django view that renders a template from one
indexed query (a request by its unique code), on the same server and database; and the same
view for a signed-in user, which reads the session and the user first as every page of a
tenant, a caretaker or an officer does: the ceiling of those pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from agir.repairs.models import RepairRequest


def baseline(request, code):
    repair = get_object_or_404(
        RepairRequest.objects.only("reference", "title", "status", "submitted_at"), code=code
    )
    return render(request, "bench_baseline.html", {"repair": repair})


urlpatterns = [
    path("bench/baseline/<uuid:code>/", baseline),
    path("bench/signed-in/<uuid:code>/", login_required(baseline)),
    path("", include("agir.urls")),
]
