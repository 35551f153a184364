"""Sign in with an email address or a lease reference, besides the username."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db.models import QuerySet

from agir.accounts.models import Role, User
from agir.estate.models import Lease


def accounts_of_lease(reference: str) -> QuerySet[User]:
    """Tenant accounts of the occupants of the current lease with this reference."""
    leases = Lease.objects.current().filter(reference__iexact="".join(reference.split()))
    return User.objects.filter(role=Role.TENANT, tenant__occupancies__lease__in=leases).distinct()


def find_user(identifier: str) -> User | None:
    """The one account `identifier` (an email or a lease reference) names, if exactly one."""
    identifier = identifier.strip()
    if not identifier:
        return None
    if "@" in identifier:
        users = list(User.objects.filter(email__iexact=identifier)[:2])
    else:
        users = list(accounts_of_lease(identifier)[:2])
    return users[0] if len(users) == 1 else None


# The records a signed-in user's pages ask for on every request: read with the user.
PROFILES = ("tenant", "caretaker")


class UsernameBackend(ModelBackend):
    """Django's ModelBackend (sign in with the username), reading the signed-in user with
    their tenant or caretaker record in the same query: each of their pages asks for it, and
    it was a query of its own on every request."""

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related(*PROFILES).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class EmailOrLeaseBackend(UsernameBackend):
    """After the username: an email address, or a lease reference."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend the time a password check takes, so timing does not tell who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
