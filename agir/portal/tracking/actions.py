"""The tenant's actions on their request. Every change goes through `agir.repairs.lifecycle`.

Each locks the request, checks the tenant's rule on the status as it is now (an officer may have
taken it in hand a second ago), then calls the lifecycle in the same transaction. Refusals raise
a `LifecycleError` whose `user_message` the page shows.
"""

from __future__ import annotations

from django.db import transaction

from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, RequestEvent, RequestPhoto

from . import rules


def add_message(repair: RepairRequest, user, message: str) -> RequestEvent:
    """A tenant's message is public: the whole household and the landlord read it."""
    return lifecycle.comment(repair, actor=Actor.of(user), message=message, public=True)


def cancel(repair: RepairRequest, user, reason: str = "") -> RequestEvent:
    with transaction.atomic():
        current = _lock(repair)
        if refusal := rules.cancel_refusal(current):
            raise refusal
        return lifecycle.cancel(current, actor=Actor.of(user), reason=reason)


def reopen(repair: RepairRequest, user, reason: str) -> RequestEvent:
    with transaction.atomic():
        current = _lock(repair)
        if refusal := rules.reopen_refusal(current):
            raise refusal
        return lifecycle.reopen(current, actor=Actor.of(user), reason=reason)


def add_photo(repair: RepairRequest, user, uploaded_file) -> RequestPhoto:
    """Raises `PhotoRejected` for a bad file, `TenantRefusal` when no photo may be added."""
    if refusal := rules.photo_refusal(repair):
        raise refusal  # said before the file is decoded, and again under the lock below
    jpeg = photos.clean_photo(uploaded_file, name=uploaded_file.name, size=uploaded_file.size)
    with transaction.atomic():
        # Locked, so that two uploads at once cannot both take the fifth place.
        current = _lock(repair)
        if refusal := rules.photo_refusal(current):
            raise refusal
        return photos.attach(current, jpeg, uploaded_by=user)


def _lock(repair: RepairRequest) -> RepairRequest:
    return RepairRequest.objects.select_for_update().get(pk=repair.pk)
