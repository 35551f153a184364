from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "agir.notify"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from agir.notify import checks  # noqa: F401 (registers the checks)
        from agir.notify.signals import notifications_queued
        from agir.notify.tasks import wake_worker

        notifications_queued.connect(wake_worker, dispatch_uid="agir.notify.wake_worker")
