"""The only way back-office views get a request: missing and not allowed look the same (404)."""

from django.contrib.auth.decorators import user_passes_test
from django.http import Http404

from agir.repairs.models import RepairRequest


def is_back_office(user) -> bool:
    return user.is_authenticated and user.is_back_office


staff_required = user_passes_test(is_back_office)


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
