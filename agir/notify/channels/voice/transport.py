"""Voice messages: the script said in French by espeak-ng (tts.py), kept as a WAV the officer
can listen to, and handed to the telephony gateway NOTIFY_VOICE_GATEWAY names (gateways.py)."""

from __future__ import annotations

from django.conf import settings

from agir.notify import phones
from agir.notify.channels.base import PermanentFailure
from agir.notify.channels.voice import gateways, tts
from agir.notify.files import key_slug, notify_path, write_atomic
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification


def record(notification: Notification, script: str) -> tuple[str, bytes, int]:
    """Say the script and keep the audio; returns its relative path, the PCM and its rate."""
    pcm, rate = tts.speak(script)
    relative = f"voice/{notification.created_at:%Y/%m}/{key_slug(notification.idempotency_key)}.wav"
    write_atomic(notify_path(relative), tts.wav(pcm, rate))
    Notification.objects.filter(pk=notification.pk).update(artifact=relative)
    notification.artifact = relative
    return relative, pcm, rate


class VoiceTransport:
    def send(self, notification: Notification, message: RenderedMessage) -> str:
        number = phones.national_digits(notification.address)
        if len(number) < 9:
            raise PermanentFailure(f"not a phone number: {notification.address!r}")
        relative, pcm, rate = record(notification, message.text)
        match settings.NOTIFY_VOICE_GATEWAY:
            case "asterisk":
                return gateways.asterisk_call(notification, number, pcm, rate)
            case "http":
                return gateways.http_call(notification, number)
            case "local":
                return gateways.local_call(notification, number, relative, message.text)
        raise PermanentFailure(f"unknown voice gateway {settings.NOTIFY_VOICE_GATEWAY!r}")
