"""Staff looking at a tenant's personal details leave a line a manager can read."""

from __future__ import annotations

from agir.repairs.models import RepairRequest

from .models import PersonalDataAccess


def log_personal_data_access(user, repair: RepairRequest, what: str = "request") -> None:
    """Called by the back office's request page: who opened whose request, and when."""
    PersonalDataAccess.objects.create(
        user=user, tenant_id=repair.requested_by_id, request=repair, what=what
    )
