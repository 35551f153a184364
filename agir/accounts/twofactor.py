"""The staff's second factor: a TOTP app (django-otp) and single-use recovery codes.

Who needs one is `roles.requires_second_factor`. A staff member without a confirmed TOTP device
enrols at their first sign-in (QR code or secret, then one code to prove it works) and is shown
their recovery codes once; afterwards each sign-in asks for a code after the password.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NAME = "Application d'authentification"
RECOVERY_NAME = "Codes de secours"
# Recovery codes just made, kept in the session until the page that shows them once.
NEW_CODES_SESSION_KEY = "agir_new_recovery_codes"


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """The device being enrolled: the same secret across reloads of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret_for_humans(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as authenticator apps take it typed."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=4)


def normalise(code: str) -> str:
    return "".join(str(code or "").split()).replace("-", "").lower()


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device with the code its app shows; then the session is verified and the
    recovery codes are made. None when the code does not match."""
    if device.confirmed or not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One app per person: a new phone replaces the old one.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(request: HttpRequest, code: str) -> bool:
    """Check a code from the app or a recovery code; on success this session is verified."""
    device = match_token(request.user, normalise(code))
    if device is None:
        return False
    otp_login(request, device)
    return True


def second_factor_url(user, next_url: str = "") -> str:
    name = "accounts:second_factor" if confirmed_totp(user) else "accounts:second_factor_enrol"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
