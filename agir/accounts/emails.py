"""Emails of the accounts app: the activation link."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agir.accounts.activation import make_link_token
from agir.estate.models import Tenant


def activation_link(tenant: Tenant) -> str:
    path = reverse("accounts:signup-link", kwargs={"token": make_link_token(tenant)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def send_activation_link(tenant: Tenant) -> bool:
    """Email `tenant` a link to create their account; False when there is nowhere to send it."""
    if not tenant.email or tenant.user_id is not None:
        return False
    context = {
        "tenant": tenant,
        "link": activation_link(tenant),
        "landlord": settings.LANDLORD,
        "valid_days": settings.ACTIVATION_LINK_DAYS,
    }
    with translation.override("fr"):
        subject = render_to_string("accounts/email/activation/subject.txt", context)
        text = render_to_string("accounts/email/activation/body.txt", context)
        html = render_to_string("accounts/email/activation/body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[tenant.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
