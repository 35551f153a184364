"""Roles declared once (agir/accounts/roles.py) become groups with their permissions; an
officer scoped to sectors sees the requests of those sectors only."""

from django.contrib.auth.models import Group

from agir.accounts.models import Role
from agir.accounts.roles import ROLES, sync_groups
from agir.backoffice.access import visible_requests
from tests.builders import build_estate, build_household, build_staff, submitted_request
from tests.staff_sign_in import sign_in


def test_each_staff_role_has_its_group_after_migrate(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {spec.group for spec in ROLES.values() if spec.group} <= names


def test_managers_may_change_the_commitments_and_officers_may_not(db):
    managers = Group.objects.get(name=ROLES["manager"].group)
    officers = Group.objects.get(name=ROLES["officer"].group)
    assert managers.permissions.filter(codename="change_commitment").exists()
    assert not officers.permissions.filter(codename="change_commitment").exists()
    assert officers.permissions.filter(codename="view_repairrequest").exists()


def test_sync_gives_a_group_back_the_permissions_it_lost(db):
    officers = Group.objects.get(name=ROLES["officer"].group)
    officers.permissions.clear()
    sync_groups()
    assert officers.permissions.filter(codename="change_repairrequest").exists()


def test_a_user_is_in_the_group_of_their_role_only(db):
    user = build_staff(Role.OFFICER)
    assert list(user.groups.values_list("name", flat=True)) == [ROLES["officer"].group]
    user.role = Role.MANAGER
    user.save()
    assert list(user.groups.values_list("name", flat=True)) == [ROLES["manager"].group]


def test_a_manager_reaches_the_admin(db):
    manager = build_staff(Role.MANAGER)
    manager.refresh_from_db()
    assert manager.is_staff
    assert manager.has_perm("repairs.change_commitment")


def test_tenants_join_no_group(household):
    assert not household.holder.user.groups.exists()


def test_an_administrator_is_back_office_with_every_permission(db):
    admin = build_staff(Role.ADMINISTRATOR)
    assert admin.is_back_office
    assert admin.has_perm("estate.delete_site")


def two_sectors():
    north, south = build_estate(), build_estate()
    return (
        submitted_request(build_household(north.dwellings[0])),
        submitted_request(build_household(south.dwellings[0])),
        north,
    )


def test_a_scoped_officer_sees_only_the_requests_of_their_sectors(client, db):
    north_request, south_request, north = two_sectors()
    officer = build_staff(Role.OFFICER)
    officer.sectors.set([north.sector])
    sign_in(client, officer)
    assert client.get(f"/bureau/demandes/{north_request.code}/").status_code == 200
    assert client.get(f"/bureau/demandes/{south_request.code}/").status_code == 404


def test_an_officer_without_sectors_sees_every_sector(client, db):
    _north_request, south_request, _north = two_sectors()
    officer = build_staff(Role.OFFICER)
    sign_in(client, officer)
    assert client.get(f"/bureau/demandes/{south_request.code}/").status_code == 200


def test_nobody_outside_the_back_office_sees_requests_through_it(household):
    submitted_request(household)
    assert not visible_requests(household.holder.user).exists()
