"""Once a day, each officer (their sectors) and each manager (everything) gets by email the
list of overdue requests, with a link to the inbox's «en retard» view.

Staff emails are not tenants' notifications: they go straight through Django's mailer from
the worker (the scheduler queues `send_overdue_digest` every hour; the first run after
OVERDUE_DIGEST_HOUR on a day claims that day and sends; other runs that day do nothing).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from agir.accounts.models import Role, User
from agir.backoffice.models import OverdueDigestRun
from agir.core.links import code_links
from agir.repairs.commitments import overdue_q
from agir.repairs.models import RepairRequest

from .rows import row

log = logging.getLogger(__name__)

# An email lists this many requests at most, then says how many more there are.
MAX_LINES = 100


@dataclass(frozen=True)
class DigestResult:
    day: str
    sent: int
    skipped: bool = False


def send_overdue_digests(now: datetime | None = None) -> DigestResult:
    now = now or timezone.now()
    local = timezone.localtime(now)
    day = local.date().isoformat()
    if local.hour < settings.OVERDUE_DIGEST_HOUR:
        return DigestResult(day, 0, skipped=True)
    try:
        with transaction.atomic():
            run = OverdueDigestRun.objects.create(day=local.date())
    except IntegrityError:
        return DigestResult(day, 0, skipped=True)  # today's is sent, or being sent
    sent = 0
    for user in recipients():
        try:
            sent += send_digest(user, now)
        except Exception:
            log.exception("overdue digest to user %s not sent", user.pk)
    run.emails = sent
    run.save(update_fields=["emails"])
    return DigestResult(day, sent)


def recipients():
    return (
        User.objects.filter(role__in=[Role.OFFICER, Role.MANAGER], is_active=True)
        .exclude(email="")
        .prefetch_related("sectors")
        .order_by("pk")
    )


def overdue_for(user: User, now: datetime):
    requests = RepairRequest.objects.filter(overdue_q(now))
    sectors = [sector.pk for sector in user.sectors.all()] if user.role == Role.OFFICER else []
    if sectors:
        requests = requests.filter(building__sector_id__in=sectors)
    return requests


def send_digest(user: User, now: datetime) -> int:
    """Send `user` today's list; 0 when nothing of theirs is overdue (no empty email)."""
    requests = overdue_for(user, now)
    lines = list(
        requests.select_related("building", "dwelling", "common_area", "requested_by").order_by(
            "next_due", "pk"
        )[: MAX_LINES + 1]
    )
    if not lines:
        return 0
    total = len(lines) if len(lines) <= MAX_LINES else requests.count()
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    link = base + reverse("backoffice:requests") + "?scope=overdue"
    request_url = code_links("backoffice:request")

    def absolute(code: UUID) -> str:
        return base + request_url(code)

    with override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "AGIR : %(count)d demande en retard",
            "AGIR : %(count)d demandes en retard",
            total,
        ) % {"count": total}
        body = render_to_string(
            "backoffice/email/overdue_digest.txt",
            {
                "user": user,
                "rows": [row(repair, now, absolute) for repair in lines[:MAX_LINES]],
                "total": total,
                "more": max(total - MAX_LINES, 0),
                "link": link,
                "scoped": user.role == Role.OFFICER and user.sectors.exists(),
                "greeting": _("Bonjour %(name)s,") % {"name": user.get_full_name() or user},
            },
        )
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
    return 1
