"""The page of one request, as its tenant sees it."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.estate.models import Dwelling
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, Status
from tests.personas import add_occupant_account, advance


def page(personas, repair, user=None):
    client = personas.client_for(user or personas.alice_user)
    return client.get(f"/locataire/demandes/{repair.code}/")


def test_it_shows_the_status_in_words_and_the_reference(personas):
    response = page(personas, personas.alice_request)
    assert response.status_code == 200
    assert personas.alice_request.reference in response.text
    assert "Nous la prenons en charge sous" in response.text


def test_it_shows_the_place_and_the_problem(personas):
    response = page(personas, personas.alice_request)
    assert "Cuisine — Logement" in response.text
    assert "Évier : fuite" in response.text
    assert "L&#x27;eau coule sous l&#x27;évier" in response.text


def test_it_shows_the_planned_visit_in_words(personas):
    repair = personas.alice_request
    lifecycle.acknowledge(repair, actor=Actor.of(personas.officer))
    start = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    lifecycle.schedule(
        repair, actor=Actor.of(personas.officer), start=start, end=start + timedelta(hours=4)
    )
    response = page(personas, repair)
    assert "Intervention prévue" in response.text
    assert ", le matin" in response.text


def test_the_timeline_is_newest_first(personas):
    repair = personas.alice_request
    lifecycle.acknowledge(repair, actor=Actor.of(personas.officer))
    text = page(personas, repair).text
    assert text.index("Votre demande est prise en charge.") < text.index("Demande enregistrée")


def test_the_timeline_hides_internal_notes(personas):
    repair = personas.alice_request
    lifecycle.comment(
        repair, actor=Actor.of(personas.officer), message="Locataire difficile.", public=False
    )
    assert "Locataire difficile" not in page(personas, repair).text


def test_another_occupant_of_the_household_sees_the_request(personas):
    occupant = add_occupant_account(personas.alice)
    assert page(personas, personas.alice_request, occupant).status_code == 200


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(personas, client):
    response = client.get(f"/locataire/demandes/{personas.alice_request.code}/")
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_staff_get_not_found_on_tenant_pages(personas):
    assert page(personas, personas.alice_request, personas.officer).status_code == 404


def test_cancel_is_offered_only_while_not_taken_in_hand(personas):
    repair = personas.alice_request
    assert "Annuler ma demande" in page(personas, repair).text
    lifecycle.acknowledge(repair, actor=Actor.of(personas.officer))
    assert "Annuler ma demande" not in page(personas, repair).text


def test_not_repaired_is_offered_once_the_work_is_done(personas):
    repair = personas.alice_request
    assert "/pas-repare/" not in page(personas, repair).text
    advance(repair, Status.DONE, personas.officer)
    assert "/pas-repare/" in page(personas, repair).text


def test_the_survey_is_offered_once_closed(personas):
    repair = personas.alice_request
    assert "Donner mon avis" not in page(personas, repair).text
    advance(repair, Status.CLOSED, personas.officer)
    assert "Donner mon avis" in page(personas, repair).text


def test_no_media_url_is_ever_shown(personas, settings):
    from tests.tracking.images import jpeg, upload

    client = personas.client_for(personas.alice_user)
    client.post(
        f"/locataire/demandes/{personas.alice_request.code}/photos/", {"photo": upload(jpeg())}
    )
    text = page(personas, personas.alice_request).text
    assert "/vignette/" in text
    assert settings.MEDIA_URL not in text


def test_it_takes_its_problem_and_home_from_what_was_read_already(personas):
    """The catalogue the process holds and the tenant's leases give the entry and the home."""
    page(personas, personas.alice_request)  # the catalogue is held from here on

    with CaptureQueriesContext(connection) as queries:
        response = page(personas, personas.alice_request)

    assert "Évier : fuite" in response.text
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in statements if '"catalogue_catalogueentry"' in sql]
    assert len([sql for sql in statements if '"estate_dwelling"' in sql]) == 1  # the leases


def test_a_problem_withdrawn_from_the_catalogue_still_shows_on_its_requests(personas):
    entry = personas.alice_request.catalogue_entry
    entry.active = False
    entry.save()

    response = page(personas, personas.alice_request)

    assert response.status_code == 200
    assert "Évier : fuite" in response.text
    assert "Cuisine — Logement" in response.text


def test_a_request_recorded_on_another_dwelling_names_that_dwelling(personas):
    repair = personas.alice_request
    home = repair.dwelling
    other = Dwelling.objects.filter(entrance__building=home.entrance.building).exclude(pk=home.pk)[
        0
    ]
    RepairRequest.objects.filter(pk=repair.pk).update(dwelling=other)

    response = page(personas, repair)

    assert response.status_code == 200
    assert str(other) in response.text
    assert str(home) not in response.text
