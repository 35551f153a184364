"""Forms of the accounts pages. Messages in plain French; nothing typed is lost on error."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from agir.accounts.activation import identifier_taken
from agir.accounts.models import User


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Adresse e-mail ou référence de bail"),
        help_text=_("Ou le nom d'utilisateur que vous avez choisi."),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    # One answer for every failure, whatever the identifier: a stranger learns neither which
    # leases have accounts nor how many (a lease with several accounts signs nobody in).
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "L'identifiant ou le mot de passe n'est pas bon. Vérifiez-les et recommencez. Si "
            "plusieurs personnes de votre bail ont un compte, connectez-vous avec votre adresse "
            "e-mail ou votre nom d'utilisateur."
        ),
        "inactive": _("Ce compte est désactivé. Appelez votre bailleur."),
    }


class LetterForm(forms.Form):
    lease_reference = forms.CharField(
        label=_("Référence du bail"),
        help_text=_("Elle est écrite sur votre lettre, par exemple B100123."),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label=_("Code personnel"),
        help_text=_(
            "12 lettres et chiffres, écrits sur votre lettre. Les tirets sont facultatifs."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label=_("Votre adresse e-mail ou un nom d'utilisateur"),
        help_text=_(
            "Vous le taperez pour vous connecter. Avec une adresse e-mail, vous pourrez "
            "retrouver votre mot de passe si vous l'oubliez."
        ),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )

    def clean_identifier(self) -> str:
        identifier = self.cleaned_data["identifier"].strip()
        if "@" in identifier:
            try:
                validate_email(identifier)
            except ValidationError:
                raise ValidationError(
                    _("Cette adresse e-mail n'est pas complète. Exemple : nom@exemple.fr"),
                    code="invalid_email",
                ) from None
        else:
            if len(identifier) < 3:
                raise ValidationError(
                    _("Le nom d'utilisateur doit avoir au moins 3 caractères."), code="short"
                )
            try:
                UnicodeUsernameValidator()(identifier)
            except ValidationError:
                raise ValidationError(
                    _(
                        "Le nom d'utilisateur peut contenir des lettres, des chiffres et "
                        "les signes . + - _ seulement, sans espace."
                    ),
                    code="invalid_username",
                ) from None
        if identifier_taken(identifier):
            raise ValidationError(
                _("Ce nom est déjà pris par un autre compte. Choisissez-en un autre."),
                code="taken",
            )
        return identifier


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Celle de votre compte. Nous vous y enverrons un lien."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordForm(SetPasswordForm):
    """Choose a password (Django's validators, with the future account as context)."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _(
            "Les deux mots de passe ne sont pas identiques. Tapez-les à nouveau."
        ),
    }

    def __init__(self, user: User, *args, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Choisissez un mot de passe")
        self.fields["new_password1"].help_text = _(
            "Au moins 8 caractères. Évitez un mot trop simple ou votre nom."
        )
        self.fields["new_password2"].label = _("Tapez-le une seconde fois")
        self.fields["new_password2"].help_text = _("Pour éviter une faute de frappe.")


class ChosenPasswordForm(NewPasswordForm):
    """At sign-up: the account does not exist yet; activation.create_account makes it."""

    def save(self, commit: bool = True):
        raise NotImplementedError("use activation.create_account")
