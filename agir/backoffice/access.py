"""The only way back-office views get a request: missing and not allowed look the same (404).

Staff reach the back office only signed in with a verified second factor (the middleware of
agir/accounts/twofactor_gate.py sends them to give their code; this is the second lock). An
officer scoped to sectors sees the requests of those sectors only.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect

from agir.accounts import roles
from agir.repairs.models import RepairRequest


def is_back_office(user) -> bool:
    return user.is_authenticated and user.is_back_office and roles.is_verified(user)


def staff_required(view):
    """Anonymous people are sent to sign in; staff without their code to give it; signed-in
    people of other roles get a 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_back_office and not roles.is_verified(user):
            from agir.accounts.twofactor import second_factor_url

            return redirect(second_factor_url(user, request.get_full_path()))
        if not is_back_office(user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def sector_ids(user) -> list[int] | None:
    """The sectors an officer is scoped to, or None for every sector."""
    cached = getattr(user, "_agir_sector_ids", False)
    if cached is not False:
        return cached
    ids = list(user.sectors.values_list("pk", flat=True)) if user.role == "officer" else []
    result = ids or None
    user._agir_sector_ids = result
    return result


def visible_requests(user) -> QuerySet[RepairRequest]:
    """Every request this staff member may see (none for anyone else)."""
    if not is_back_office(user):
        return RepairRequest.objects.none()
    requests = RepairRequest.objects.all()
    scope = sector_ids(user)
    if scope is not None:
        requests = requests.filter(building__sector_id__in=scope)
    return requests


def get_request_for_staff(user, code) -> RepairRequest:
    try:
        return (
            visible_requests(user)
            .select_related(
                "building",
                "dwelling__entrance__building",
                "common_area",
                "catalogue_entry",
                "requested_by",
                "entered_by",
            )
            .get(code=code)
        )
    except (RepairRequest.DoesNotExist, ValueError):
        raise Http404 from None
