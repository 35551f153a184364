"""The quality tasks: the nightly retention job (once a day) and the facts' catch-up with the
monthly summaries' recount (every minute), enqueued by the scheduler."""

from __future__ import annotations

from django.tasks import task


@task
def apply_retention() -> str:
    from .retention import anonymise_past_retention

    return str(anonymise_past_retention())


@task
def catch_up_facts() -> str:
    from .facts import catch_up
    from .summaries import refresh

    facts = catch_up()
    return f"{facts} facts recomputed, {refresh()} monthly summaries recounted"
