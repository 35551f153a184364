"""Emails of the accounts app: the activation link and the password reset, through the outbox.

Both are queued with agir.notify.personal and rendered here when the worker sends them: the
link is made then, so no live link waits in the outbox table, and a tenant who made an account
meanwhile (or an address that names no account) gets nothing, with the reason in the delivery
log.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agir.accounts.activation import make_link_token
from agir.estate.models import Tenant
from agir.notify import personal
from agir.notify.channels import PermanentFailure
from agir.notify.models import Notification
from agir.notify.render import RenderedMessage

ACTIVATION = "account_activation"
PASSWORD_RESET = "password_reset"  # noqa: S105 (a message kind, not a password)


def activation_link(tenant: Tenant) -> str:
    path = reverse("accounts:signup-link", kwargs={"token": make_link_token(tenant)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def send_activation_link(tenant: Tenant) -> bool:
    """Queue the email that invites `tenant` to create their account; False when there is
    nowhere to send it. One a day per tenant: asking again the same day sends nothing more."""
    if not tenant.email or tenant.user_id is not None:
        return False
    personal.queue_email(
        ACTIVATION,
        address=tenant.email,
        recipient_name=tenant.full_name,
        key_base=f"activation-{tenant.pk}-{timezone.localdate():%Y%m%d}",
        context={"tenant": tenant.pk},
    )
    return True


def queue_password_reset(address: str, key_base: str) -> None:
    """Queue a reset email to `address`, whether or not an account uses it: the worker finds
    out, so the page asking for it does the same work for every address."""
    personal.queue_email(
        PASSWORD_RESET, address=address, recipient_name=address, key_base=key_base, context={}
    )


def render_activation(notification: Notification) -> RenderedMessage:
    tenant = Tenant.objects.filter(pk=notification.context.get("tenant")).first()
    if tenant is None:
        raise PermanentFailure("not sent: the tenant no longer exists")
    if tenant.user_id is not None:
        raise PermanentFailure("not sent: the tenant has an account now")
    if tenant.email.strip().lower() != notification.address.strip().lower():
        raise PermanentFailure("not sent: the tenant's email address changed since")
    context = {
        "tenant": tenant,
        "link": activation_link(tenant),
        "landlord": settings.LANDLORD,
        "valid_days": settings.ACTIVATION_LINK_DAYS,
    }
    return _render("accounts/email/activation", context)


def render_password_reset(notification: Notification) -> RenderedMessage:
    users = sorted(PasswordResetForm().get_users(notification.address), key=lambda u: u.pk)
    if not users:
        raise PermanentFailure("not sent: no active account uses this address")
    base = urlsplit(settings.PUBLIC_BASE_URL)
    parts = []
    for user in users:  # an address shared by two accounts gets one link for each
        context = {
            "email": notification.address,
            "domain": base.netloc,
            "protocol": base.scheme,
            "site_name": settings.LANDLORD["name"],
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "landlord": settings.LANDLORD,
        }
        parts.append(_render("registration/password_reset", context, email_suffix="_email"))
    if len(parts) == 1:
        return parts[0]
    return RenderedMessage(
        subject=parts[0].subject,
        text="\n\n----\n\n".join(part.text for part in parts),
        html="<hr>".join(part.html for part in parts),
    )


def _render(prefix: str, context: dict, *, email_suffix: str = "") -> RenderedMessage:
    """subject.txt, body.txt and body.html under `prefix` (or Django's registration names)."""
    if email_suffix:
        names = (
            f"{prefix}_subject.txt",
            f"{prefix}{email_suffix}.txt",
            f"{prefix}{email_suffix}.html",
        )
    else:
        names = (f"{prefix}/subject.txt", f"{prefix}/body.txt", f"{prefix}/body.html")
    with translation.override("fr"):
        subject, text, html = (render_to_string(name, context) for name in names)
    return RenderedMessage(subject=" ".join(subject.split()), text=text, html=html)


def register_renderers() -> None:
    personal.register(ACTIVATION, render_activation)
    personal.register(PASSWORD_RESET, render_password_reset)
