from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "agir.accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        from agir.accounts.emails import register_renderers

        register_renderers()
