"""A request's history as the tenant reads it: one plain French sentence for each public event.

«12 mars — Intervention reportée au jeudi 14 mars, le matin : l'entreprise attend une pièce.»
Staff are never named: the tenant hears from «votre bailleur» or «votre gardien».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from agir.accounts.models import Role
from agir.catalogue.payer import who_pays_as_decided
from agir.catalogue.payer_words import words_for
from agir.repairs.models import EventKind, RepairRequest, RequestEvent

from .dates import day_in_words, visit_in_words


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    day: str  # «12 mars»
    sentence: str
    kind: str


def tenant_timeline(repair: RepairRequest, viewer=None) -> list[TimelineEntry]:
    """The public events of `repair`, newest first, each told to `viewer` (a tenant's user)."""
    events = repair.events.filter(public=True).select_related("actor").order_by("-at", "-id")
    entries = []
    for event in events:
        event.request = repair  # already in hand: no query per event
        entries.append(
            TimelineEntry(
                at=event.at,
                day=day_in_words(timezone.localtime(event.at).date(), weekday=False),
                sentence=describe(event, viewer),
                kind=event.kind,
            )
        )
    return entries


def describe(event: RequestEvent, viewer=None) -> str:
    """One sentence, ending with a full stop, saying what `event` means for the tenant."""
    return _SENTENCES.get(event.kind, _unknown)(event, viewer)


# --- one function per kind --------------------------------------------------------------------


def _created(event: RequestEvent, viewer) -> str:
    return _("Demande commencée, pas encore envoyée.")


def _submitted(event: RequestEvent, viewer) -> str:
    reference = event.request.reference
    speaker = _speaker(event, viewer)
    if speaker.kind in {"caretaker", "household"}:
        return _("Demande enregistrée par %(who)s sous le n° %(reference)s.") % {
            "who": speaker.name,
            "reference": reference,
        }
    return _("Demande enregistrée sous le n° %(reference)s.") % {"reference": reference}


def _acknowledged(event: RequestEvent, viewer) -> str:
    sentence = _("Votre demande est prise en charge.")
    # Who pays as decided then, said as everywhere else (agir.catalogue.payer).
    answer = who_pays_as_decided(event.request, event)
    if answer is not None:
        sentence += " " + words_for(answer).plain()
    return _with_message(sentence, event.message)


def _scheduled(event: RequestEvent, viewer) -> str:
    slot = _slot(event)
    if slot is None:
        return _with_message(_("Intervention prévue."), event.message)
    return _with_message(_("Intervention prévue le %(slot)s.") % {"slot": slot}, event.message)


def _postponed(event: RequestEvent, viewer) -> str:
    slot = _slot(event)
    if slot is None:
        sentence = _("Intervention reportée, une nouvelle date vous sera donnée.")
    else:
        sentence = _("Intervention reportée au %(slot)s.") % {"slot": slot}
    return _with_message(sentence, event.message)


def _started(event: RequestEvent, viewer) -> str:
    return _with_message(_("Les travaux ont commencé."), event.message)


def _finished(event: RequestEvent, viewer) -> str:
    return _with_message(_("Travaux terminés."), event.message)


def _closed(event: RequestEvent, viewer) -> str:
    return _with_message(_("Demande close."), event.message)


def _rejected(event: RequestEvent, viewer) -> str:
    return _with_message(_("Demande refusée."), event.message)


def _cancelled(event: RequestEvent, viewer) -> str:
    speaker = _speaker(event, viewer)
    if speaker.kind == "you":
        return _with_message(_("Vous avez annulé votre demande."), event.message)
    if speaker.kind == "household":
        sentence = _("%(who)s a annulé la demande.") % {"who": speaker.name}
        return _with_message(sentence, event.message)
    return _with_message(_("Demande annulée."), event.message)


def _reopened(event: RequestEvent, viewer) -> str:
    speaker = _speaker(event, viewer)
    if speaker.kind == "you":
        return _quoting(_("Vous avez signalé que ce n'est pas réparé"), event.message)
    if speaker.kind == "household":
        lead = _("%(who)s a signalé que ce n'est pas réparé") % {"who": speaker.name}
        return _quoting(lead, event.message)
    return _with_message(_("Demande rouverte."), event.message)


def _commented(event: RequestEvent, viewer) -> str:
    speaker = _speaker(event, viewer)
    if speaker.kind == "you":
        return _quoting(_("Vous avez écrit"), event.message)
    if speaker.kind == "household":
        return _quoting(_("%(who)s a écrit") % {"who": speaker.name}, event.message)
    return _with_message(_("Message de %(who)s.") % {"who": speaker.name}, event.message)


def _observed(event: RequestEvent, viewer) -> str:
    return _with_message(_("Votre gardien a constaté le problème sur place."), event.message)


def _visited(event: RequestEvent, viewer) -> str:
    return _with_message(_("Votre gardien est passé."), event.message)


def _unknown(event: RequestEvent, viewer) -> str:
    return _with_message(_full_stop(str(event.get_kind_display())), event.message)


_SENTENCES: dict[str, Callable[[RequestEvent, object], str]] = {
    EventKind.CREATED: _created,
    EventKind.SUBMITTED: _submitted,
    EventKind.ACKNOWLEDGED: _acknowledged,
    EventKind.SCHEDULED: _scheduled,
    EventKind.POSTPONED: _postponed,
    EventKind.STARTED: _started,
    EventKind.FINISHED: _finished,
    EventKind.CLOSED: _closed,
    EventKind.REJECTED: _rejected,
    EventKind.CANCELLED: _cancelled,
    EventKind.REOPENED: _reopened,
    EventKind.COMMENTED: _commented,
    EventKind.OBSERVED: _observed,
    EventKind.VISITED: _visited,
}


# --- helpers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Speaker:
    kind: str  # "you", "household", "caretaker", "contractor", "landlord"
    name: str  # how the tenant hears of them


def _speaker(event: RequestEvent, viewer) -> _Speaker:
    actor = event.actor
    if actor is None:  # the ERP import, a routing rule: the landlord speaks
        return _Speaker("landlord", _("votre bailleur"))
    if viewer is not None and actor.pk == getattr(viewer, "pk", None):
        return _Speaker("you", _("vous"))
    if actor.role == Role.TENANT:
        # Another occupant of the lease.
        return _Speaker("household", actor.get_full_name() or _("un occupant du logement"))
    if actor.role == Role.CARETAKER:
        return _Speaker("caretaker", _("votre gardien"))
    if actor.role == Role.CONTRACTOR:
        return _Speaker("contractor", _("l'entreprise"))
    return _Speaker("landlord", _("votre bailleur"))


def _slot(event: RequestEvent) -> str | None:
    start, end = event.data.get("start"), event.data.get("end")
    if not start or not end:
        return None
    return visit_in_words(datetime.fromisoformat(start), datetime.fromisoformat(end))


def _with_message(sentence: str, message: str) -> str:
    """«Intervention reportée au 14 mars, le matin : l'entreprise attend une pièce.»"""
    message = " ".join(message.split())
    if not message:
        return sentence
    return f"{sentence.rstrip('.')} : {_full_stop(_lower_first(message))}"


def _quoting(lead: str, message: str) -> str:
    """What a tenant wrote is quoted as written: «Vous avez écrit : « Ça fuit encore. »»."""
    message = " ".join(message.split())
    if not message:
        return _full_stop(lead)
    return f"{lead} : « {message} »"


def _lower_first(text: str) -> str:
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text  # an acronym: «EDF doit couper le courant»
    return text[:1].lower() + text[1:]


def _full_stop(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…", "»")) else f"{text}."
