"""`agir scheduler` enqueues the periodic tasks, and the worker runs them."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from agir.core.management.commands.scheduler import HOURLY, PERIODIC_TASKS, SLOW_TASKS
from agir.core.tasks import task_housekeeping
from agir.notify.tasks import notify_housekeeping, send_notifications
from agir.portal.tasks import discard_stale_wizard_drafts


def test_the_scheduler_runs_the_slow_tasks_hourly():
    assert SLOW_TASKS[discard_stale_wizard_drafts] == HOURLY
    assert SLOW_TASKS[task_housekeeping] == HOURLY
    assert send_notifications in PERIODIC_TASKS and notify_housekeeping in PERIODIC_TASKS


def test_stale_wizard_drafts_are_discarded_and_fresh_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save(f"{settings.WIZARD_UPLOAD_DIR}/w1/old.jpg", ContentFile(b"x"))
    three_days_ago = (timezone.now() - timedelta(days=3)).timestamp()
    os.utime(default_storage.path(old), (three_days_ago, three_days_ago))
    fresh = default_storage.save(f"{settings.WIZARD_UPLOAD_DIR}/w2/fresh.jpg", ContentFile(b"y"))

    assert discard_stale_wizard_drafts.call() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
