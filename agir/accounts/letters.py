"""Activation letters: one printable page per tenant, with their lease reference and code.

Printing a letter issues a new code (the code in clear exists only on the letter), so the
codes and the PDF are made in one transaction: if the PDF fails, no code was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from agir.accounts.activation import format_code, issue_code
from agir.estate.models import Building, Lease, Tenant


@dataclass(frozen=True)
class Letter:
    tenant: Tenant
    lease: Lease
    code: str  # formatted, as printed


def tenants_without_account(building: Building | None = None) -> QuerySet[Tenant]:
    """Occupants of current leases (of `building`, or everywhere) who have no account yet."""
    leases = Lease.objects.current()
    if building is not None:
        leases = leases.filter(dwelling__entrance__building=building)
    return (
        Tenant.objects.filter(user__isnull=True, occupancies__lease__in=leases)
        .distinct()
        .order_by("pk")
    )


def signup_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("accounts:signup")


def render_letters(tenants) -> tuple[bytes, int]:
    """A PDF with one letter per tenant (a fresh code each); returns it and the letter count."""
    from agir.core.pdf import html_to_pdf  # imported here: it loads pango, which only this needs

    with transaction.atomic():
        letters = []
        for tenant in tenants:
            lease = tenant.current_lease()
            if lease is None:
                continue
            letters.append(Letter(tenant, lease, format_code(issue_code(tenant))))
        if not letters:
            return b"", 0
        leases = Lease.objects.filter(pk__in={letter.lease.pk for letter in letters})
        dwellings = {
            lease.pk: lease.dwelling
            for lease in leases.select_related("dwelling__entrance__building")
        }
        with translation.override("fr"):
            html = render_to_string(
                "accounts/letters/activation.html",
                {
                    "letters": [(letter, dwellings[letter.lease.pk]) for letter in letters],
                    "landlord": settings.LANDLORD,
                    "signup_url": signup_url(),
                    "today": timezone.localdate(),
                    "expires": timezone.localdate() + timedelta(days=settings.ACTIVATION_CODE_DAYS),
                },
            )
        pdf = html_to_pdf(html)
    return pdf, len(letters)
