"""Sign-up pages: the letter (or the emailed link), then an identifier, then a password.

One question a page. What was checked on the first page is kept in the session, and checked
again when the account is made.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from agir.accounts import activation, ratelimit, reset
from agir.accounts.activation import AccountError, Refusal
from agir.accounts.forms import ChosenPasswordForm, IdentifierForm, LetterForm, ResetForm
from agir.accounts.models import User
from agir.core.client import client_ip
from agir.estate.models import Tenant

SESSION_KEY = "agir_signup"
# A sign-up left half-way is forgotten after this long.
SIGNUP_SESSION_MINUTES = 30


def _refusal_message(refusal: Refusal) -> str:
    phone = settings.LANDLORD["phone"]
    match refusal:
        case Refusal.EXPIRED:
            return _(
                "Ce code n'est plus valable : il a expiré. Demandez une nouvelle lettre à "
                "votre bailleur au %(phone)s."
            ) % {"phone": phone}
        case Refusal.USED | Refusal.HAS_ACCOUNT:
            return _(
                "Ce code a déjà servi à créer un compte. Connectez-vous avec votre adresse "
                "e-mail ou votre nom d'utilisateur. Si vous avez oublié votre mot de passe, "
                "cliquez sur « Mot de passe oublié »."
            )
        case _:
            return _(
                "La référence du bail ou le code ne correspond pas. Vérifiez ce que vous "
                "avez tapé en le comparant à votre lettre, puis recommencez."
            )


def _blocked_message() -> str:
    return _(
        "Trop d'essais sans succès. Pour votre sécurité, attendez %(minutes)s minutes avant "
        "de recommencer, ou appelez votre bailleur au %(phone)s."
    ) % {
        "minutes": settings.SIGNUP_FAILURE_WINDOW_MINUTES,
        "phone": settings.LANDLORD["phone"],
    }


def _start_signup(request: HttpRequest, tenant: Tenant, code_id: int | None) -> None:
    request.session[SESSION_KEY] = {
        "tenant": tenant.pk,
        "code": code_id,
        "started": timezone.now().isoformat(),
    }


def _signup_state(request: HttpRequest) -> tuple[dict, Tenant] | None:
    state = request.session.get(SESSION_KEY)
    if not state:
        return None
    started = datetime.fromisoformat(state["started"])
    if timezone.now() - started > timedelta(minutes=SIGNUP_SESSION_MINUTES):
        request.session.pop(SESSION_KEY, None)
        return None
    tenant = Tenant.objects.filter(pk=state["tenant"], user__isnull=True).first()
    if tenant is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return state, tenant


def _lost_signup(request: HttpRequest) -> HttpResponse:
    messages.info(
        request, _("Votre inscription a été interrompue. Recommencez depuis votre lettre.")
    )
    return redirect("accounts:signup")


@never_cache
@sensitive_post_parameters("code")
def signup(request: HttpRequest) -> HttpResponse:
    """Step 1: the lease reference and the code from the letter."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LetterForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        reference = activation.clean_lease_reference(form.cleaned_data["lease_reference"])
        ip = client_ip(request)
        if ratelimit.is_blocked(ip):
            form.add_error(None, _blocked_message())
            status = 429
        else:
            check = activation.check_code(reference, form.cleaned_data["code"])
            if check.ok:
                _start_signup(request, check.tenant, check.code.pk)
                return redirect("accounts:signup-identifier")
            ratelimit.record_failure(reference, ip)
            form.add_error(None, _refusal_message(check.refusal))
    return render(request, "accounts/signup_letter.html", {"form": form, "step": 1}, status=status)


@never_cache
def signup_link(request: HttpRequest, token: str) -> HttpResponse:
    """Step 1, by the link emailed to a tenant whose address the landlord holds."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    check = activation.check_link_token(token)
    if check.ok:
        _start_signup(request, check.tenant, None)
        return redirect("accounts:signup-identifier")
    if check.refusal == Refusal.EXPIRED:
        message = _(
            "Ce lien n'est plus valable : il a expiré. Demandez-en un nouveau à votre "
            "bailleur au %(phone)s, ou utilisez le code de votre lettre."
        ) % {"phone": settings.LANDLORD["phone"]}
    elif check.refusal == Refusal.USED:
        message = _("Ce lien a déjà servi : votre compte existe. Connectez-vous.")
    else:
        message = _(
            "Ce lien n'est pas valable. Vérifiez que vous avez copié toute l'adresse, ou "
            "utilisez le code de votre lettre."
        )
    return render(request, "accounts/signup_link_refused.html", {"message": message}, status=400)


@never_cache
def signup_identifier(request: HttpRequest) -> HttpResponse:
    """Step 2: an email address or a username, to sign in with."""
    found = _signup_state(request)
    if found is None:
        return _lost_signup(request)
    state, tenant = found
    initial = {"identifier": state.get("identifier") or tenant.email}
    form = IdentifierForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        state["identifier"] = form.cleaned_data["identifier"]
        request.session[SESSION_KEY] = state
        return redirect("accounts:signup-password")
    return render(
        request,
        "accounts/signup_identifier.html",
        {"form": form, "step": 2, "tenant": tenant},
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def signup_password(request: HttpRequest) -> HttpResponse:
    """Step 3: a password; then the account is made and the tenant signed in."""
    found = _signup_state(request)
    if found is None:
        return _lost_signup(request)
    state, tenant = found
    identifier = state.get("identifier")
    if not identifier:
        return redirect("accounts:signup-identifier")
    is_email = "@" in identifier
    # Unsaved: only so the validators can refuse a password too close to the name or email.
    future = User(
        username=identifier,
        email=identifier if is_email else tenant.email,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
    )
    form = ChosenPasswordForm(future, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.create_account(
                tenant.pk,
                identifier=identifier,
                password=form.cleaned_data["new_password1"],
                code_id=state.get("code"),
            )
        except AccountError as error:
            if error.refusal is None:  # the identifier was taken meanwhile
                messages.error(request, _("Ce nom vient d'être pris. Choisissez-en un autre."))
                return redirect("accounts:signup-identifier")
            request.session.pop(SESSION_KEY, None)
            messages.error(request, _refusal_message(error.refusal))
            return redirect("accounts:signup")
        request.session.pop(SESSION_KEY, None)
        login(request, user, backend="agir.accounts.backends.UsernameBackend")
        messages.success(
            request,
            _("Votre compte est créé. Vous vous connecterez avec : %(identifier)s")
            % {"identifier": user.username},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/signup_password.html",
        {"form": form, "step": 3, "identifier": identifier},
    )


@never_cache
def password_reset(request: HttpRequest) -> HttpResponse:
    """«Mot de passe oublié»: the same answer, after the same work, whatever the address."""
    form = ResetForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if reset.client_over_limit(ip):
            form.add_error(
                None,
                _(
                    "Trop de demandes depuis votre connexion. Attendez une heure avant de "
                    "recommencer, ou appelez votre bailleur au %(phone)s."
                )
                % {"phone": settings.LANDLORD["phone"]},
            )
            status = 429
        else:
            reset.request_reset(form.cleaned_data["email"], ip)
            return redirect("accounts:password_reset_done")
    return render(request, "registration/password_reset_form.html", {"form": form}, status=status)
