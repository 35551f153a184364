"""Telephony gateways for voice messages.

- Asterisk: a call file dropped in the spool's `outgoing/` folder. It is written whole in
  `tmp/` (same file system) then linked into place, as Asterisk asks ("create it elsewhere,
  then move it"): Asterisk never reads half a file. Its name derives from the idempotency
  key; `Archive: yes` makes Asterisk keep it in `outgoing_done/` with the call's Status, so a
  resend after a crash finds the name taken (in `outgoing/` or `outgoing_done/`) and places
  no second call, and `finished_asterisk_calls` reads how each call ended. Only AGIR's own
  values go into the file, and each is reduced to safe characters on one line: nothing a
  tenant typed can add a directive.
  The dialplan context (NOTIFY_ASTERISK_CONTEXT) plays the message when the person answers,
  for example in extensions.conf::

      [agir-voice-message]
      exten => s,1,Answer()
       same => n,Wait(1)
       same => n,Playback(${AGIR_AUDIO})
       same => n,Wait(1)
       same => n,Playback(${AGIR_AUDIO})
       same => n,Hangup()

- HTTP call API: POST {NOTIFY_VOICE_URL} with Idempotency-Key, the number and a signed URL of
  the audio to play; reports come back on the signed voice webhook (reports.py).
- Local (demo): the WAV and a JSON note in NOTIFY_VOICE_LOCAL_DIR.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agir.notify import phones
from agir.notify.audio import audio_token
from agir.notify.channels.base import PermanentFailure
from agir.notify.channels.http import post
from agir.notify.channels.voice import tts
from agir.notify.files import create_atomic, key_slug, notify_path, write_atomic
from agir.notify.models import Notification, NotificationState

TELEPHONY_RATE = 8000  # Asterisk's "wav" format: 8 kHz, 16-bit, mono
_UNSAFE = re.compile(r"[^A-Za-z0-9 .'-]+")


def call_file_value(text: str, limit: int = 60) -> str:
    """A value safe in a call file: ASCII letters, digits, space, . ' - on one line."""
    bare = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return " ".join(_UNSAFE.sub(" ", bare).split())[:limit]


def call_file(notification: Notification, number: str, audio: Path) -> str:
    digits = phones.national_digits(number)
    caller = phones.national_digits(settings.NOTIFY_CALLER_ID)
    audio_base = str(audio.with_suffix(""))  # Playback() takes the name without extension
    if any(c in audio_base for c in "\r\n"):
        raise PermanentFailure("audio path with a line break")
    lines = [
        f"Channel: {settings.NOTIFY_ASTERISK_CHANNEL.format(number=digits)}",
        f'CallerID: "{call_file_value(settings.LANDLORD["name"])}" <{caller}>',
        "MaxRetries: 2",
        "RetryTime: 600",
        "WaitTime: 45",
        f"Context: {call_file_value(settings.NOTIFY_ASTERISK_CONTEXT)}",
        "Extension: s",
        "Priority: 1",
        f"Setvar: AGIR_AUDIO={audio_base}",
        f"Setvar: AGIR_NOTIFICATION={notification.code}",
        f"Setvar: AGIR_RECIPIENT={call_file_value(notification.recipient_name)}",
        f"Setvar: AGIR_REFERENCE={call_file_value(notification.context.get('reference') or '')}",
        "Archive: yes",
    ]
    return "\n".join(lines) + "\n"


def asterisk_call(notification: Notification, number: str, pcm: bytes, rate: int) -> str:
    spool = settings.NOTIFY_ASTERISK_SPOOL
    name = key_slug(notification.idempotency_key)
    provider_id = f"asterisk-{name}"
    target, done = spool / "outgoing" / f"{name}.call", spool / "outgoing_done" / f"{name}.call"
    if target.exists() or done.exists():
        return provider_id  # handed over before a crash: the call is placed once
    audio = notify_path(f"voice-8k/{name}.wav")
    write_atomic(audio, tts.wav(tts.resample(pcm, rate, TELEPHONY_RATE), TELEPHONY_RATE))
    content = call_file(notification, number, audio).encode("ascii")
    create_atomic(target, content, staging=spool / "tmp")
    return provider_id


STATUS = re.compile(r"^Status:\s*(\w+)", re.MULTILINE)


@dataclass(frozen=True)
class CallOutcome:
    notification: Notification
    status: str
    file: str

    @property
    def completed(self) -> bool:
        return self.status == "Completed"


def finished_asterisk_calls() -> list[CallOutcome]:
    """How AGIR's calls still waiting for an outcome ended, read from the archived call files
    (reports.collect_asterisk_results records them)."""
    done = settings.NOTIFY_ASTERISK_SPOOL / "outgoing_done"
    if not done.is_dir():
        return []
    waiting = {
        n.provider_id: n
        for n in Notification.objects.filter(
            channel="voice",
            provider_id__startswith="asterisk-",
            state__in=[NotificationState.SENT, NotificationState.SENDING],
        )
    }
    outcomes = []
    for path in done.glob("agir-*.call"):
        notification = waiting.get(f"asterisk-{path.stem}")
        if notification is None:
            continue
        match = STATUS.search(path.read_text("ascii", "replace"))
        if match is not None:
            outcomes.append(CallOutcome(notification, match.group(1), path.name))
    return outcomes


def http_call(notification: Notification, number: str) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    audio_url = base + reverse("notify:signed_audio", args=[audio_token(notification)])
    body = json.dumps(
        {
            "to": phones.to_e164(number),
            "audio_url": audio_url,
            "reference": str(notification.code),
            "status_callback": base + reverse("notify:voice_report"),
        }
    ).encode()
    answer = post(
        settings.NOTIFY_VOICE_URL,
        body,
        {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.NOTIFY_VOICE_TOKEN}",
            "Idempotency-Key": notification.idempotency_key,
        },
    )
    return str(answer.json().get("id") or "")


def local_call(notification: Notification, number: str, relative: str, script: str) -> str:
    folder = settings.NOTIFY_VOICE_LOCAL_DIR
    name = key_slug(notification.idempotency_key)
    staging = folder / ".staging"
    create_atomic(folder / f"{name}.wav", notify_path(relative).read_bytes(), staging=staging)
    note = {
        "to": phones.to_e164(number),
        "recipient": notification.recipient_name,
        "script": script,
        "called_at": timezone.now().isoformat(),
        "notification": str(notification.code),
    }
    create_atomic(
        folder / f"{name}.json",
        json.dumps(note, ensure_ascii=False, indent=2).encode(),
        staging=staging,
    )
    return f"local-{name}"
