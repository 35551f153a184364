"""The one way tests sign staff in: with a verified second factor, as the real sign-in leaves
them (agir/accounts/twofactor.py). Everyone else is signed in as before.

- `sign_in(client, user)`: a test client, signed in (and verified when the role needs it);
- `verify_session(session, user)`: the same for a session store made by hand;
- `sign_in_in_browser(page, base_url, username)`: the real pages, password then a real TOTP
  code computed from the device's key.
"""

from __future__ import annotations

import re

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from agir.accounts import roles

PASSWORD = "correct-horse-battery"


def verified_device(user) -> TOTPDevice:
    """The user's confirmed TOTP device, made when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def verify_session(session, user) -> None:
    """Mark a session as signed in with the second factor (when the user needs one)."""
    if roles.requires_second_factor(user):
        session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id


def sign_in(client: Client | None, user) -> Client:
    client = client or Client()
    client.force_login(user)
    if roles.requires_second_factor(user):
        session = client.session
        verify_session(session, user)
        session.save()
    return client


def totp_code(device: TOTPDevice) -> str:
    """A code the device accepts now: the current one, or the next if the current was used."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    device.refresh_from_db()
    if device.last_t >= totp.t():
        totp.drift += 1
    return f"{totp.token():0{device.digits}d}"


def sign_in_in_browser(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Password, then the code of the app, through the pages themselves."""
    from agir.accounts.models import User

    user = User.objects.get(username=username)
    page.goto(f"{base_url}/compte/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/compte/second-facteur/"))
    page.fill("#id_code", totp_code(verified_device(user)))
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(lambda url: "/second-facteur/" not in url)
