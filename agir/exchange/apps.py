from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "agir.exchange"
    verbose_name = _("Échanges avec l'ERP")
