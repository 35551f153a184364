from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "agir.works"
    verbose_name = _("Bons de travaux")

    def ready(self) -> None:
        # The work order's email is rendered when the worker sends it (agir.notify.personal),
        # and the caretaker's phone reports a work order through its sync queue.
        from agir.works import caretaker, emails

        emails.register_renderers()
        caretaker.register_sync_kinds()
