"""Every transition of the state machine, allowed and refused, each writing exactly one event."""

from collections import deque
from datetime import timedelta

import pytest
from django.utils import timezone

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, TransitionNotAllowed
from agir.repairs.models import EventKind, RepairRequest, RequestEvent, Status
from tests.builders import new_request

ALL_INTENTS = list(lifecycle.TRANSITIONS)


def path_to(target: str) -> list[str]:
    """The shortest list of intents that brings a draft to `target`, found in TRANSITIONS."""
    queue = deque([(Status.DRAFT, [])])
    seen = {Status.DRAFT}
    while queue:
        status, path = queue.popleft()
        if status == target:
            return path
        for intent, (sources, destination) in lifecycle.TRANSITIONS.items():
            if status in sources and destination and destination not in seen:
                seen.add(destination)
                queue.append((destination, [*path, intent]))
    raise AssertionError(f"{target} cannot be reached")


def perform(request: RepairRequest, intent: str, actor: Actor) -> RequestEvent:
    start = timezone.now() + timedelta(days=2)
    arguments = {
        "schedule": {"start": start, "end": start + timedelta(hours=4)},
        "postpone": {"reason": "L'entreprise attend une pièce."},
        "reject": {"reason": "Demande en double."},
        "reopen": {"reason": "Ça fuit encore."},
        "comment": {"message": "Le technicien passera demain."},
        "report_visit": {"message": "Passé ce matin, fuite visible sous l'évier."},
    }.get(intent, {})
    return getattr(lifecycle, intent)(request, actor=actor, **arguments)


def request_in(status: str, household, officer) -> RepairRequest:
    actor = Actor.of(officer)
    request = lifecycle.save_draft(new_request(household), actor=actor).request
    for intent in path_to(status):
        perform(request, intent, actor)
    request.refresh_from_db()
    assert request.status == status
    return request


CASES = [(status, intent) for status in Status.values for intent in ALL_INTENTS]


@pytest.mark.parametrize(
    ("status", "intent"),
    [case for case in CASES if case[0] in lifecycle.TRANSITIONS[case[1]][0]],
)
def test_allowed_transition_changes_status_and_writes_one_event(status, intent, household, officer):
    request = request_in(status, household, officer)
    before = request.events.count()

    event = perform(request, intent, Actor.of(officer))

    request.refresh_from_db()
    expected = lifecycle.TRANSITIONS[intent][1] or status
    assert request.status == expected
    assert request.events.count() == before + 1
    assert (event.kind, event.from_status, event.to_status) == (
        lifecycle.INTENT_EVENT[intent],
        status,
        expected,
    )
    assert event.actor == officer


@pytest.mark.parametrize(
    ("status", "intent"),
    [case for case in CASES if case[0] not in lifecycle.TRANSITIONS[case[1]][0]],
)
def test_refused_transition_changes_nothing_and_writes_no_event(status, intent, household, officer):
    request = request_in(status, household, officer)
    before = request.events.count()

    with pytest.raises(TransitionNotAllowed) as refused:
        perform(request, intent, Actor.of(officer))

    request.refresh_from_db()
    assert request.status == status
    assert request.events.count() == before
    assert refused.value.user_message  # a French sentence for the person who tried


def test_closed_request_cannot_be_scheduled(household, officer):
    request = request_in(Status.CLOSED, household, officer)
    with pytest.raises(TransitionNotAllowed):
        perform(request, "schedule", Actor.of(officer))


def test_cancelled_request_cannot_be_acknowledged(household, officer):
    request = request_in(Status.CANCELLED, household, officer)
    with pytest.raises(TransitionNotAllowed):
        lifecycle.acknowledge(request, actor=Actor.of(officer))


def test_every_status_is_reachable(household, officer):
    for status in Status.values:
        path_to(status)


def test_submit_gives_a_reference_of_the_year(household, officer):
    request = lifecycle.submit_new(new_request(household), actor=Actor.of(officer)).request
    assert request.reference.startswith(f"{timezone.localdate().year}-")
    assert len(request.reference) == len("2026-000123")


def test_draft_has_no_reference_until_submitted(household, officer):
    request = lifecycle.save_draft(new_request(household), actor=Actor.of(officer)).request
    assert request.reference is None
    lifecycle.submit(request, actor=Actor.of(officer))
    request.refresh_from_db()
    assert request.reference


def test_stale_copy_cannot_bypass_the_state_machine(household, officer):
    request = request_in(Status.SUBMITTED, household, officer)
    stale = RepairRequest.objects.get(pk=request.pk)
    lifecycle.cancel(request, actor=Actor.of(officer))
    with pytest.raises(TransitionNotAllowed):
        lifecycle.acknowledge(stale, actor=Actor.of(officer))


def test_events_are_append_only(household, officer):
    request = request_in(Status.SUBMITTED, household, officer)
    event = request.events.get(kind=EventKind.SUBMITTED)
    event.message = "rewritten"
    with pytest.raises(Exception, match="append-only"):
        event.save()
    with pytest.raises(Exception, match="append-only"):
        event.delete()


def test_schedule_refuses_a_slot_that_ends_before_it_starts(household, officer):
    request = request_in(Status.ACKNOWLEDGED, household, officer)
    before = request.events.count()
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(lifecycle.InvalidRequest):
        lifecycle.schedule(request, actor=Actor.of(officer), start=start, end=start)
    assert request.events.count() == before


def test_acknowledge_records_decided_responsibility_and_urgency(household, officer):
    request = request_in(Status.SUBMITTED, household, officer)
    lifecycle.acknowledge(
        request, actor=Actor.of(officer), responsibility="tenant", urgency="planned"
    )
    request.refresh_from_db()
    assert (request.responsibility, request.urgency) == ("tenant", "planned")
    assert request.suggested_responsibility == "assess"  # a leak under the sink: the cause decides


def test_internal_comment_is_not_public(household, officer):
    request = request_in(Status.SUBMITTED, household, officer)
    event = lifecycle.comment(
        request, actor=Actor.of(officer), message="Voir avec le gardien.", public=False
    )
    assert not event.public
    assert event not in lifecycle.public_events(request)


def test_request_needs_exactly_one_place(household, officer, estate):
    new = new_request(household)
    new.common_area = estate.common_areas["hall"]
    with pytest.raises(lifecycle.InvalidRequest):
        lifecycle.submit_new(new, actor=Actor.of(officer))
    assert not RepairRequest.objects.exists()


def test_overlong_description_is_refused_and_nothing_is_saved(household, officer):
    new = new_request(household, description="x" * 10_000)
    with pytest.raises(lifecycle.InvalidRequest) as refused:
        lifecycle.submit_new(new, actor=Actor.of(officer))
    assert "caractères" in refused.value.user_message
    assert not RepairRequest.objects.exists()
