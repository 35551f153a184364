"""«Je suis aussi concerné(e)»: joining a neighbour's common-area request, and hearing of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agir.catalogue.models import Equipment
from agir.notify.models import Notification
from agir.repairs import followers, lifecycle
from agir.repairs.lifecycle import Actor, InvalidRequest
from agir.repairs.models import EventKind, RequestFollower
from tests.builders import build_estate, build_household, common_area_request, submitted_request


@pytest.fixture
def lift_request(estate, household):
    return common_area_request(household, estate.common_areas["lift"])


def test_joining_makes_a_follower_and_one_internal_event(lift_request, neighbour):
    before = lift_request.events.count()

    joined = followers.join(lift_request, neighbour.holder, actor=Actor.of(neighbour.holder.user))

    assert joined.created
    assert list(lift_request.followers.values_list("tenant", flat=True)) == [neighbour.holder.pk]
    events = list(lift_request.events.all())
    assert len(events) == before + 1
    assert events[0].kind == EventKind.COMMENTED
    assert not events[0].public


def test_joining_twice_changes_nothing(lift_request, neighbour):
    actor = Actor.of(neighbour.holder.user)
    followers.join(lift_request, neighbour.holder, actor=actor)
    events = lift_request.events.count()

    joined = followers.join(lift_request, neighbour.holder, actor=actor)

    assert not joined.created
    assert RequestFollower.objects.count() == 1
    assert lift_request.events.count() == events


def test_the_requester_does_not_follow_their_own_request(lift_request, household):
    joined = followers.join(lift_request, household.holder, actor=Actor.of(household.holder.user))

    assert not joined.created
    assert not RequestFollower.objects.exists()


def test_a_closed_request_cannot_be_joined(lift_request, neighbour, officer):
    lifecycle.cancel(lift_request, actor=Actor.of(officer))

    with pytest.raises(InvalidRequest) as refused:
        followers.join(lift_request, neighbour.holder, actor=Actor.of(neighbour.holder.user))

    assert "terminée" in refused.value.user_message


def test_a_dwelling_request_cannot_be_joined(household, neighbour):
    request = submitted_request(household)

    with pytest.raises(InvalidRequest):
        followers.join(request, neighbour.holder, actor=Actor.of(neighbour.holder.user))


def test_a_tenant_of_another_estate_cannot_join(lift_request):
    stranger = build_household(build_estate().dwellings[0])

    with pytest.raises(InvalidRequest) as refused:
        followers.join(lift_request, stranger.holder, actor=Actor.of(stranger.holder.user))

    assert "immeuble" in refused.value.user_message
    assert not RequestFollower.objects.exists()


def test_open_requests_for_the_same_equipment_are_found(estate, lift_request):
    lift_car = Equipment.objects.get(code="lift_car")
    hall_door = Equipment.objects.get(code="main_door")

    assert list(followers.open_for_same_equipment(estate.common_areas["lift"], lift_car)) == [
        lift_request
    ]
    assert not followers.open_for_same_equipment(estate.common_areas["lift"], hall_door).exists()
    assert not followers.open_for_same_equipment(estate.common_areas["hall"], lift_car).exists()


def test_followers_hear_of_the_visit(lift_request, neighbour, officer):
    followers.join(lift_request, neighbour.holder, actor=Actor.of(neighbour.holder.user))
    actor = Actor.of(officer)
    lifecycle.acknowledge(lift_request, actor=actor)
    start = timezone.now() + timedelta(days=1)

    end = start + timedelta(hours=4)
    event = lifecycle.schedule(lift_request, actor=actor, start=start, end=end)

    sent_to = {n.tenant_id: n for n in Notification.objects.filter(event=event)}
    assert set(sent_to) == {lift_request.requested_by_id, neighbour.holder.pk}
    assert sent_to[neighbour.holder.pk].context["follower"] is True
    assert "follower" not in sent_to[lift_request.requested_by_id].context


def test_followers_do_not_receive_messages_to_the_requester(lift_request, neighbour, officer):
    followers.join(lift_request, neighbour.holder, actor=Actor.of(neighbour.holder.user))

    event = lifecycle.comment(lift_request, actor=Actor.of(officer), message="Merci de rappeler.")

    assert list(Notification.objects.filter(event=event).values_list("tenant", flat=True)) == [
        lift_request.requested_by_id
    ]


PRIVATE = "Votre fils Lucas a coincé la porte avec son vélo"


def _follower_and_requester_notes(event, lift_request, neighbour):
    notes = {n.tenant_id: n for n in Notification.objects.filter(event=event)}
    return notes[neighbour.holder.pk], notes[lift_request.requested_by_id]


def _everything_rendered(notification) -> str:
    from agir.notify.render import render

    message = render(notification)
    return "\n".join([message.subject, message.text, message.html, str(notification.context)])


@pytest.mark.parametrize(
    "intent",
    ["reject", "acknowledge", "schedule", "postpone", "finish", "close"],
)
def test_an_officers_words_to_the_requester_never_reach_a_follower(
    intent, lift_request, neighbour, officer
):
    followers.join(lift_request, neighbour.holder, actor=Actor.of(neighbour.holder.user))
    actor = Actor.of(officer)
    start = timezone.now() + timedelta(days=1)
    slot = {"start": start, "end": start + timedelta(hours=4)}
    before = {
        "schedule": ["acknowledge"],
        "postpone": ["acknowledge", "schedule"],
        "finish": ["acknowledge", "schedule", "start"],
        "close": ["acknowledge", "schedule", "start", "finish"],
    }.get(intent, [])
    for step in before:
        getattr(lifecycle, step)(lift_request, actor=actor, **(slot if step == "schedule" else {}))
    words = {"reject": "reason", "postpone": "reason"}.get(intent, "message")
    extra = slot if intent == "schedule" else {}
    event = getattr(lifecycle, intent)(lift_request, actor=actor, **{words: PRIVATE}, **extra)

    follower_note, requester_note = _follower_and_requester_notes(event, lift_request, neighbour)

    assert PRIVATE not in _everything_rendered(follower_note)
    assert PRIVATE in requester_note.context["message"]
