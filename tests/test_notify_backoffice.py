"""The delivery log on the request page, the voice messages the officer listens to (never a
public URL), the demo's caught mailbox, and what other pages may ask (`sent_to_tenant`)."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch, mailsink
from agir.notify.models import Notification, NotificationState
from agir.notify.queries import sent_to_tenant
from tests.builders import build_household, submitted_request
from tests.http_peers import HttpPeer
from tests.smtp import free_port, use_smtp_port
from tests.staff_sign_in import sign_in

DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


@pytest.fixture(autouse=True)
def daytime():
    with time_machine.travel(DAYTIME, tick=True):
        yield


@pytest.fixture
def voice_request(household, settings):
    settings.NOTIFY_VOICE_GATEWAY = "local"
    holder = household.holder
    holder.email, holder.preferred_channels = "", ["voice"]
    holder.save()
    request = submitted_request(household)
    dispatch.send_due()
    return request


def page(client, request) -> str:
    return client.get(f"/bureau/demandes/{request.code}/").content.decode()


def test_the_log_shows_to_whom_on_which_channel_when_and_the_state(
    client, officer, household, settings
):
    request = submitted_request(household)
    use_smtp_port(settings, free_port())  # nothing listens: a temporary failure
    dispatch.send_due()
    sign_in(client, officer)
    html = page(client, request)
    assert household.holder.full_name in html and household.holder.email in html
    assert "E-mail" in html and "Demande enregistrée" in html
    assert "En attente" in html and "SMTP unreachable" in html
    assert "11/03/2026 10:00" in html


def test_a_failure_shows_why_and_the_channel_that_replaced_it(client, officer, estate, settings):
    household = build_household(estate.dwellings[2], email=False)
    with HttpPeer() as gateway:
        settings.NOTIFY_SMS_GATEWAY, settings.NOTIFY_SMS_URL = "generic", f"{gateway.url}/sms"
        gateway.state.answer_status = 400
        request = submitted_request(household)
        dispatch.send_due()
    sign_in(client, officer)
    html = page(client, request)
    assert "Échec définitif" in html and "Raison : HTTP 400" in html
    assert "à la place : SMS (échec)" in html  # on the voice message's row


def test_the_officer_listens_to_a_voice_message_on_the_request_page(client, officer, voice_request):
    notification = Notification.objects.get(request=voice_request)
    sign_in(client, officer)
    html = page(client, voice_request)
    url = f"/bureau/messages/{notification.code}/audio.wav"
    assert f'<audio controls preload="none" src="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_a_voice_message_is_not_for_tenants_nor_strangers(client, voice_request, household):
    notification = Notification.objects.get(request=voice_request)
    url = f"/bureau/messages/{notification.code}/audio.wav"
    assert client.get(url).status_code == 302  # to the login page
    sign_in(client, household.holder.user)
    assert client.get(url).status_code in (302, 404)


def test_the_letter_is_linked_from_the_log(client, officer, household):
    holder = household.holder
    holder.email = holder.mobile_phone = ""
    holder.save()
    request = submitted_request(household)
    dispatch.send_due()
    notification = Notification.objects.get(request=request)
    sign_in(client, officer)
    assert f"/bureau/messages/{notification.code}/document.pdf" in page(client, request)
    response = client.get(f"/bureau/messages/{notification.code}/document.pdf")
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_the_caught_mailbox_lists_and_shows_the_messages(client, officer, household, settings):
    port = free_port()
    sink = mailsink.start(settings.NOTIFY_MAILBOX_DIR, port=port)
    try:
        use_smtp_port(settings, port)
        request = submitted_request(household)
        dispatch.send_due()
    finally:
        sink.stop()
    sign_in(client, officer)
    listing = client.get("/bureau/messages/boite-mail/").content.decode()
    assert f"Demande enregistrée n° {request.reference}" in listing
    [eml] = settings.NOTIFY_MAILBOX_DIR.glob("*.eml")
    shown = client.get(f"/bureau/messages/boite-mail/{eml.stem}/").content.decode()
    assert household.holder.email in shown and "Nous avons bien reçu votre demande" in shown
    assert client.get("/bureau/messages/boite-mail/..%2Fsecret/").status_code == 404


def test_the_mailbox_is_staff_only(client, household):
    sign_in(client, household.holder.user)
    assert client.get("/bureau/messages/boite-mail/").status_code in (302, 403, 404)


def test_sent_to_tenant_lists_what_was_sent_to_them_only(household, neighbour, settings):
    mine = submitted_request(household)
    submitted_request(neighbour)
    Notification.objects.update(state=NotificationState.SENT, sent_at=timezone.now())
    queued = submitted_request(household)
    sent = list(sent_to_tenant(household.holder))
    assert [n.request for n in sent] == [mine]
    assert queued not in [n.request for n in sent]
