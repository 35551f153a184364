"""The nightly retention job, enqueued by the scheduler once a day."""

from __future__ import annotations

from django.tasks import task


@task
def apply_retention() -> str:
    from .retention import anonymise_past_retention

    done = anonymise_past_retention()
    return f"{done.requests} requests anonymised, {done.photos} photos erased"
