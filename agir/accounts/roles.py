"""Who is who: every role, its Django group, its permissions and how it signs in, in one place.

`User.role` says what a person is; the group of that role (with the permissions below) follows
it, kept in step by `sync_groups()` (after each migrate) and `sync_user_groups()` (when a
user's role is saved). Views decide on the role (`is_back_office`, …); the permissions serve
Django's admin, where managers edit the commitments and administrators everything.

Officers may be scoped to sectors (`User.sectors`; none means all sectors): see
`agir.backoffice.access.visible_requests`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ALL = "__all__"


@dataclass(frozen=True)
class RoleSpec:
    group: str  # the Django group's name, shown in the admin ("" for none)
    permissions: tuple[str, ...] = ()  # "app_label.codename", or ALL
    back_office: bool = False  # reaches the back office (/bureau/)
    admin_site: bool = False  # reaches the Django admin (is_staff)
    second_factor: bool = False  # must sign in with a verified TOTP code


def _view(*models: str) -> tuple[str, ...]:
    return tuple(f"{model.split('.')[0]}.view_{model.split('.')[1]}" for model in models)


_READ_ESTATE = _view(
    "estate.site",
    "estate.building",
    "estate.entrance",
    "estate.dwelling",
    "estate.commonarea",
    "estate.tenant",
    "estate.lease",
    "estate.sector",
    "estate.contractor",
    "estate.maintenancecontract",
)
_OFFICER = (
    *_READ_ESTATE,
    *_view("repairs.repairrequest", "repairs.requestevent", "repairs.commitment"),
    "repairs.change_repairrequest",
    "repairs.add_requestevent",
)

ROLES: dict[str, RoleSpec] = {
    # Tenants are the many (millions of rows): no group, their pages check the role.
    "tenant": RoleSpec(group=""),
    # Caretakers sign in on their phones during the round, often with one hand: password only.
    "caretaker": RoleSpec(group="Gardiens", permissions=_view("repairs.repairrequest")),
    # Contractors: password only, or a signed link to one work order.
    "contractor": RoleSpec(group="Prestataires"),
    "officer": RoleSpec(
        group="Chargés de clientèle", permissions=_OFFICER, back_office=True, second_factor=True
    ),
    "manager": RoleSpec(
        group="Responsables",
        permissions=(
            *_OFFICER,
            "repairs.change_commitment",
            "repairs.add_commitment",
            "catalogue.view_catalogueentry",
            "catalogue.change_catalogueentry",
        ),
        back_office=True,
        admin_site=True,
        second_factor=True,
    ),
    "administrator": RoleSpec(
        group="Administrateurs",
        permissions=(ALL,),
        back_office=True,
        admin_site=True,
        second_factor=True,
    ),
}

BACK_OFFICE_ROLES = frozenset(role for role, spec in ROLES.items() if spec.back_office)
SECOND_FACTOR_ROLES = frozenset(role for role, spec in ROLES.items() if spec.second_factor)


def spec(role: str) -> RoleSpec:
    return ROLES.get(role) or ROLES["tenant"]


def requires_second_factor(user) -> bool:
    """Staff (and anyone who reaches the admin) sign in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in SECOND_FACTOR_ROLES or user.is_staff or user.is_superuser


def is_verified(user) -> bool:
    """Signed in with a verified second factor in this session (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


# --- groups and permissions, from the declaration above -----------------------------------


def _permissions(names: Iterable[str]):
    from django.contrib.auth.models import Permission

    names = list(names)
    if ALL in names:
        return list(Permission.objects.all())
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = [
        perm
        for perm in Permission.objects.filter(
            codename__in={codename for _app, codename in wanted}
        ).select_related("content_type")
        if (perm.content_type.app_label, perm.codename) in wanted
    ]
    return found


def sync_groups(**_kwargs) -> None:
    """Create each role's group and give it exactly its declared permissions (post_migrate)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    for role, role_spec in ROLES.items():
        if not role_spec.group:
            continue
        group, _created = Group.objects.get_or_create(name=role_spec.group)
        group.permissions.set(_permissions(role_spec.permissions))
        # Staff accounts made before the groups existed (a few hundred at most).
        group.user_set.add(*User.objects.filter(role=role).exclude(groups=group))


def sync_user_groups(user) -> None:
    """Put the user in their role's group and out of the other roles' groups; give the admin
    to the roles that use it."""
    from django.contrib.auth.models import Group

    role_groups = {role_spec.group for role_spec in ROLES.values() if role_spec.group}
    wanted = spec(user.role).group
    stale = user.groups.filter(name__in=role_groups - {wanted})
    if stale.exists():
        user.groups.remove(*stale)
    if wanted:
        group, _created = Group.objects.get_or_create(name=wanted)
        user.groups.add(group)
    if spec(user.role).admin_site and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
