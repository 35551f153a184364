"""Signals of the outbox, so that it can wake the worker without importing the tasks above it
(the tasks module connects the receiver, see apps.py)."""

from django.dispatch import Signal

# Sent after the commit of a transaction that queued at least one notification.
notifications_queued = Signal()
