"""What a tenant may do to their own request, beyond what the lifecycle allows anyone.

The lifecycle lets an officer cancel a request at any stage; a tenant may only until it is
taken in hand, after which someone is already working on it and must be told by phone. A tenant
may say «ce n'est pas réparé» once the work is done, and up to REOPEN_WINDOW after closing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.repairs.lifecycle import LifecycleError
from agir.repairs.models import MAX_PHOTOS, OPEN_STATUSES, RepairRequest, Status

REOPEN_WINDOW = timedelta(days=30)
PHOTO_STATUSES = OPEN_STATUSES | {Status.DONE}


class TenantRefusal(LifecycleError):
    def __init__(self, message: str, user_message: str) -> None:
        super().__init__(message)
        self.user_message = user_message


def cancel_refusal(repair: RepairRequest) -> TenantRefusal | None:
    if repair.status == Status.SUBMITTED:
        return None
    if repair.status in OPEN_STATUSES:
        return TenantRefusal(
            f"tenant cannot cancel a request in status {repair.status!r}",
            _(
                "Votre demande est déjà prise en charge : elle ne peut plus être annulée ici. "
                "Appelez-nous au %(phone)s."
            )
            % {"phone": settings.LANDLORD["phone"]},
        )
    return TenantRefusal(
        f"tenant cannot cancel a request in status {repair.status!r}",
        _("Cette demande ne peut pas être annulée : elle est « %(status)s ».")
        % {"status": repair.get_status_display()},
    )


def reopen_refusal(repair: RepairRequest, now: datetime | None = None) -> TenantRefusal | None:
    now = now or timezone.now()
    if repair.status == Status.DONE:
        return None
    if repair.status == Status.CLOSED:
        if repair.closed_at is not None and now - repair.closed_at <= REOPEN_WINDOW:
            return None
        return TenantRefusal(
            "closed more than the reopen window ago",
            _(
                "Cette demande est close depuis plus de %(days)d jours. "
                "Si le problème est revenu, faites une nouvelle demande."
            )
            % {"days": REOPEN_WINDOW.days},
        )
    return TenantRefusal(
        f"tenant cannot reopen a request in status {repair.status!r}",
        _("Vous pourrez nous le dire une fois les travaux terminés."),
    )


def photo_refusal(repair: RepairRequest) -> TenantRefusal | None:
    if repair.status not in PHOTO_STATUSES:
        return TenantRefusal(
            f"no photo can be added in status {repair.status!r}",
            _("On ne peut plus ajouter de photo : la demande est « %(status)s ».")
            % {"status": repair.get_status_display()},
        )
    if repair.photos.count() >= MAX_PHOTOS:
        return TenantRefusal(
            "photo limit reached",
            _("Cette demande a déjà %(max)d photos : c'est le maximum.") % {"max": MAX_PHOTOS},
        )
    return None
