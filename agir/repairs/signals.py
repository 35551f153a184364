"""What the lifecycle tells the apps above it without importing them."""

from django.dispatch import Signal

# Sent with `events`, a list of saved RequestEvent, after the lifecycle writes events in bulk
# (`lifecycle.batch`): bulk inserts send no post_save.
events_written = Signal()
