"""Voice messages: French speech from espeak-ng (the wheel's library and data), a WAV the
officer can play, handed to Asterisk as a call file or to an HTTP call API."""

import io
import json
import re
import wave
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch, reports, speech
from agir.notify.channels.voice import tts
from agir.notify.files import notify_path
from agir.notify.models import Notification, NotificationState
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import submitted_request
from tests.http_peers import HttpPeer

DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


@pytest.fixture(autouse=True)
def daytime():
    with time_machine.travel(DAYTIME, tick=True):
        yield


@pytest.fixture
def voice_household(household):
    holder = household.holder
    holder.email = ""
    holder.preferred_channels = ["voice"]
    holder.save()
    return household


def duration(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as audio:
        return audio.getnframes() / audio.getframerate()


def test_the_engine_speaks_french_from_the_wheel():
    assert tts.language().split("-")[0] == "fr"
    # French rules: the uvular r and the nasal vowel of «demande».
    phonemes = tts.phonemes("demande enregistrée")
    assert "ʁ" in phonemes and "ɑ̃" in phonemes


def test_a_message_is_a_wav_longer_than_two_seconds_that_grows_with_the_script():
    short = tts.speak_wav("Bonjour, votre demande est enregistrée.")
    long = tts.speak_wav(
        "Bonjour, votre demande est enregistrée. Le gardien passera voir le problème, "
        "puis nous organiserons l'intervention. Au revoir."
    )
    with wave.open(io.BytesIO(short)) as audio:
        assert (audio.getnchannels(), audio.getsampwidth()) == (1, 2)
    assert duration(short) > 2
    assert duration(long) > duration(short) + 2


def test_the_reference_is_read_digit_by_digit():
    assert speech.digit_by_digit("2026-000123") == (
        "deux, zéro, deux, six, tiret, zéro, zéro, zéro, un, deux, trois"
    )


def test_dates_are_said_in_words_with_the_part_of_the_day():
    assert speech.date_in_words(timezone.make_aware(datetime(2026, 3, 17, 9))) == (
        "le mardi 17 mars, le matin"
    )
    assert speech.date_in_words(timezone.make_aware(datetime(2026, 3, 1, 14, 30))) == (
        "le dimanche 1er mars, l'après-midi"
    )


def test_a_postponed_visit_is_told_by_voice(voice_household, officer, settings):
    settings.NOTIFY_VOICE_GATEWAY = "local"
    request = submitted_request(voice_household)
    actor = Actor.of(officer)
    lifecycle.acknowledge(request, actor=actor)
    start = timezone.make_aware(datetime(2026, 3, 17, 9))
    lifecycle.schedule(request, actor=actor, start=start, end=start + timedelta(hours=3))
    lifecycle.postpone(
        request,
        actor=actor,
        reason="L'entreprise attend une pièce",
        new_start=start + timedelta(days=2),
        new_end=start + timedelta(days=2, hours=3),
    )
    dispatch.send_due()

    postponed = Notification.objects.get(request=request, template="visit_postponed")
    assert postponed.channel == "voice" and postponed.state == NotificationState.SENT
    [note] = [
        json.loads(p.read_text())
        for p in settings.NOTIFY_VOICE_LOCAL_DIR.glob("*.json")
        if json.loads(p.read_text())["notification"] == str(postponed.code)
    ]
    assert "est reportée" in note["script"]
    assert "le jeudi 19 mars, le matin" in note["script"]
    assert speech.digit_by_digit(request.reference) in note["script"]
    assert duration(notify_path(postponed.artifact).read_bytes()) > 2


def test_a_recorded_request_is_told_the_caretaker_will_come(voice_household, settings):
    settings.NOTIFY_VOICE_GATEWAY = "local"
    request = submitted_request(voice_household)
    dispatch.send_due()
    notification = Notification.objects.get(request=request)
    [note] = [json.loads(p.read_text()) for p in settings.NOTIFY_VOICE_LOCAL_DIR.glob("*.json")]
    assert "Votre demande est enregistrée" in note["script"]
    assert "Le gardien passera" in note["script"]
    assert notification.channel == "voice"


@pytest.fixture
def asterisk(settings, tmp_path):
    settings.NOTIFY_VOICE_GATEWAY = "asterisk"
    settings.NOTIFY_ASTERISK_SPOOL = tmp_path / "spool"
    return tmp_path / "spool"


CALL_FILE_LINE = re.compile(r"^[A-Za-z]+: [^\r\n]*$")


def test_asterisk_gets_a_valid_call_file_whose_audio_exists(voice_household, asterisk):
    request = submitted_request(voice_household)
    dispatch.send_due()

    [call] = list((asterisk / "outgoing").glob("*.call"))
    lines = call.read_text("ascii").splitlines()
    assert all(CALL_FILE_LINE.match(line) for line in lines)
    fields = [line.split(": ", 1) for line in lines]
    keys = [key for key, _ in fields]
    assert keys[:8] == [
        "Channel",
        "CallerID",
        "MaxRetries",
        "RetryTime",
        "WaitTime",
        "Context",
        "Extension",
        "Priority",
    ]
    values = dict(fields)
    assert values["Channel"] == "PJSIP/0612345678@agir-trunk"
    setvars = dict(v.split("=", 1) for k, v in fields if k == "Setvar")
    audio = setvars["AGIR_AUDIO"] + ".wav"
    with wave.open(audio) as sound:
        assert sound.getframerate() == 8000 and sound.getnframes() / 8000 > 2
    assert setvars["AGIR_REFERENCE"] == request.reference
    assert list((asterisk / "tmp").iterdir()) == []  # nothing half-written left behind


def test_tenant_text_cannot_inject_into_a_call_file(voice_household, asterisk):
    holder = voice_household.holder
    holder.first_name = "Nadia\nChannel: Local/999@evil\r\nApplication: System"
    holder.last_name = "Benali\nSetvar: X=1"
    holder.mobile_phone = "0612345678\nWait:9"  # within the 20 characters of the field
    holder.save()
    submitted_request(voice_household)
    dispatch.send_due()

    [call] = list((asterisk / "outgoing").glob("*.call"))
    lines = call.read_text("ascii").splitlines()
    keys = [line.split(":", 1)[0] for line in lines]
    assert keys.count("Channel") == 1 and "Application" not in keys
    assert keys.count("WaitTime") == 1 and "Wait" not in keys and keys.count("Setvar") == 4
    assert all(CALL_FILE_LINE.match(line) for line in lines)
    channel = next(line for line in lines if line.startswith("Channel: "))
    assert re.fullmatch(r"Channel: PJSIP/\d+@agir-trunk", channel)  # digits only


def test_a_call_placed_before_a_crash_is_not_placed_again(voice_household, asterisk):
    submitted_request(voice_household)
    notification = Notification.objects.get()
    from agir.notify.channels.voice.transport import VoiceTransport
    from agir.notify.render import render

    first = VoiceTransport().send(notification, render(notification))
    # Asterisk took the call and archived the file; the worker had died before recording.
    (asterisk / "outgoing_done").mkdir()
    [call] = list((asterisk / "outgoing").glob("*.call"))
    call.rename(asterisk / "outgoing_done" / call.name)
    second = VoiceTransport().send(notification, render(notification))
    assert first == second
    assert list((asterisk / "outgoing").glob("*.call")) == []


def test_asterisks_archived_status_is_reported(voice_household, asterisk):
    request = submitted_request(voice_household)
    dispatch.send_due()
    [call] = list((asterisk / "outgoing").glob("*.call"))
    (asterisk / "outgoing_done").mkdir()
    archived = asterisk / "outgoing_done" / call.name
    archived.write_text(call.read_text() + "Status: Completed\n")
    call.unlink()

    assert reports.collect_asterisk_results() == 1
    assert Notification.objects.get(request=request).state == NotificationState.DELIVERED
    assert reports.collect_asterisk_results() == 0  # read once


def test_the_http_call_api_gets_a_signed_audio_url_it_can_fetch(voice_household, settings, client):
    with HttpPeer() as peer:
        settings.NOTIFY_VOICE_GATEWAY = "http"
        settings.NOTIFY_VOICE_URL = f"{peer.url}/calls"
        settings.NOTIFY_VOICE_TOKEN = "call-token"
        submitted_request(voice_household)
        dispatch.send_due()
    [call] = peer.calls
    notification = Notification.objects.get()
    assert call.headers["idempotency-key"] == notification.idempotency_key
    body = call.json()
    assert body["to"] == "+33612345678"
    path = body["audio_url"].split("127.0.0.1:8000", 1)[1]
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "audio/wav"
    assert duration(b"".join(response.streaming_content)) > 2
    assert client.get(path.replace(".wav", "x.wav")).status_code == 404


def test_the_call_apis_signed_report_marks_the_call_delivered(voice_household, settings, client):
    with HttpPeer() as peer:
        settings.NOTIFY_VOICE_GATEWAY = "http"
        settings.NOTIFY_VOICE_URL = f"{peer.url}/calls"
        settings.NOTIFY_WEBHOOK_SECRET = "voice-secret"
        submitted_request(voice_household)
        dispatch.send_due()
    notification = Notification.objects.get()
    from agir.notify import reports

    body = json.dumps(
        {"id": notification.provider_id, "status": "failed", "reason": "no answer"}
    ).encode()
    response = client.post(
        "/notifications/rapports/vocal/",
        body,
        content_type="application/json",
        headers={"X-AGIR-Signature": reports.sign(body, "voice-secret")},
    )
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.state == NotificationState.FAILED and notification.last_error == "no answer"
    assert notification.fallback.channel == "sms"  # next in the plan: voice, sms, letter
