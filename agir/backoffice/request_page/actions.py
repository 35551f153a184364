"""The request page's actions: each takes a valid form's data and goes through the lifecycle.

`ACTIONS` maps the action's name in the URL to its form and the function that performs it; the
view only checks who asks, validates the form and calls the function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from agir.backoffice import forms as common_forms
from agir.quotes import service as quotes
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, InvalidRequest
from agir.repairs.models import RepairRequest

from . import forms as page_forms


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    perform: Callable[[RepairRequest, Actor, dict[str, Any]], object]
    # The lifecycle intent whose transition must be allowed for the form to be offered.
    intent: str
    # Offered only when this says so (None: whenever the intent is allowed).
    shown: Callable[[RepairRequest], bool] | None = None


def _take_in_hand(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return lifecycle.take_in_hand(repair, actor=actor, **data)


def _merge(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    reference = data["into"].strip()
    into = RepairRequest.objects.submitted().filter(reference=reference).first()
    if into is None:
        raise InvalidRequest(
            f"no request {reference!r}",
            _("Aucune demande n° %(reference)s.") % {"reference": reference},
        )
    return lifecycle.merge(repair, into=into, actor=actor, message=data["message"])


def _reject(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return lifecycle.reject_with_advice(
        repair, actor=actor, reason=data["reason"], price=data["price"]
    )


def _answer(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return lifecycle.comment(repair, actor=actor, message=data["message"], public=True)


def _note(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return lifecycle.comment(repair, actor=actor, message=data["message"], public=False)


def _quote(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return quotes.send(repair, amount=data["amount"], covers=data["covers"], actor=actor)


def _comment(repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return lifecycle.comment(repair, actor=actor, message=data["message"], public=data["public"])


ACTIONS: dict[str, Action] = {
    "acknowledge": Action(page_forms.TakeInHandForm, _take_in_hand, "acknowledge"),
    "schedule": Action(
        common_forms.ScheduleForm,
        lambda r, a, d: lifecycle.schedule(r, actor=a, **d),
        "schedule",
    ),
    "postpone": Action(
        common_forms.PostponeForm,
        lambda r, a, d: lifecycle.postpone(r, actor=a, **d),
        "postpone",
    ),
    "start": Action(
        common_forms.OptionalMessageForm, lambda r, a, d: lifecycle.start(r, actor=a), "start"
    ),
    "finish": Action(
        common_forms.OptionalMessageForm,
        lambda r, a, d: lifecycle.finish(r, actor=a, message=d["message"]),
        "finish",
    ),
    "close": Action(
        common_forms.OptionalMessageForm,
        lambda r, a, d: lifecycle.close(r, actor=a, message=d["message"]),
        "close",
    ),
    "reject": Action(page_forms.RejectForm, _reject, "reject"),
    "cancel": Action(
        common_forms.ReasonForm,
        lambda r, a, d: lifecycle.cancel(r, actor=a, reason=d["reason"]),
        "cancel",
    ),
    "merge": Action(page_forms.MergeForm, _merge, "cancel"),
    "answer": Action(page_forms.AnswerForm, _answer, "comment"),
    "note": Action(page_forms.NoteForm, _note, "comment"),
    # Where the tenant pays: the price they accept or refuse before any work is ordered.
    "quote": Action(
        page_forms.QuoteForm, _quote, "comment", lambda r: quotes.quote_refusal(r) is None
    ),
    # The former single message form (public or not), kept for the API of the page.
    "comment": Action(common_forms.CommentForm, _comment, "comment"),
}

# Shown on the page, in this order («comment» is the same as answer + note).
SHOWN = ["acknowledge", "answer", "note", "quote", "schedule", "postpone", "start", "finish",
         "close", "merge", "reject", "cancel"]  # fmt: skip


def offered(repair: RepairRequest, initial: dict[str, dict], canned: list) -> dict[str, Any]:
    """The forms of the actions the request's status allows, by action name."""
    made = {}
    for name in SHOWN:
        action = ACTIONS[name]
        if not lifecycle.can(repair, action.intent):
            continue
        if action.shown is not None and not action.shown(repair):
            continue
        kwargs: dict[str, Any] = {"initial": initial.get(name), "prefix": name}
        if action.form is page_forms.AnswerForm:
            kwargs["canned"] = canned
        made[name] = action.form(**kwargs)
    return made


def bound_form(name: str, data: Any) -> forms.Form:
    form_class = ACTIONS[name].form
    return form_class(data, prefix=name)


def perform(name: str, repair: RepairRequest, actor: Actor, data: dict[str, Any]) -> object:
    return ACTIONS[name].perform(repair, actor, data)
