"""Keep what processes hold of the catalogue (its search index, the wizard's snapshot) in step
with the catalogue rows; a request reads the catalogue's version once (agir.catalogue.held)."""

from __future__ import annotations

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from agir.catalogue import held
from agir.catalogue.models import CatalogueEntry, Equipment, Place, Symptom


def _catalogue_changed(sender, **kwargs) -> None:
    # Now, for this process; and again once committed, so that another process that rebuilt
    # its copies in between (still seeing the old rows) rebuilds once more.
    held.invalidate()
    transaction.on_commit(held.invalidate)


def connect() -> None:
    request_started.connect(held.request_started, dispatch_uid="catalogue-version-request")
    request_finished.connect(held.request_finished, dispatch_uid="catalogue-version-request")
    for model in (CatalogueEntry, Place, Equipment, Symptom):
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _catalogue_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
