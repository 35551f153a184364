from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "agir.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from agir.catalogue import signals

        signals.connect()
