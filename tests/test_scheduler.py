"""`agir scheduler` enqueues the periodic tasks, and the worker runs them."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from agir.portal.tasks import discard_stale_wizard_drafts


def test_scheduler_once_enqueues_every_periodic_task(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    call_command("scheduler", once=True)

    from agir.core.models import WorkerHeartbeat

    assert WorkerHeartbeat.objects.filter(name="worker").exists()


def test_stale_wizard_drafts_are_discarded_and_fresh_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save(f"{settings.WIZARD_UPLOAD_DIR}/w1/old.jpg", ContentFile(b"x"))
    three_days_ago = (timezone.now() - timedelta(days=3)).timestamp()
    os.utime(default_storage.path(old), (three_days_ago, three_days_ago))
    fresh = default_storage.save(f"{settings.WIZARD_UPLOAD_DIR}/w2/fresh.jpg", ContentFile(b"y"))

    assert discard_stale_wizard_drafts.call() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
