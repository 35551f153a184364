"""Tenant sign-up with the lease reference and the code of a letter, or an emailed link."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agir.accounts import activation
from agir.accounts.emails import send_activation_link
from agir.accounts.models import ActivationCode, Attempt, Role
from agir.notify import dispatch
from tests.builders import build_household
from tests.smtp import SmtpServer, use_smtp_port

User = get_user_model()
SIGNUP = reverse("accounts:signup")
IDENTIFIER = reverse("accounts:signup-identifier")
PASSWORD = reverse("accounts:signup-password")
GOOD_PASSWORD = "Tilleul-Bleu-2026"


@pytest.fixture
def lease_without_accounts(estate):
    """A lease of two occupants, neither with an account."""
    return build_household(estate.dwellings[2], occupants=2, with_account=False)


def letter_code(tenant) -> str:
    return activation.issue_code(tenant)


def post_letter(client, reference: str, code: str, **extra):
    return client.post(SIGNUP, {"lease_reference": reference, "code": code}, **extra)


def sign_up(client, reference: str, code: str, identifier: str, password: str = GOOD_PASSWORD):
    response = post_letter(client, reference, code)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == IDENTIFIER
    response = client.post(IDENTIFIER, {"identifier": identifier})
    assert response.status_code == 302, response.content.decode()
    return client.post(PASSWORD, {"new_password1": password, "new_password2": password})


def errors_of(response) -> str:
    return html.unescape(response.content.decode())


# --- with a letter's code -----------------------------------------------------------------


def test_a_tenant_signs_up_with_the_letters_code_and_is_signed_in(client, lease_without_accounts):
    tenant = lease_without_accounts.tenants[0]
    code = letter_code(tenant)

    response = sign_up(client, lease_without_accounts.lease.reference, code, "nadia@exemple.fr")

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    tenant.refresh_from_db()
    user = tenant.user
    assert user.role == Role.TENANT
    assert user.username == "nadia@exemple.fr"
    assert user.email == "nadia@exemple.fr"
    assert user.first_name == tenant.first_name
    assert user.check_password(GOOD_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert ActivationCode.objects.get(tenant=tenant).used_at is not None


def test_a_tenant_may_choose_a_username_and_keeps_the_email_on_file(client, lease_without_accounts):
    tenant = lease_without_accounts.tenants[0]
    sign_up(client, lease_without_accounts.lease.reference, letter_code(tenant), "nadia59")

    tenant.refresh_from_db()
    assert tenant.user.username == "nadia59"
    assert tenant.user.email == tenant.email


def test_the_code_may_be_typed_in_lower_case_with_spaces_or_dashes(client, lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    typed = " ".join([code[:4].lower(), code[4:8], "-", code[8:].lower()])
    reference = lease_without_accounts.lease.reference.lower()

    response = post_letter(client, f" {reference} ", typed)

    assert response.status_code == 302
    assert response["Location"] == IDENTIFIER


def test_only_a_hash_of_the_code_is_stored(lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    stored = ActivationCode.objects.get(tenant=lease_without_accounts.tenants[0])
    assert code not in stored.code_hash
    assert stored.code_hash.startswith("pbkdf2_sha256$")
    assert len(code) == 12 and set(code) <= set(activation.ALPHABET)


def test_each_occupant_of_a_lease_gets_their_own_account(lease_without_accounts):
    first, second = lease_without_accounts.tenants
    reference = lease_without_accounts.lease.reference
    codes = {first: letter_code(first), second: letter_code(second)}
    sign_up(Client(), reference, codes[first], "first@exemple.fr")
    sign_up(Client(), reference, codes[second], "second@exemple.fr")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.user.username == "first@exemple.fr"
    assert second.user.username == "second@exemple.fr"
    assert first.user != second.user


def test_a_code_signs_up_the_occupant_it_was_issued_to(client, lease_without_accounts):
    first, second = lease_without_accounts.tenants
    letter_code(first)
    second_code = letter_code(second)

    sign_up(client, lease_without_accounts.lease.reference, second_code, "karim@exemple.fr")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.user is None
    assert second.user.username == "karim@exemple.fr"


# --- refusals -----------------------------------------------------------------------------


def test_a_wrong_code_is_refused_in_french_and_counted(client, lease_without_accounts):
    letter_code(lease_without_accounts.tenants[0])

    response = post_letter(client, lease_without_accounts.lease.reference, "AAAA-BBBB-CCCC")

    assert response.status_code == 200
    assert "La référence du bail ou le code ne correspond pas" in errors_of(response)
    assert Attempt.objects.filter(action="signup_failure").count() == 1


def test_what_was_typed_is_kept_after_a_refusal(client, lease_without_accounts):
    response = post_letter(client, lease_without_accounts.lease.reference, "AAAA-BBBB-CCCC")
    page = errors_of(response)
    assert f'value="{lease_without_accounts.lease.reference}"' in page
    assert 'value="AAAA-BBBB-CCCC"' in page


def test_an_unknown_lease_gets_the_same_message_as_a_wrong_code(client, lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    response = post_letter(client, "NOSUCHLEASE", code)
    assert "La référence du bail ou le code ne correspond pas" in errors_of(response)


def test_a_code_with_another_leases_reference_is_refused(client, estate, lease_without_accounts):
    other = build_household(estate.dwellings[3], with_account=False)
    code = letter_code(lease_without_accounts.tenants[0])
    response = post_letter(client, other.lease.reference, code)
    assert "La référence du bail ou le code ne correspond pas" in errors_of(response)


def test_an_expired_code_is_refused_with_its_own_message(client, lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    later = timezone.now() + timedelta(days=91)
    with time_machine.travel(later):
        response = post_letter(client, lease_without_accounts.lease.reference, code)
    assert "Ce code n'est plus valable : il a expiré" in errors_of(response)


def test_a_used_code_is_refused_with_its_own_message(client, lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    sign_up(client, lease_without_accounts.lease.reference, code, "nadia@exemple.fr")
    client.post(reverse("accounts:logout"))

    response = post_letter(client, lease_without_accounts.lease.reference, code)

    assert "Ce code a déjà servi" in errors_of(response)


def test_a_new_letter_voids_the_previous_code(client, lease_without_accounts):
    tenant = lease_without_accounts.tenants[0]
    old = letter_code(tenant)
    letter_code(tenant)
    response = post_letter(client, lease_without_accounts.lease.reference, old)
    assert "expiré" in errors_of(response)


def test_a_code_of_a_lease_that_ended_is_refused(client, estate):
    past = build_household(
        estate.dwellings[4],
        with_account=False,
        start=timezone.localdate() - timedelta(days=900),
        end=timezone.localdate() - timedelta(days=10),
    )
    code = letter_code(past.tenants[0])
    response = post_letter(client, past.lease.reference, code)
    assert "La référence du bail ou le code ne correspond pas" in errors_of(response)


def test_empty_fields_are_refused_in_french(client, db):
    response = post_letter(client, "", "")
    assert "Ce champ est obligatoire" in errors_of(response)


def test_a_signed_in_person_is_sent_home_from_the_signup_page(client, household):
    client.force_login(household.holder.user)
    response = client.get(SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


# --- rate limit ---------------------------------------------------------------------------


def test_after_5_failures_on_a_lease_even_the_right_code_is_refused_for_a_while(
    client, lease_without_accounts
):
    reference = lease_without_accounts.lease.reference
    code = letter_code(lease_without_accounts.tenants[0])
    for _ in range(5):
        post_letter(client, reference, "AAAA-BBBB-CCCC")

    response = post_letter(client, reference, code)

    assert response.status_code == 429
    assert "Trop d'essais sans succès" in errors_of(response)
    assert "attendez 15 minutes" in errors_of(response)


def test_a_stranger_typing_a_lease_reference_does_not_lock_its_tenants_out(
    client, lease_without_accounts
):
    # Fails before the fix: failures were also counted per lease, from anywhere.
    reference = lease_without_accounts.lease.reference
    code = letter_code(lease_without_accounts.tenants[0])
    for _ in range(5):
        post_letter(client, reference, "AAAA-BBBB-CCCC", REMOTE_ADDR="198.51.100.7")

    response = post_letter(client, reference, code, REMOTE_ADDR="203.0.113.20")

    assert response.status_code == 302


def test_behind_the_proxy_one_clients_mistakes_do_not_block_another(
    client, settings, lease_without_accounts
):
    # Fails before the fix: every client had nginx's REMOTE_ADDR, so all shared one count.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    reference = lease_without_accounts.lease.reference
    code = letter_code(lease_without_accounts.tenants[0])
    for _ in range(5):
        post_letter(
            client,
            "B999999",
            "AAAA-BBBB-CCCC",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )

    blocked = post_letter(
        client, reference, code, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    other = post_letter(
        client, reference, code, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20"
    )

    assert blocked.status_code == 429
    assert other.status_code == 302


def test_after_5_failures_from_an_address_other_leases_are_refused_too(
    client, estate, lease_without_accounts
):
    other = build_household(estate.dwellings[3], with_account=False)
    code = letter_code(other.tenants[0])
    for i in range(5):
        post_letter(client, f"GUESS{i}", "AAAA-BBBB-CCCC", REMOTE_ADDR="10.1.1.1")

    refused = post_letter(client, other.lease.reference, code, REMOTE_ADDR="10.1.1.1")
    elsewhere = post_letter(client, other.lease.reference, code, REMOTE_ADDR="10.2.2.2")

    assert refused.status_code == 429
    assert elsewhere.status_code == 302


def test_four_failures_do_not_block(client, lease_without_accounts):
    reference = lease_without_accounts.lease.reference
    code = letter_code(lease_without_accounts.tenants[0])
    for _ in range(4):
        post_letter(client, reference, "AAAA-BBBB-CCCC")
    assert post_letter(client, reference, code).status_code == 302


def test_the_block_lifts_15_minutes_after_the_failures(client, lease_without_accounts):
    reference = lease_without_accounts.lease.reference
    code = letter_code(lease_without_accounts.tenants[0])
    for _ in range(5):
        post_letter(client, reference, "AAAA-BBBB-CCCC")
    assert post_letter(client, reference, code).status_code == 429

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = post_letter(client, reference, code)

    assert response.status_code == 302


def test_a_refusal_while_blocked_is_not_counted(client, lease_without_accounts):
    reference = lease_without_accounts.lease.reference
    for _ in range(7):
        post_letter(client, reference, "AAAA-BBBB-CCCC")
    assert Attempt.objects.filter(action="signup_failure").count() == 5


# --- identifier and password --------------------------------------------------------------


@pytest.fixture
def at_identifier(client, lease_without_accounts):
    code = letter_code(lease_without_accounts.tenants[0])
    assert post_letter(client, lease_without_accounts.lease.reference, code).status_code == 302
    return lease_without_accounts


def test_the_identifier_page_suggests_the_email_on_file(client, at_identifier):
    page = client.get(IDENTIFIER).content.decode()
    assert f'value="{at_identifier.tenants[0].email}"' in page


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("nadia@", "Cette adresse e-mail n'est pas complète"),
        ("ab", "au moins 3 caractères"),
        ("nadia benali", "sans espace"),
        ("", "Ce champ est obligatoire"),
    ],
)
def test_a_bad_identifier_is_refused_in_french_and_kept(client, at_identifier, identifier, message):
    response = client.post(IDENTIFIER, {"identifier": identifier})
    assert response.status_code == 200
    assert message in errors_of(response)
    if identifier:
        assert f'value="{identifier}"' in errors_of(response)


def test_an_identifier_taken_by_another_account_is_refused(client, at_identifier, household):
    taken = household.holder.user
    for identifier in (taken.username, taken.email.upper()):
        response = client.post(IDENTIFIER, {"identifier": identifier})
        assert "déjà pris" in errors_of(response)


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("Tilleul-Bleu-2026", "Tilleul-Bleu-2025", "ne sont pas identiques"),
        ("azerty", "azerty", "trop court"),
        ("password123", "password123", "trop courant"),
    ],
)
def test_a_weak_or_mistyped_password_is_refused_in_french(
    client, at_identifier, password, confirm, message
):
    client.post(IDENTIFIER, {"identifier": "nadia@exemple.fr"})
    response = client.post(PASSWORD, {"new_password1": password, "new_password2": confirm})
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not User.objects.filter(username="nadia@exemple.fr").exists()


def test_a_password_like_the_tenants_name_is_refused(client, at_identifier):
    name = at_identifier.tenants[0].last_name
    client.post(IDENTIFIER, {"identifier": name.lower()})
    password = name.lower() + "1"
    response = client.post(PASSWORD, {"new_password1": password, "new_password2": password})
    assert "trop semblable" in errors_of(response)


def test_the_later_pages_without_a_started_signup_go_back_to_the_letter(client, db):
    for url in (IDENTIFIER, PASSWORD):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == SIGNUP


def test_a_half_done_signup_is_forgotten_after_30_minutes(client, at_identifier):
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(IDENTIFIER)
    assert response["Location"] == SIGNUP


def test_a_code_spent_meanwhile_in_another_browser_stops_the_signup(client, at_identifier):
    tenant = at_identifier.tenants[0]
    client.post(IDENTIFIER, {"identifier": "nadia@exemple.fr"})
    ActivationCode.objects.filter(tenant=tenant).update(used_at=timezone.now())

    response = client.post(
        PASSWORD, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )

    assert response["Location"] == SIGNUP
    tenant.refresh_from_db()
    assert tenant.user is None


# --- by an emailed link -------------------------------------------------------------------


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def send_link(tenant) -> bool:
    """Queue the activation email, then do the worker's part."""
    queued = send_activation_link(tenant)
    dispatch.send_due()
    return queued


def link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/compte/activer/lien/\S+/", body).group(0)


def test_a_tenant_signs_up_by_the_link_emailed_to_them(client, smtp, lease_without_accounts):
    tenant = lease_without_accounts.tenants[1]

    assert send_link(tenant) is True

    [message] = smtp.received
    assert message["To"] == tenant.email
    assert message["Subject"].startswith("Créez votre compte locataire")
    link = link_in(message)
    response = client.get(_path(link))
    assert response.status_code == 302
    assert response["Location"] == IDENTIFIER
    client.post(IDENTIFIER, {"identifier": "karim"})
    client.post(PASSWORD, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    tenant.refresh_from_db()
    assert tenant.user.username == "karim"


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_an_expired_link_is_refused_in_french(client, smtp, lease_without_accounts):
    send_link(lease_without_accounts.tenants[1])
    link = link_in(smtp.received[0])
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(_path(link))
    assert response.status_code == 400
    assert "Ce lien n'est plus valable : il a expiré" in errors_of(response)


def test_a_used_link_is_refused(client, smtp, lease_without_accounts):
    tenant = lease_without_accounts.tenants[1]
    send_link(tenant)
    link = link_in(smtp.received[0])
    client.get(_path(link))
    client.post(IDENTIFIER, {"identifier": "karim"})
    client.post(PASSWORD, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    client.post(reverse("accounts:logout"))

    response = client.get(_path(link))

    assert response.status_code == 400
    assert "Ce lien a déjà servi" in errors_of(response)


def test_a_link_dies_when_the_tenants_email_changes(client, lease_without_accounts):
    # Fails before the fix: a link stayed good for 14 days whatever happened to the tenant.
    tenant = lease_without_accounts.tenants[1]
    link = reverse("accounts:signup-link", kwargs={"token": activation.make_link_token(tenant)})
    tenant.email = "nouvelle.adresse@exemple.fr"
    tenant.save(update_fields=["email"])

    response = client.get(link)

    assert response.status_code == 400
    assert "Ce lien n'est pas valable" in errors_of(response)


def test_a_link_signed_with_the_key_once_in_the_repository_is_refused(
    client, lease_without_accounts
):
    # Fails before the fix: that key was the default, so anyone could sign a link for any
    # tenant id and take the account.
    from django.core import signing

    tenant = lease_without_accounts.tenants[1]
    forged = signing.dumps(
        {"tenant": tenant.pk},
        key="dev-only-insecure-key-do-not-use-in-production",
        salt=activation.LINK_SALT,
        compress=True,
    )

    response = client.get(reverse("accounts:signup-link", kwargs={"token": forged}))

    assert response.status_code == 400


def test_a_tampered_link_is_refused(client, db):
    response = client.get(reverse("accounts:signup-link", kwargs={"token": "abc:def:ghi"}))
    assert response.status_code == 400
    assert "Ce lien n'est pas valable" in errors_of(response)


def test_no_link_is_sent_to_a_tenant_without_email_or_with_an_account(smtp, household):
    holder = household.holder  # has an account
    assert send_link(holder) is False
    holder.user = None
    holder.email = ""
    assert send_link(holder) is False
    assert smtp.received == []
