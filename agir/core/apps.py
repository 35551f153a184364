from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "agir.core"
    verbose_name = _("Socle")

    def ready(self) -> None:
        from agir.core import (
            checks,  # noqa: F401 (registers the checks)
            health,
            heartbeat,
        )

        health.mark_started()
        heartbeat.start_in_worker_processes()
