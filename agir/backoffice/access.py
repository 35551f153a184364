"""The only way back-office views get a request: missing and not allowed look the same (404)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from agir.repairs.models import RepairRequest


def is_back_office(user) -> bool:
    return user.is_authenticated and user.is_back_office


def staff_required(view):
    """Anonymous people are sent to sign in; signed-in people of other roles get a 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_back_office(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def get_request_for_staff(user, code) -> RepairRequest:
    if not is_back_office(user):
        raise Http404
    try:
        return RepairRequest.objects.select_related(
            "building",
            "dwelling__entrance__building",
            "common_area",
            "catalogue_entry",
            "requested_by",
            "entered_by",
        ).get(code=code)
    except (RepairRequest.DoesNotExist, ValueError):
        raise Http404 from None
