from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepairsConfig(AppConfig):
    name = "agir.repairs"
    verbose_name = _("Demandes")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .commitments import forget_terms
        from .models import Commitment

        # A manager's change applies to the next request at once (in this process).
        post_save.connect(forget_terms, sender=Commitment, dispatch_uid="commitments_saved")
        post_delete.connect(forget_terms, sender=Commitment, dispatch_uid="commitments_deleted")
