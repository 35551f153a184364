"""The back office's decisions in the lifecycle: taking in hand with a reason when the officer
departs from the entry's answers, merging a duplicate, rejecting a tenant repair with advice."""

from decimal import Decimal

import pytest

from agir.catalogue.models import Responsibility, Urgency
from agir.notify.models import Notification
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, InvalidRequest, TransitionNotAllowed
from agir.repairs.models import EventKind, RequestFollower, Status
from tests.builders import build_estate, build_household, submitted_request

TENANT_REPAIR = "KIT-SINK-BLOCKED"  # réparation locative, no contract covers it


def test_taking_in_hand_with_the_entrys_answers_needs_no_reason(household, officer):
    request = submitted_request(household)
    event = lifecycle.take_in_hand(
        request,
        actor=Actor.of(officer),
        responsibility=request.suggested_responsibility,
        urgency=request.urgency,
    )
    assert event.kind == EventKind.ACKNOWLEDGED
    assert event.data["changed"] == []


def test_the_officer_who_takes_a_request_in_hand_handles_it(household, officer):
    request = submitted_request(household)
    lifecycle.take_in_hand(
        request,
        actor=Actor.of(officer),
        responsibility=request.suggested_responsibility,
        urgency=request.urgency,
    )
    request.refresh_from_db()
    assert request.handled_by == officer  # it is in their «mes demandes»


def test_changing_who_pays_without_a_reason_is_refused_in_french(household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    with pytest.raises(InvalidRequest) as refused:
        lifecycle.take_in_hand(
            request,
            actor=Actor.of(officer),
            responsibility=Responsibility.LANDLORD,
            urgency=request.urgency,
        )
    assert "dites pourquoi" in refused.value.user_message
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


def test_the_reason_for_changing_who_pays_is_kept_in_the_event(household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    event = lifecycle.take_in_hand(
        request,
        actor=Actor.of(officer),
        responsibility=Responsibility.LANDLORD,
        urgency=request.urgency,
        reason="Canalisation d'origine, bouchée par le calcaire (vétusté).",
    )
    request.refresh_from_db()
    assert event.data["changed"] == ["responsibility"]
    assert event.data["entry_responsibility"] == Responsibility.TENANT
    assert event.data["responsibility_reason"].startswith("Canalisation")
    assert request.responsibility == Responsibility.LANDLORD
    assert request.responsibility_reason.startswith("Canalisation")


def test_changing_the_urgency_needs_a_reason_too(household, officer):
    request = submitted_request(household)
    other = Urgency.PLANNED if request.urgency != Urgency.PLANNED else Urgency.NORMAL
    with pytest.raises(InvalidRequest):
        lifecycle.take_in_hand(
            request, actor=Actor.of(officer), responsibility=request.responsibility, urgency=other
        )
    event = lifecycle.take_in_hand(
        request,
        actor=Actor.of(officer),
        responsibility=request.suggested_responsibility,
        urgency=other,
        reason="La locataire dit que ça ne coule plus.",
    )
    assert event.data["changed"] == ["urgency"]
    assert event.data["reason"] == "La locataire dit que ça ne coule plus."


def test_merging_cancels_the_duplicate_and_says_where_it_went(household, officer):
    survivor = submitted_request(household)
    duplicate = submitted_request(household)
    event = lifecycle.merge(duplicate, into=survivor, actor=Actor.of(officer))
    duplicate.refresh_from_db()
    assert duplicate.status == Status.CANCELLED
    assert event.data["merged_into"] == survivor.reference
    assert survivor.events.filter(public=False, data__merged_from=duplicate.reference).exists()


def test_the_duplicates_tenant_follows_the_survivor_and_is_told(estate, officer):
    alice = build_household(estate.dwellings[0])
    bob = build_household(estate.dwellings[1])
    survivor = submitted_request(alice)
    duplicate = submitted_request(bob)
    event = lifecycle.merge(duplicate, into=survivor, actor=Actor.of(officer))
    assert RequestFollower.objects.filter(request=survivor, tenant=bob.holder).exists()
    told = Notification.objects.get(event=event, tenant=bob.holder)
    assert told.template == "landlord_message"
    assert survivor.reference in told.context["message"]


def test_a_request_cannot_be_merged_into_itself(household, officer):
    request = submitted_request(household)
    with pytest.raises(InvalidRequest):
        lifecycle.merge(request, into=request, actor=Actor.of(officer))


def test_a_request_cannot_be_merged_into_a_closed_one(household, officer):
    survivor = submitted_request(household)
    lifecycle.cancel(survivor, actor=Actor.of(officer))
    duplicate = submitted_request(household)
    with pytest.raises(InvalidRequest):
        lifecycle.merge(duplicate, into=survivor, actor=Actor.of(officer))
    duplicate.refresh_from_db()
    assert duplicate.status == Status.SUBMITTED


def test_requests_of_two_buildings_are_not_merged(household, officer):
    elsewhere = build_household(build_estate().dwellings[0])
    with pytest.raises(InvalidRequest):
        lifecycle.merge(
            submitted_request(elsewhere),
            into=submitted_request(household),
            actor=Actor.of(officer),
        )


def test_a_done_request_cannot_be_merged(household, officer):
    from tests.personas import request_in

    done = request_in(Status.DONE, household, officer)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.merge(done, into=submitted_request(household), actor=Actor.of(officer))


def test_rejecting_a_tenant_repair_tells_what_to_do_and_how_to_ask_the_price(household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    event = lifecycle.reject_with_advice(
        request, actor=Actor.of(officer), reason="C'est une réparation locative."
    )
    assert event.kind == EventKind.REJECTED
    assert "artisan de votre choix" in event.message
    assert "nous vous dirons son prix" in event.message
    assert event.data["tenant_repair"] is True


def test_rejecting_a_tenant_repair_gives_the_price_the_tenant_asked_for(household, officer):
    request = submitted_request(household, entry_code=TENANT_REPAIR)
    event = lifecycle.reject_with_advice(
        request, actor=Actor.of(officer), reason="Réparation locative.", price=Decimal("85.5")
    )
    assert "85,50 € TTC" in event.message
    assert event.data["price"] == "85.50"


def test_rejecting_a_landlord_repair_says_only_the_reason(household, officer):
    request = submitted_request(household)
    lifecycle.take_in_hand(
        request,
        actor=Actor.of(officer),
        responsibility=Responsibility.LANDLORD,
        urgency=request.urgency,
        reason="Fuite sur la colonne.",
    )
    event = lifecycle.reject_with_advice(request, actor=Actor.of(officer), reason="En double.")
    assert event.message == "En double."
