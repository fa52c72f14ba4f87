"""Celery tasks, one module per area; importing them here registers them with the worker."""

from . import emails, gias, retention, roster  # noqa: F401
