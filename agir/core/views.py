from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from agir.accounts.models import Role
from agir.core import health


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when the database answers, else 503; never why."""
    if health.database_ok():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)


@require_GET
@never_cache
def healthz_worker(request: HttpRequest) -> JsonResponse:
    """For monitoring: 200 while a task worker's heartbeat is fresh, else 503."""
    healthy, report = health.worker_check()
    body = {"status": "ok" if healthy else "no live worker", **report}
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the pages of their role."""
    if request.user.role == Role.MANAGER:
        return redirect("quality_staff:dashboard")
    if request.user.is_back_office:
        return redirect("backoffice:requests")
    if request.user.role == Role.TENANT:
        return redirect("portal:home")
    if request.user.role == Role.CARETAKER:
        return redirect("rounds:home")
    if request.user.role == Role.CONTRACTOR:
        return redirect("works:contractor_orders")
    return render(request, "core/welcome.html")
