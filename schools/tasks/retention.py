"""The nightly retention run (see ``schools.retention``)."""

from __future__ import annotations

from celery import shared_task

from schools.retention import apply_retention


@shared_task(acks_late=True)
def apply_retention_task() -> dict[str, int]:
    """Delete or anonymise what the retention periods make due. Idempotent: a repeat or a
    redelivered run finds nothing left to do. Returns the headline count per kind."""
    return apply_retention().totals()
