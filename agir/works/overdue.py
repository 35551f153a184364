"""A visit whose time has passed is never left reading «prévue».

The tenant's pages stop calling it planned as soon as its end has passed (agir.portal.status);
here, once a grace period has passed with no report, the work order is flagged to the officer
(shown first in «Bons de travaux» and on the request's page) with an internal note in the
request's history, so someone calls the contractor and the request moves on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import Status

from .models import WorkOrder

# Time left to the person sent to report before the officer is told.
GRACE = timedelta(hours=2)


def flag_past_visits(now: datetime | None = None) -> int:
    now = now or timezone.now()
    due = WorkOrder.objects.active().filter(
        overdue_visit_at__isnull=True,
        request__status=Status.SCHEDULED,
        request__planned_end__lt=now - GRACE,
    )
    flagged = 0
    for order in due.select_related("request", "contractor", "caretaker__user"):
        with transaction.atomic():
            # Another run may have flagged it meanwhile: only the one that sets it writes.
            if not WorkOrder.objects.filter(pk=order.pk, overdue_visit_at__isnull=True).update(
                overdue_visit_at=now
            ):
                continue
            when = formats.date_format(timezone.localtime(order.request.planned_start), "j F H:i")
            lifecycle.comment(
                order.request,
                actor=Actor.system(_("Contrôle des rendez-vous")),
                message=_(
                    "Le rendez-vous du %(when)s est passé sans compte rendu du bon n° "
                    "%(number)s : relancez %(who)s."
                )
                % {"when": when, "number": order.number, "who": order.assignee_label},
                public=False,
                notify=False,
                data={"work_order": order.number, "overdue_visit": True},
            )
            flagged += 1
    return flagged
