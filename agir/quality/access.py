"""Who may see the quality pages: managers only. Anonymous people are sent to sign in; anyone
else gets a 404, as for anything that is not theirs."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from agir.accounts.models import Role


def is_manager(user) -> bool:
    return user.is_authenticated and user.role == Role.MANAGER


def manager_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_manager(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
