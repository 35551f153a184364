"""The only ways works views get a work order: the officer's, the contractor's own, the
caretaker's own. Missing and not yours both answer 404."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from agir.accounts.models import Role
from agir.backoffice.access import is_back_office

from .models import WorkOrder

ORDER_RELATED = (
    "request__building",
    "request__dwelling__entrance__building",
    "request__common_area",
    "contractor",
    "caretaker__user",
)


def role_required(role: str):
    """Anonymous people are sent to sign in; signed-in people of other roles get a 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role != role:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


contractor_required = role_required(Role.CONTRACTOR)
caretaker_required = role_required(Role.CARETAKER)


def _one(queryset: QuerySet, code) -> WorkOrder:
    try:
        return queryset.select_related(*ORDER_RELATED).get(code=code)
    except (WorkOrder.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def order_for_staff(user, code) -> WorkOrder:
    if not is_back_office(user):
        raise Http404
    return _one(WorkOrder.objects.all(), code)


def contractor_orders(user) -> QuerySet[WorkOrder]:
    if not user.is_authenticated or user.role != Role.CONTRACTOR:
        return WorkOrder.objects.none()
    return WorkOrder.objects.for_contractor_user(user)


def order_for_contractor(user, code) -> WorkOrder:
    return _one(contractor_orders(user), code)


def caretaker_orders(user) -> QuerySet[WorkOrder]:
    if not user.is_authenticated or user.role != Role.CARETAKER:
        return WorkOrder.objects.none()
    return WorkOrder.objects.filter(caretaker__user=user)
