"""Tenant A can never see, change, comment on, cancel, reopen, survey or download anything of
tenant B's, nor anything of a lease they left: every attempt is answered 404, like a request
that does not exist, and changes nothing.
"""

from dataclasses import dataclass
from uuid import uuid4

import pytest

from agir.notify.models import Notification
from agir.quality.models import SatisfactionSurvey
from agir.repairs import photos
from agir.repairs.models import RepairRequest, RequestEvent, RequestPhoto, Status
from tests.personas import add_occupant_account, mark_sent, request_in
from tests.tracking import images


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # {code}, {photo}, {message}
    status: str  # the state the target request is in, so that only access can stop it
    data: dict | None = None
    photo_upload: bool = False


ROUTES = [
    Route("request page", "get", "/locataire/demandes/{code}/", Status.SUBMITTED),
    Route(
        "add a message",
        "post",
        "/locataire/demandes/{code}/message/",
        Status.SUBMITTED,
        {"message": "Je lis chez le voisin."},
    ),
    Route(
        "add a photo",
        "post",
        "/locataire/demandes/{code}/photos/",
        Status.SUBMITTED,
        photo_upload=True,
    ),
    Route("see a photo", "get", "/locataire/demandes/{code}/photos/{photo}/", Status.SUBMITTED),
    Route(
        "see a thumbnail",
        "get",
        "/locataire/demandes/{code}/photos/{photo}/vignette/",
        Status.SUBMITTED,
    ),
    Route("cancel page", "get", "/locataire/demandes/{code}/annuler/", Status.SUBMITTED),
    Route("cancel", "post", "/locataire/demandes/{code}/annuler/", Status.SUBMITTED, {}),
    Route("not repaired page", "get", "/locataire/demandes/{code}/pas-repare/", Status.DONE),
    Route(
        "not repaired",
        "post",
        "/locataire/demandes/{code}/pas-repare/",
        Status.DONE,
        {"reason": "Chez le voisin ça fuit."},
    ),
    Route("survey page", "get", "/locataire/demandes/{code}/avis/", Status.CLOSED),
    Route(
        "answer the survey", "post", "/locataire/demandes/{code}/avis/", Status.CLOSED, {"score": 1}
    ),
    Route("read a message", "get", "/locataire/messages/{message}/", Status.SUBMITTED),
]


def target(personas, household, status: str) -> dict:
    """A request of `household` in `status`, with a photo and a message sent about it."""
    repair = request_in(status, household, personas.officer)
    photo = photos.attach(repair, images.jpeg_bytes())
    message = Notification.objects.filter(request=repair).first()
    mark_sent()
    return {"code": repair.code, "photo": photo.code, "message": message.code, "repair": repair}


def attempt(client, route: Route, ids: dict):
    path = route.path.format(**ids)
    if route.method == "get":
        return client.get(path)
    data = dict(route.data or {})
    if route.photo_upload:
        data["photo"] = images.upload(images.jpeg())
    return client.post(path, data)


def snapshot():
    return (
        list(RepairRequest.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        RequestEvent.objects.count(),
        RequestPhoto.objects.count(),
        SatisfactionSurvey.objects.count(),
    )


def assert_not_found_and_unchanged(client, route, ids):
    before = snapshot()
    response = attempt(client, route, ids)
    assert response.status_code == 404, route.name
    assert snapshot() == before, route.name
    return response


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_a_tenant_cannot_reach_the_neighbours_request(personas, route):
    ids = target(personas, personas.bob, route.status)
    client = personas.client_for(personas.alice_user)
    response = assert_not_found_and_unchanged(client, route, ids)
    assert str(ids["repair"].reference) not in response.text


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_a_former_tenant_cannot_reach_a_request_of_the_lease_they_left(personas, route):
    # Entered by the former tenant themselves, while they lived there.
    ids = target(personas, personas.former, route.status)
    assert ids["repair"].entered_by == personas.former_user
    client = personas.client_for(personas.former_user)
    assert_not_found_and_unchanged(client, route, ids)


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_the_household_reaches_its_own_request(personas, route):
    """The same attempts by an occupant of the lease succeed: the 404s above are about access."""
    ids = target(personas, personas.alice, route.status)
    occupant = add_occupant_account(personas.alice)
    if route.name == "read a message":
        client = personas.client_for(personas.alice_user)  # messages are the addressee's own
    else:
        client = personas.client_for(occupant)
    assert attempt(client, route, ids).status_code in {200, 302}


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
@pytest.mark.parametrize("who", ["officer", "caretaker"])
def test_staff_get_not_found_on_tenant_pages(personas, route, who):
    ids = target(personas, personas.alice, route.status)
    user = personas.officer if who == "officer" else personas.caretaker.user
    assert_not_found_and_unchanged(personas.client_for(user), route, ids)


def test_a_missing_request_looks_like_someone_elses(personas):
    client = personas.client_for(personas.alice_user)
    missing = client.get(f"/locataire/demandes/{uuid4()}/")
    not_mine = client.get(f"/locataire/demandes/{personas.bob_request.code}/")
    assert missing.status_code == not_mine.status_code == 404
    assert missing.content == not_mine.content


def test_a_neighbours_photo_cannot_be_fetched_through_ones_own_request(personas):
    bob_photo = photos.attach(personas.bob_request, images.jpeg_bytes())
    client = personas.client_for(personas.alice_user)
    path = f"/locataire/demandes/{personas.alice_request.code}/photos/{bob_photo.code}/"
    assert client.get(path).status_code == 404
    assert client.get(path + "vignette/").status_code == 404


def test_the_neighbours_messages_are_not_listed(personas):
    mark_sent()
    text = personas.client_for(personas.alice_user).get("/locataire/messages/").text
    assert personas.alice_request.reference in text
    assert personas.bob_request.reference not in text


def test_messages_about_a_lease_left_are_not_listed(personas):
    mark_sent()
    assert Notification.objects.filter(tenant=personas.former.holder).exists()
    text = personas.client_for(personas.former_user).get("/locataire/messages/").text
    assert personas.former_request.reference not in text


def test_the_neighbours_timeline_never_shows_on_ones_own_page(personas):
    from agir.repairs import lifecycle
    from agir.repairs.lifecycle import Actor

    lifecycle.comment(
        personas.bob_request, actor=Actor.of(personas.bob_user), message="Code porte 4521B"
    )
    client = personas.client_for(personas.alice_user)
    assert "4521B" not in client.get(f"/locataire/demandes/{personas.alice_request.code}/").text
    assert "4521B" not in client.get("/locataire/messages/").text


def test_a_former_tenant_sees_the_requests_of_their_new_lease(personas):
    from tests.builders import submitted_request

    repair = submitted_request(personas.former_now)
    client = personas.client_for(personas.former_user)
    assert client.get(f"/locataire/demandes/{repair.code}/").status_code == 200
