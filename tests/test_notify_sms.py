"""SMS through a real HTTP gateway on 127.0.0.1, and its signed delivery reports coming back
to the live server."""

import hashlib
import hmac
import json
import time
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch, reports
from agir.notify.channels.sms.transport import SmsTransport
from agir.notify.models import Notification, NotificationState
from agir.notify.render import render
from tests.builders import build_household, submitted_request
from tests.http_peers import HttpPeer, basic_auth

SECRET = "test-webhook-secret"
DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


@pytest.fixture(autouse=True)
def daytime():
    with time_machine.travel(DAYTIME, tick=True):
        yield


@pytest.fixture
def gateway(settings):
    with HttpPeer() as peer:
        settings.NOTIFY_SMS_GATEWAY = "generic"
        settings.NOTIFY_SMS_URL = f"{peer.url}/sms"
        settings.NOTIFY_SMS_TOKEN = "gateway-token"
        settings.NOTIFY_WEBHOOK_SECRET = SECRET
        peer.state.secret = SECRET
        yield peer


@pytest.fixture
def sms_household(estate):
    return build_household(estate.dwellings[2], email=False)


def wait_for(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_the_gateway_receives_the_sms_in_the_generic_format(gateway, sms_household):
    request = submitted_request(sms_household)

    assert dispatch.send_due() == 1

    [call] = gateway.calls
    notification = Notification.objects.get(request=request)
    assert call.path == "/sms"
    assert call.headers["authorization"] == "Bearer gateway-token"
    assert call.headers["idempotency-key"] == notification.idempotency_key
    body = call.json()
    assert body["to"] == "+33612345678"
    assert request.reference in body["text"]
    assert body["reference"] == str(notification.code)
    assert body["status_callback"].endswith("/notifications/rapports/sms/")
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert notification.provider_id == "msg-000001"


def test_the_same_key_sent_again_is_one_sms_at_the_gateway(gateway, sms_household):
    request = submitted_request(sms_household)
    notification = Notification.objects.get(request=request)
    message = render(notification)
    first = SmsTransport().send(notification, message)
    second = SmsTransport().send(notification, message)  # a worker died before recording
    assert first == second
    assert len(gateway.state.accepted) == 1 and gateway.state.duplicates == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signed_delivery_report_marks_the_sms_delivered(gateway, live_server, settings, estate):
    settings.PUBLIC_BASE_URL = live_server.url
    gateway.state.report = "delivered"
    request = submitted_request(build_household(estate.dwellings[2], email=False))

    dispatch.send_due()

    notification = Notification.objects.get(request=request)
    wait_for(lambda: gateway.state.reports_sent)
    assert gateway.state.reports_sent == [200]
    notification.refresh_from_db()
    assert notification.state == NotificationState.DELIVERED
    assert notification.delivered_at is not None
    assert notification.reports.get().delivered


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_report_marks_the_sms_failed_and_falls_back(
    gateway, live_server, settings, estate
):
    settings.PUBLIC_BASE_URL = live_server.url
    gateway.state.report, gateway.state.report_reason = "failed", "handset unreachable"
    household = build_household(estate.dwellings[2], email=False)
    request = submitted_request(household)

    dispatch.send_due()

    wait_for(lambda: gateway.state.reports_sent)
    sms = Notification.objects.get(request=request, channel="sms")
    assert sms.state == NotificationState.FAILED
    assert sms.last_error == "handset unreachable"
    fallback = sms.fallback
    assert fallback.channel == "voice" and fallback.state == NotificationState.QUEUED


def test_a_report_with_a_bad_signature_is_refused_with_403(client, gateway, sms_household):
    submitted_request(sms_household)
    dispatch.send_due()
    notification = Notification.objects.get()
    body = json.dumps({"reference": str(notification.code), "status": "delivered"}).encode()

    response = client.post(
        "/notifications/rapports/sms/",
        body,
        content_type="application/json",
        headers={"X-AGIR-Signature": reports.sign(body, "not-the-secret")},
    )

    assert response.status_code == 403
    assert response.json() == {"error": "invalid signature"}
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT


def test_an_unsigned_report_is_refused(client, gateway, db):
    response = client.post("/notifications/rapports/sms/", b"{}", content_type="application/json")
    assert response.status_code == 403


def test_a_report_on_an_unknown_message_is_404(client, gateway, db):
    body = json.dumps({"id": "nope", "status": "delivered"}).encode()
    response = client.post(
        "/notifications/rapports/sms/",
        body,
        content_type="application/json",
        headers={"X-AGIR-Signature": reports.sign(body, SECRET)},
    )
    assert response.status_code == 404
    assert response.json() == {"error": "unknown message"}


def test_a_malformed_signed_report_is_400(client, gateway, db):
    body = b"not json"
    response = client.post(
        "/notifications/rapports/sms/",
        body,
        content_type="application/json",
        headers={"X-AGIR-Signature": reports.sign(body, SECRET)},
    )
    assert response.status_code == 400


def test_a_refusal_by_the_gateway_is_permanent_and_falls_back(gateway, sms_household):
    gateway.state.answer_status = 400
    request = submitted_request(sms_household)
    dispatch.send_due()
    sms = Notification.objects.get(request=request, channel="sms")
    assert sms.state == NotificationState.FAILED
    assert "HTTP 400" in sms.last_error
    assert sms.fallback.channel == "voice"


def test_a_gateway_in_trouble_is_retried_later(gateway, sms_household):
    gateway.state.answer_status = 503
    request = submitted_request(sms_household)
    dispatch.send_due()
    sms = Notification.objects.get(request=request)
    assert sms.state == NotificationState.QUEUED
    assert sms.attempts == 1 and "HTTP 503" in sms.last_error


@pytest.fixture
def twilio(settings):
    with HttpPeer() as peer:
        settings.NOTIFY_SMS_GATEWAY = "twilio"
        settings.NOTIFY_SMS_URL = peer.url
        settings.NOTIFY_SMS_ACCOUNT = "AC0123456789"
        settings.NOTIFY_SMS_TOKEN = "twilio-auth-token"
        settings.NOTIFY_SMS_SENDER = "+33700000000"
        peer.state.twilio_token = "twilio-auth-token"
        yield peer


def test_twilio_gets_its_rest_shape(twilio, sms_household):
    request = submitted_request(sms_household)
    dispatch.send_due()
    [call] = twilio.calls
    assert call.path == "/2010-04-01/Accounts/AC0123456789/Messages.json"
    assert basic_auth(call.headers["authorization"]) == ("AC0123456789", "twilio-auth-token")
    form = call.form()
    assert form["To"] == "+33612345678" and form["From"] == "+33700000000"
    assert request.reference in form["Body"]
    assert Notification.objects.get(request=request).provider_id == "SM000001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_twilio_status_callback_signed_by_twilio_is_applied(
    twilio, live_server, settings, estate
):
    settings.PUBLIC_BASE_URL = live_server.url
    twilio.state.report = "delivered"
    request = submitted_request(build_household(estate.dwellings[2], email=False))
    dispatch.send_due()
    wait_for(lambda: twilio.state.reports_sent)
    assert twilio.state.reports_sent == [200]
    assert Notification.objects.get(request=request).state == NotificationState.DELIVERED


def test_a_twilio_callback_with_a_bad_signature_is_refused(client, twilio, db):
    response = client.post(
        "/notifications/rapports/twilio/?n=x",
        {"MessageSid": "SM1", "MessageStatus": "delivered"},
        headers={"X-Twilio-Signature": "forged"},
    )
    assert response.status_code == 403 and response.json() == {"error": "invalid signature"}


def test_the_local_gateway_writes_one_file_a_message(settings, sms_household):
    settings.NOTIFY_SMS_GATEWAY = "local"
    request = submitted_request(sms_household)
    notification = Notification.objects.get(request=request)
    dispatch.send_due()
    SmsTransport().send(notification, render(notification))  # sent again: same file
    [path] = settings.NOTIFY_SMS_LOCAL_DIR.glob("*.json")
    record = json.loads(path.read_text())
    assert record["to"] == "+33612345678" and request.reference in record["text"]
    assert record["segments"] == 1 and record["encoding"] == "GSM-7"


def _post_report(client, body: bytes, signature: str):
    return client.post(
        "/notifications/rapports/sms/",
        body,
        content_type="application/json",
        headers={"X-AGIR-Signature": signature},
    )


def _sent_sms(sms_household) -> tuple[Notification, bytes]:
    submitted_request(sms_household)
    dispatch.send_due()
    notification = Notification.objects.get()
    body = json.dumps({"reference": str(notification.code), "status": "delivered"}).encode()
    return notification, body


def test_a_report_signed_more_than_five_minutes_ago_is_refused(client, gateway, sms_household):
    notification, body = _sent_sms(sms_household)

    response = _post_report(client, body, reports.sign(body, SECRET, at=time.time() - 6 * 60))

    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT


def test_a_signature_without_its_date_is_refused(client, gateway, sms_household):
    _, body = _sent_sms(sms_household)
    undated = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()

    assert _post_report(client, body, undated).status_code == 403


def test_the_same_report_posted_twice_is_recorded_once(client, gateway, sms_household):
    notification, body = _sent_sms(sms_household)
    signature = reports.sign(body, SECRET)

    answers = [_post_report(client, body, signature).status_code for _ in range(2)]

    assert answers == [200, 200]
    assert notification.reports.count() == 1


def test_a_twilio_callback_sent_twice_is_recorded_once(client, twilio, settings, sms_household):
    submitted_request(sms_household)
    dispatch.send_due()
    notification = Notification.objects.get()
    path = f"/notifications/rapports/twilio/?n={notification.code}"
    params = {"MessageSid": notification.provider_id, "MessageStatus": "delivered"}
    url = settings.PUBLIC_BASE_URL.rstrip("/") + path
    signature = reports.twilio_signature(url, params, settings.NOTIFY_SMS_TOKEN)

    for _ in range(2):
        client.post(path, params, headers={"X-Twilio-Signature": signature})

    assert notification.reports.count() == 1
