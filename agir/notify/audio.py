"""The signed, expiring token in a voice message's audio URL: made by the call gateway that
hands the URL to the call API, read by the view that serves the file. A helper below both, so
that a channel does not import a view."""

from __future__ import annotations

from django.core import signing

from agir.notify.models import Notification

AUDIO_SALT = "agir.notify.audio"
AUDIO_URL_MAX_AGE = 2 * 24 * 3600


def audio_token(notification: Notification) -> str:
    return signing.dumps(str(notification.code), salt=AUDIO_SALT)


def code_from_token(token: str) -> str | None:
    """The notification code a token names, or None when it is forged or expired."""
    try:
        return signing.loads(token, salt=AUDIO_SALT, max_age=AUDIO_URL_MAX_AGE)
    except signing.BadSignature:
        return None
