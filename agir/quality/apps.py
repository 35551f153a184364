from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "agir.quality"
    verbose_name = _("Qualité")

    def ready(self) -> None:
        # Facts follow the requests' events (agir/quality/facts.py).
        # Summaries follow the facts and the answers (agir/quality/summaries.py).
        from . import facts, summaries  # noqa: F401
