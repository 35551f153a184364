from django.tasks import task

from agir.portal.wizard.drafts import discard_stale


@task
def discard_stale_wizard_drafts() -> int:
    """Photos of wizards abandoned for two days are deleted: they belong to no request."""
    return discard_stale()
