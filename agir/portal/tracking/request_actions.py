"""The tenant's buttons on a request page: plain POST forms that work without JavaScript.

On success: back to the request page with a confirmation (post/redirect/get). On bad input or
a refusal: the page again, with what was typed and the reason in French.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agir.core import uploads
from agir.portal.access import get_request_for_tenant
from agir.repairs.lifecycle import LifecycleError
from agir.repairs.photos import PhotoRejected

from . import actions, rules
from .forms import CancelForm, MessageForm, PhotoForm, ReopenForm
from .guards import tenant_required
from .request_page import render_request_page

BAD_INPUT = 400
REFUSED = 409


@tenant_required
@require_POST
def add_message(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_tenant(request.user, code)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render_request_page(request, repair, message_form=form, status=BAD_INPUT)
    try:
        actions.add_message(repair, request.user, form.cleaned_data["message"])
    except LifecycleError as error:
        return render_request_page(
            request, repair, message_form=form, refusal=error.user_message, status=REFUSED
        )
    messages.success(request, _("Votre message est envoyé."))
    return redirect("portal:request", code=repair.code)


@tenant_required
@require_POST
def add_photo(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_tenant(request.user, code)
    form = PhotoForm(request.POST, request.FILES)
    if cut := uploads.refusal(request):
        form.is_valid()
        form.errors["photo"] = form.error_class([cut])
        return render_request_page(request, repair, photo_form=form, status=BAD_INPUT)
    if not form.is_valid():
        return render_request_page(request, repair, photo_form=form, status=BAD_INPUT)
    try:
        actions.add_photo(repair, request.user, form.cleaned_data["photo"])
    except PhotoRejected as error:
        form.add_error("photo", error.user_message)
        return render_request_page(request, repair, photo_form=form, status=BAD_INPUT)
    except LifecycleError as error:
        return render_request_page(request, repair, refusal=error.user_message, status=REFUSED)
    messages.success(request, _("Votre photo est ajoutée."))
    return redirect("portal:request", code=repair.code)


@tenant_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    """A page that asks «Voulez-vous annuler ?» before anything is cancelled."""
    return _confirmed_action(
        request,
        code,
        form_class=CancelForm,
        refusal_of=rules.cancel_refusal,
        act=actions.cancel,
        done=_("Votre demande est annulée."),
        template="portal/tracking/cancel.html",
    )


@tenant_required
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, code: str) -> HttpResponse:
    """«Ce n'est pas réparé»: the tenant says what is wrong, and the request opens again."""
    return _confirmed_action(
        request,
        code,
        form_class=ReopenForm,
        refusal_of=rules.reopen_refusal,
        act=actions.reopen,
        done=_("C'est noté : nous reprenons votre demande."),
        template="portal/tracking/reopen.html",
    )


def _confirmed_action(
    request, code, *, form_class, refusal_of, act, done: str, template: str
) -> HttpResponse:
    """A page that asks first, then acts with the tenant's reason once the form is valid."""
    repair = get_request_for_tenant(request.user, code)
    form = form_class(request.POST if request.method == "POST" else None)
    refusal = refusal_of(repair)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            act(repair, request.user, form.cleaned_data["reason"])
        except LifecycleError as error:
            refusal = error
        else:
            messages.success(request, done)
            return redirect("portal:request", code=repair.code)
    return _confirm_page(request, template, repair, form, refusal)


def _confirm_page(request, template, repair, form, refusal) -> HttpResponse:
    status = 200
    if request.method == "POST":
        status = REFUSED if refusal is not None else BAD_INPUT
    context = {
        "repair": repair,
        "form": form,
        "error_forms": [form] if form.errors else [],
        "refusal": refusal.user_message if refusal is not None else "",
    }
    return render(request, template, context, status=status)
