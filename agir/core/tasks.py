from django.tasks import task

from agir.core import housekeeping


@task
def task_housekeeping() -> dict:
    """Periodic (hourly): prune finished task rows, recover those a killed worker left running,
    forget heartbeats of workers long gone."""
    swept = housekeeping.sweep()
    return {"pruned": swept.pruned, "recovered": swept.recovered, "heartbeats": swept.heartbeats}
