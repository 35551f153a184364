"""Who pays, in words: «en principe» and «à confirmer» until an officer decides, the exceptions
of law 89-462 art. 7 d, the price before any work, never «only» for decree 87-712's list; and
the acknowledgement message says the decision."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from agir.catalogue.models import CatalogueEntry
from agir.catalogue.payer import Decision, who_pays
from agir.catalogue.payer_words import words_for
from agir.notify.models import Notification
from agir.notify.render import render
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import build_contract, submitted_request
from tests.portal.helpers import text_of
from tests.staff_sign_in import sign_in

# «ne … que» and «seulement/uniquement» would make decree 87-712's list exhaustive.
ONLY = re.compile(
    r"\b(seulement|uniquement|ne \w+ que|n'\w+ que|seul(e|s|es)? (la|le|les|une|un|des))\b",
    re.IGNORECASE,
)


def entry(code: str) -> CatalogueEntry:
    return CatalogueEntry.objects.get(code=code)


@pytest.mark.django_db
def test_no_legal_basis_of_the_catalogue_says_only():
    offending = [
        e.code for e in CatalogueEntry.objects.all() if ONLY.search(e.legal_basis.replace("’", "'"))
    ]
    assert offending == []


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["KIT-SINK-BLOCKED", "KIT-TAP-LEAK", "DWL-WALLS-DANGEROUS"])
def test_no_sentence_about_who_pays_says_only(household, code):
    place = household.lease.dwelling
    decisions = [None] + [Decision(payer) for payer in ("tenant", "landlord", "contract", "assess")]
    for decision in decisions:
        text = words_for(who_pays(entry(code), place, decision=decision)).plain()
        assert text and not ONLY.search(text), text


@pytest.mark.django_db
def test_a_tenant_repair_in_principle_says_so_and_is_to_be_confirmed_with_its_price(household):
    words = words_for(who_pays(entry("KIT-SINK-BLOCKED"), household.lease.dwelling))

    assert words.headline.startswith("En principe")
    assert words.status == "À confirmer"
    assert "ce que coûte la réparation, avant toute intervention" in words.confirmation


@pytest.mark.django_db
def test_a_tenant_repair_names_the_exceptions_in_plain_words(household):
    words = words_for(who_pays(entry("KIT-SINK-BLOCKED"), household.lease.dwelling))

    for cause in (
        "usure normale",
        "vétusté",
        "malfaçon",
        "défaut de construction",
        "force majeure",
    ):
        assert cause in words.exceptions


@pytest.mark.django_db
def test_a_decided_answer_is_no_longer_in_principle_nor_to_be_confirmed(household):
    answer = who_pays(
        entry("KIT-SINK-BLOCKED"),
        household.lease.dwelling,
        decision=Decision("tenant", "Bouchon de graisse dans le siphon."),
    )

    words = words_for(answer)

    assert "En principe" not in words.plain()
    assert "À confirmer" not in words.plain()
    assert "Raison : Bouchon de graisse dans le siphon." in words.plain()


def test_the_request_page_says_to_be_confirmed_until_taken_in_hand(client, household, officer):
    request = submitted_request(household, entry_code="KIT-SINK-BLOCKED")
    sign_in(client, household.holder.user)
    url = reverse("portal:request", args=[request.code])

    before = text_of(client.get(url))
    lifecycle.acknowledge(
        request,
        actor=Actor.of(officer),
        responsibility="landlord",
        responsibility_reason="Canalisation de l'immeuble bouchée.",
    )
    after = text_of(client.get(url))

    assert "À confirmer" in before and "En principe" in before
    assert "Décidé par votre bailleur" in after
    assert "Raison : Canalisation de l'immeuble bouchée." in after
    assert "À confirmer" not in after


def test_the_acknowledgement_email_says_who_pays_as_decided(household, officer):
    request = submitted_request(household, entry_code="KIT-SINK-BLOCKED")
    lifecycle.acknowledge(
        request,
        actor=Actor.of(officer),
        responsibility="tenant",
        responsibility_reason="Bouchon de graisse dans le siphon.",
    )
    notification = Notification.objects.get(request=request, template="request_acknowledged")

    message = render(notification)

    assert "cette réparation est à votre charge (réparation locative)" in message.text
    assert "Raison : Bouchon de graisse dans le siphon." in message.text
    assert "avant toute intervention" in message.text


def test_the_acknowledgement_names_the_contractor_under_contract(estate, household, officer):
    build_contract("plumbing", buildings=(estate.building,), contractor="Plomberie Lys Services")
    request = submitted_request(household, entry_code="KIT-TAP-LEAK")
    lifecycle.acknowledge(request, actor=Actor.of(officer), responsibility="contract")
    notification = Notification.objects.get(request=request, template="request_acknowledged")

    message = render(notification)

    assert "Plomberie Lys Services s'en occupe" in message.text
    assert "pas facturée en plus de vos charges" in message.text


def test_the_back_office_asks_for_the_reason_of_the_decision(client, household, officer):
    request = submitted_request(household, entry_code="KIT-SINK-BLOCKED")
    sign_in(client, officer)

    client.post(
        f"/bureau/demandes/{request.code}/acknowledge/",
        {
            "acknowledge-responsibility": "landlord",
            "acknowledge-reason": "Vétusté du siphon.",
            "acknowledge-urgency": "normal",
        },
    )
    request.refresh_from_db()

    assert (request.responsibility, request.responsibility_reason) == (
        "landlord",
        "Vétusté du siphon.",
    )
