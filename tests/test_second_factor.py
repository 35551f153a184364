"""Staff sign in with a password and a TOTP code (or a recovery code); without a verified
second factor they reach neither the back office nor the admin. Caretakers, contractors and
tenants keep their password alone."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agir.accounts.models import Role
from tests.builders import PASSWORD, build_caretaker, build_staff, submitted_request
from tests.staff_sign_in import sign_in, totp_code, verified_device


@pytest.fixture
def manager(db):
    user = build_staff(Role.MANAGER)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


def password_only(client, user):
    client.force_login(user)
    return client


def test_an_officer_without_a_device_is_sent_to_set_one_up(client, officer):
    password_only(client, officer)
    response = client.get("/bureau/demandes/")
    assert response.status_code == 302
    assert response.url == "/compte/second-facteur/activer/?next=%2Fbureau%2Fdemandes%2F"


def test_an_officer_with_a_device_is_asked_for_the_code(client, officer):
    verified_device(officer)
    password_only(client, officer)
    response = client.get("/bureau/demandes/")
    assert response.url == "/compte/second-facteur/?next=%2Fbureau%2Fdemandes%2F"


def test_staff_without_a_verified_code_cannot_open_a_request(client, officer, household):
    request = submitted_request(household)
    verified_device(officer)
    password_only(client, officer)
    response = client.get(f"/bureau/demandes/{request.code}/", follow=True)
    assert request.reference not in response.text
    assert "Code de sécurité" in response.text


def test_staff_without_a_verified_code_cannot_open_the_admin(client, manager):
    verified_device(manager)
    password_only(client, manager)
    for url in ("/admin/", "/admin/accounts/user/", "/admin/repairs/commitment/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/compte/second-facteur/")


def test_the_admin_sign_in_page_sends_unverified_staff_to_the_code(client, manager):
    verified_device(manager)
    password_only(client, manager)
    response = client.get("/admin/login/?next=/admin/")
    assert response.url.startswith("/compte/second-facteur/")


def test_a_verified_manager_opens_the_admin(client, manager):
    sign_in(client, manager)
    assert client.get("/admin/repairs/commitment/").status_code == 200


def test_the_password_then_the_code_open_the_back_office(client, officer):
    device = verified_device(officer)
    response = client.post(
        "/compte/connexion/",
        {"username": officer.username, "password": PASSWORD, "next": "/bureau/demandes/"},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/compte/second-facteur/"
    response = client.post(
        "/compte/second-facteur/", {"code": totp_code(device), "next": "/bureau/demandes/"}
    )
    assert response.url == "/bureau/demandes/"
    assert client.get("/bureau/demandes/").status_code == 200


def test_a_wrong_code_is_refused_in_plain_french(client, officer):
    verified_device(officer)
    password_only(client, officer)
    response = client.post("/compte/second-facteur/", {"code": "000000"})
    assert response.status_code == 200
    assert "Ce code ne convient pas" in response.text
    assert client.get("/bureau/demandes/").status_code == 302


def test_rubbish_in_the_code_field_is_refused_not_a_server_error(client, officer):
    verified_device(officer)
    password_only(client, officer)
    response = client.post("/compte/second-facteur/", {"code": "<script>" * 10})
    assert response.status_code == 200


def test_enrolment_shows_a_qr_code_and_the_secret(client, officer):
    password_only(client, officer)
    response = client.get("/compte/second-facteur/activer/")
    assert "<svg" in response.text
    assert re.search(r"<code class=\"secret\">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", response.text)


def test_enrolment_confirmed_by_a_code_shows_the_recovery_codes_once(client, officer):
    password_only(client, officer)
    client.get("/compte/second-facteur/activer/")
    device = TOTPDevice.objects.get(user=officer)
    response = client.post(
        "/compte/second-facteur/activer/", {"code": totp_code(device), "next": "/bureau/"}
    )
    assert response.url.startswith("/compte/second-facteur/codes/")
    shown = client.get(response.url).text
    codes = StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in shown for code in codes)
    again = client.get("/compte/second-facteur/codes/").text
    assert not any(code in again for code in codes)
    # The session is verified: the back office opens.
    assert client.get("/bureau/demandes/").status_code == 200


def test_enrolment_refuses_a_wrong_code(client, officer):
    password_only(client, officer)
    client.get("/compte/second-facteur/activer/")
    response = client.post("/compte/second-facteur/activer/", {"code": "123456"})
    assert "Ce code ne convient pas" in response.text
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_a_recovery_code_signs_in_once(client, officer):
    from agir.accounts.twofactor import new_recovery_codes

    verified_device(officer)
    code = new_recovery_codes(officer)[0]
    password_only(client, officer)
    assert client.post("/compte/second-facteur/", {"code": code.upper()}).status_code == 302
    assert client.get("/bureau/demandes/").status_code == 200

    other = password_only(type(client)(), officer)
    response = other.post("/compte/second-facteur/", {"code": code})
    assert "Ce code ne convient pas" in response.text


def test_new_recovery_codes_replace_the_old_ones(client, officer):
    from agir.accounts.twofactor import new_recovery_codes

    old = new_recovery_codes(officer)
    sign_in(client, officer)
    client.post("/compte/second-facteur/codes/")
    shown = client.get("/compte/second-facteur/codes/").text
    assert not any(code in shown for code in old)
    assert StaticToken.objects.filter(device__user=officer).count() == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_caretakers_sign_in_with_their_password_alone(client, estate):
    caretaker = build_caretaker(estate.sector).user
    password_only(client, caretaker)
    assert client.get("/gardien/").status_code == 200
    assert client.get("/compte/second-facteur/").status_code == 404


def test_contractors_sign_in_with_their_password_alone(client, db):
    contractor = build_staff(Role.CONTRACTOR)
    password_only(client, contractor)
    response = client.get("/")
    assert not response.get("Location", "").startswith("/compte/second-facteur")
    assert client.get("/compte/second-facteur/").status_code == 404
