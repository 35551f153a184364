"""The demo's staff sign in with a second factor, already set up so the demo stays one command:
`agir demo` prints each staff login's TOTP secret (to add to an authenticator app), and
`agir demo_code agent` prints the code of the moment."""

from __future__ import annotations

import base64
import secrets

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from agir.accounts.models import User
from agir.accounts.twofactor import TOTP_NAME, new_recovery_codes

STAFF_LOGINS = ("agent", "responsable", "administrateur")


def set_up_second_factors() -> None:
    for user in User.objects.filter(username__in=STAFF_LOGINS):
        TOTPDevice.objects.create(
            user=user, name=TOTP_NAME, confirmed=True, key=secrets.token_hex(20)
        )
        new_recovery_codes(user)


def totp_secret(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return base64.b32encode(device.bin_key).decode() if device else ""


def current_code(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return ""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
