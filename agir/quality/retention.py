"""Personal data past its time: a closed request's personal details are anonymised some years
after it ended, its photos erased sooner (`RetentionPolicy`, set by managers).

Anonymising keeps what the indicators read (`RequestFact`, the survey scores, the request's
place, kind, urgency and dates) and erases who and what was said: the link to the tenant and
the lease, who entered it, the description, access notes, availability, the officer's reason,
every event's message, author and data, the survey's comment and tenant, the notifications'
names and addresses, the followers, the work orders' copy of the tenant's details, the visit
reports' text, and the photos. Request events are append-only for every other purpose; erasing
their text is the one change the law asks for, done with an UPDATE.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from agir.repairs.models import RepairRequest, RequestEvent, RequestFollower, RequestPhoto, Status

from .models import PersonalDataAccess, RequestFact, RetentionPolicy, SatisfactionSurvey

log = logging.getLogger(__name__)

ENDED = [Status.CLOSED, Status.REJECTED, Status.CANCELLED]
ERASED_LABEL = "—"
BATCH = 500


@dataclass(frozen=True)
class Done:
    requests: int
    photos: int
    access_lines: int = 0

    def __str__(self) -> str:
        return (
            f"{self.requests} requests anonymised, {self.photos} photos erased, "
            f"{self.access_lines} access log lines deleted"
        )


def _ended_before(cutoff: datetime) -> Q:
    """Requests that ended (closed, refused, cancelled) before `cutoff`."""
    return Q(status=Status.CLOSED, closed_at__lt=cutoff) | Q(
        status__in=[Status.REJECTED, Status.CANCELLED], fact__withdrawn_at__lt=cutoff
    )


def due_for_anonymising(now: datetime, policy: RetentionPolicy) -> QuerySet[RepairRequest]:
    cutoff = now - timedelta(days=365 * policy.request_years)
    return RepairRequest.objects.filter(_ended_before(cutoff), fact__anonymised_at__isnull=True)


def due_for_photo_erasing(now: datetime, policy: RetentionPolicy) -> QuerySet[RepairRequest]:
    cutoff = now - timedelta(days=policy.photo_days)
    return RepairRequest.objects.filter(
        _ended_before(cutoff), fact__photos_erased_at__isnull=True, photos__isnull=False
    ).distinct()


def erase_photos(ids: list[int], now: datetime) -> int:
    photos = list(RequestPhoto.objects.filter(request_id__in=ids))
    for photo in photos:
        photo.image.delete(save=False)
    RequestPhoto.objects.filter(pk__in=[p.pk for p in photos]).delete()
    RequestFact.objects.filter(request_id__in=ids).update(photos_erased_at=now)
    return len(photos)


def anonymise(ids: list[int], now: datetime) -> int:
    """Erase the personal details of these requests (their facts stay as they are)."""
    from agir.notify.models import Notification

    from .facts import refresh_fact
    from .models import StaleFact

    with transaction.atomic():
        # The figures are frozen as they are now: bring those of these requests up to date.
        has_fact = set(RequestFact.objects.filter(request_id__in=ids).values_list("pk", flat=True))
        stale = set(StaleFact.objects.filter(pk__in=ids).values_list("pk", flat=True))
        for request_id in (set(ids) - has_fact) | stale:
            refresh_fact(request_id)
        StaleFact.objects.filter(pk__in=stale).delete()
        erase_photos(ids, now)
        count = RepairRequest.objects.filter(pk__in=ids).update(
            requested_by=None,
            lease=None,
            entered_by=None,
            description="",
            access_notes="",
            availability=[],
            responsibility_reason="",
            updated_at=now,
        )
        RequestEvent.objects.filter(request_id__in=ids).update(
            message="", actor=None, actor_label=ERASED_LABEL, data={}
        )
        SatisfactionSurvey.objects.filter(request_id__in=ids).update(
            comment="", tenant=None, answered_by=None
        )
        RequestFollower.objects.filter(request_id__in=ids).delete()
        Notification.objects.filter(request_id__in=ids).update(
            tenant=None, recipient_name="", address="", context={}, last_error=""
        )
        _anonymise_work_orders(ids)
        RequestFact.objects.filter(request_id__in=ids).update(anonymised_at=now)
    return count


def _anonymise_work_orders(ids: list[int]) -> None:
    """The work orders' copy of the tenant's name, phone and access notes, and the visit
    reports' free text (their contractor and dates stay: the indicators read them)."""
    try:
        from agir.works.models import VisitReport, WorkOrder
    except ImportError:  # the work orders' app is not installed
        return
    WorkOrder.objects.filter(request_id__in=ids).update(
        tenant_name="",
        tenant_phone="",
        access_notes="",
        availability=[],
        technician="",
        refusal_reason="",
        cancel_reason="",
    )
    VisitReport.objects.filter(work_order__request_id__in=ids).update(
        reason="", notes="", reported_by=ERASED_LABEL
    )


def anonymise_past_retention(*, now: datetime | None = None) -> Done:
    """The nightly job: anonymise what is past its time, in batches."""
    now = now or timezone.now()
    policy = RetentionPolicy.current()
    requests = photos = 0
    while ids := list(due_for_anonymising(now, policy).values_list("pk", flat=True)[:BATCH]):
        requests += anonymise(ids, now)
    while ids := list(due_for_photo_erasing(now, policy).values_list("pk", flat=True)[:BATCH]):
        photos += erase_photos(ids, now)
    lines = purge_access_log(now, policy)
    done = Done(requests, photos, lines)
    if requests or photos or lines:
        log.info("retention: %s", done)
    return done


def access_log_cutoff(now: datetime, policy: RetentionPolicy) -> datetime:
    return now - timedelta(days=round(30.44 * policy.access_log_months))


def purge_access_log(now: datetime, policy: RetentionPolicy) -> int:
    """Delete the lines of the staff access log older than the policy's months."""
    cutoff = access_log_cutoff(now, policy)
    deleted = 0
    while ids := list(
        PersonalDataAccess.objects.filter(at__lt=cutoff).values_list("pk", flat=True)[:BATCH]
    ):
        deleted += PersonalDataAccess.objects.filter(pk__in=ids).delete()[0]
    return deleted
