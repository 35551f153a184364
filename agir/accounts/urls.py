from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from agir.accounts import twofactor_views, views
from agir.accounts.forms import LoginForm, NewPasswordForm

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    # Staff: the second factor after the password (agir/accounts/twofactor.py).
    path("second-facteur/", twofactor_views.verify, name="second_factor"),
    path("second-facteur/activer/", twofactor_views.enrol, name="second_factor_enrol"),
    path("second-facteur/codes/", twofactor_views.recovery_codes, name="second_factor_codes"),
    # Sign-up: the letter (or the emailed link), an identifier, a password.
    path("activer/", views.signup, name="signup"),
    path("activer/lien/<str:token>/", views.signup_link, name="signup-link"),
    path("activer/identifiant/", views.signup_identifier, name="signup-identifier"),
    path("activer/mot-de-passe/", views.signup_password, name="signup-password"),
    # Password reset, by email.
    path("mot-de-passe/oublie/", views.password_reset, name="password_reset"),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/fait/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
