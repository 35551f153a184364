"""Where a request stands, in one or two short sentences a tenant understands."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agir.repairs import commitments
from agir.repairs.models import RepairRequest, Status

from .dates import day_in_words, time_in_words, visit_in_words


def status_in_words(repair: RepairRequest) -> str:
    match repair.status:
        case Status.DRAFT:
            return _("Pas encore envoyée.")
        case Status.SUBMITTED:
            return _("Envoyée. %(delay)s") % {"delay": _acknowledge_delay(repair)}
        case Status.ACKNOWLEDGED:
            return _("Prise en charge. Nous organisons l'intervention.")
        case Status.SCHEDULED:
            if visit_is_past(repair):
                # Never «prévue» once its time has passed (agir/works/overdue.py flags it).
                return _(
                    "Le rendez-vous est passé. Nous attendons le compte rendu de l'intervention."
                )
            if slot := planned_visit(repair):
                return _("Intervention prévue le %(slot)s.") % {"slot": slot}
            return _("Intervention prévue.")
        case Status.POSTPONED:
            if slot := planned_visit(repair):
                return _("Intervention reportée au %(slot)s.") % {"slot": slot}
            return _("Intervention reportée. Nous vous donnerons une nouvelle date.")
        case Status.IN_PROGRESS:
            return _("Travaux en cours.")
        case Status.DONE:
            return _("Travaux terminés. Si ce n'est pas réparé, dites-le-nous.")
        case Status.CLOSED:
            return _("Demande close.")
        case Status.REJECTED:
            return _("Demande refusée.")
        case Status.CANCELLED:
            return _("Demande annulée.")
        case Status.REOPENED:
            return _("Rouverte : nous reprenons votre demande.")
    return str(repair.get_status_display())


# A visit date still set on a request in another status is history, not a plan: after
# «ce n'est pas réparé» the old date must not read as a visit to come.
VISIT_STATUSES = frozenset({Status.SCHEDULED, Status.POSTPONED, Status.IN_PROGRESS})


def planned_visit(repair: RepairRequest) -> str:
    """«mardi 12 mars, le matin», or "" when no visit is planned."""
    if repair.status not in VISIT_STATUSES or not (repair.planned_start and repair.planned_end):
        return ""
    if visit_is_past(repair):
        return ""
    return visit_in_words(repair.planned_start, repair.planned_end)


def visit_is_past(repair: RepairRequest) -> bool:
    """The planned visit's time is over: it is no longer «prévue»."""
    return bool(repair.planned_end) and repair.planned_end < timezone.now()


def _acknowledge_delay(repair: RepairRequest) -> str:
    days = settings.ACKNOWLEDGE_DELAY_DAYS.get(repair.urgency)
    if days is None:
        return ""
    if days == 0:
        return _("Nous la prenons en charge aujourd'hui.")
    return ngettext(
        "Nous la prenons en charge sous %(days)d jour ouvré.",
        "Nous la prenons en charge sous %(days)d jours ouvrés.",
        days,
    ) % {"days": days}


def commitment_in_words(repair: RepairRequest) -> str:
    """The landlord's commitment still to keep, in one line: «Notre engagement : prise en
    compte au plus tard le mercredi 8 avril, intervention au plus tard le lundi 13 avril.»"""
    intervention = _due_in_words(repair.intervention_due)
    if repair.status in commitments.AWAITING_TAKE_IN_HAND and repair.take_in_hand_due:
        return _(
            "Notre engagement : prise en compte au plus tard le %(take_in_hand)s, "
            "intervention au plus tard le %(intervention)s."
        ) % {"take_in_hand": _due_in_words(repair.take_in_hand_due), "intervention": intervention}
    if repair.status in commitments.AWAITING_INTERVENTION and repair.intervention_due:
        return _("Notre engagement : intervention au plus tard le %(intervention)s.") % {
            "intervention": intervention
        }
    return ""


def _due_in_words(moment) -> str:
    local = timezone.localtime(moment)
    day = day_in_words(local.date())
    if local.time() == commitments.END_OF_DAY:
        return day
    return _("%(day)s à %(time)s") % {"day": day, "time": time_in_words(moment)}
