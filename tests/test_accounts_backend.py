"""The signed-in user is read with their tenant or caretaker record: one query, not two."""

from __future__ import annotations

from django.urls import reverse

from agir.accounts.backends import UsernameBackend
from tests.builders import PASSWORD, build_caretaker, build_staff


def test_a_tenant_is_read_with_their_tenant_record_in_one_query(
    household, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = UsernameBackend().get_user(household.holder.user.pk)
        assert user.tenant == household.holder


def test_a_caretaker_is_read_with_their_caretaker_record_in_one_query(
    estate, django_assert_num_queries
):
    caretaker = build_caretaker(estate.sector)
    with django_assert_num_queries(1):
        assert UsernameBackend().get_user(caretaker.user.pk).caretaker == caretaker


def test_an_officer_without_either_record_is_still_read(db):
    officer = build_staff()
    assert UsernameBackend().get_user(officer.pk) == officer


def test_a_deactivated_account_is_signed_out_on_its_next_page(client, household):
    client.post(
        reverse("accounts:login"),
        {"username": household.holder.user.username, "password": PASSWORD},
    )
    household.holder.user.is_active = False
    household.holder.user.save(update_fields=["is_active"])
    assert UsernameBackend().get_user(household.holder.user.pk) is None
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
