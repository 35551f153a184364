"""Confirming: one request whatever happens on the way, its photos, and the confirmation page."""

import io
import threading

import pytest
from django.db import connection
from django.test import Client
from PIL import Image

from agir.notify.models import Notification
from agir.repairs.models import RepairRequest, Status
from tests.portal.helpers import photo_file, text_of


def test_confirming_submits_one_request_through_the_lifecycle(wizard, household):
    wizard.reach_review(description="Ça coule.")

    response = wizard.confirm()

    assert response.url == wizard.url("wizard_done")
    made = RepairRequest.objects.get()
    assert made.status == Status.SUBMITTED
    assert made.idempotency_key == wizard.state.key
    assert made.lease == household.lease
    assert made.events.filter(kind="submitted").count() == 1
    assert Notification.objects.filter(request=made, template="request_submitted").count() == 1


def test_a_double_click_makes_one_request(wizard):
    wizard.reach_review()

    first = wizard.confirm()
    second = wizard.confirm()

    assert first.url == second.url == wizard.url("wizard_done")
    assert RepairRequest.objects.count() == 1


def test_back_then_confirm_again_makes_one_request(wizard):
    wizard.reach_review()
    wizard.confirm()

    back = wizard.get("wizard_review")
    again = wizard.confirm()

    assert back.url == again.url == wizard.url("wizard_done")
    assert RepairRequest.objects.count() == 1


def test_a_retry_whose_session_lost_the_outcome_still_makes_one_request(wizard):
    """The network retried the POST: the server saw it twice before the session was saved."""
    wizard.reach_review()
    session = wizard.client.session
    saved = dict(session["agir_wizards"])
    wizard.confirm()
    session = wizard.client.session
    session["agir_wizards"] = saved  # as if the first answer never reached the browser
    session.save()

    retry = wizard.confirm()

    assert retry.url == wizard.url("wizard_done")
    assert RepairRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_confirmations_at_the_same_moment_make_one_request(household):
    from tests.portal.helpers import TenantWizard

    client = Client()
    wizard = TenantWizard(client, household).start()
    wizard.reach_review()
    cookies = client.cookies
    barrier = threading.Barrier(2)
    outcomes = []

    def press() -> None:
        other = Client()
        other.cookies = cookies
        barrier.wait()
        try:
            outcomes.append(other.post(wizard.url("wizard_review")).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == [302, 302]
    assert RepairRequest.objects.count() == 1


def test_the_photos_go_with_the_request_cleaned(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    wizard.details(action="upload", photos=[photo_file("fuite.png", "PNG")])
    wizard.details()

    wizard.confirm()

    made = RepairRequest.objects.get()
    stored = made.photos.get()
    image = Image.open(io.BytesIO(stored.image.read()))
    assert image.format == "JPEG"
    assert wizard.state.photos == []


def test_the_confirmation_gives_the_reference_the_delay_and_the_channel(wizard, household):
    wizard.reach_review()
    wizard.confirm()

    page = text_of(wizard.get("wizard_done"))

    made = RepairRequest.objects.get()
    assert "Demande enregistrée" in page
    assert made.reference in page
    assert "Nous la prenons en charge sous 1 jour ouvré." in page  # «urgent» in the catalogue
    assert f"par e-mail, à {household.holder.email}" in page


def test_the_delay_follows_the_settings_by_urgency(wizard, settings):
    settings.ACKNOWLEDGE_DELAY_DAYS = {"emergency": 0, "urgent": 3, "normal": 2, "planned": 5}
    wizard.reach_review()
    wizard.confirm()

    assert "sous 3 jours ouvrés" in text_of(wizard.get("wizard_done"))


def test_the_confirmation_is_not_shown_before_confirming(wizard):
    wizard.reach_review()

    assert wizard.get("wizard_done").url == wizard.url("wizard_review")


def test_the_new_request_is_in_my_requests(wizard, client):
    wizard.reach_review()
    wizard.confirm()

    page = text_of(client.get("/locataire/demandes/"))

    assert RepairRequest.objects.get().reference in page
