"""Periodic work of the works app (enqueued by `agir scheduler`)."""

from __future__ import annotations

from django.tasks import task

from . import overdue


@task
def works_housekeeping() -> dict:
    """Flag to the officer the work orders whose visit passed without a report."""
    return {"flagged": overdue.flag_past_visits()}
