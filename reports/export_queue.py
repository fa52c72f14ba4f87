"""Handing exports to the background worker, and trying again when that did not work.

A request always leaves an ``Export`` row, whatever the state of Redis and the
worker: if the broker cannot be reached the row is marked "could not be queued"
(``NOT_QUEUED``) and its page offers "Try again". The same button appears on a
failed export and on one that has waited more than ``STALE_QUEUE_AGE`` without
starting (the worker may have been down and lost it). Pressing it twice, or
two tasks for one export, still makes one file: only the request that moves
the row back to QUEUED queues it, and the build leaves a finished export alone.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from config.task_queue import enqueue
from reports.export_models import STALE_QUEUE_AGE, Export, ExportStatus
from reports.exports import describe_export
from reports.tasks import build_export_task
from schools.models import AuditAction
from schools.services.audit import record_audit

NOT_QUEUED_ERROR = "The background worker could not be reached, so the export was not started."


def queue_export(*, export_id: int) -> bool:
    """Send a queued export to the worker; if the broker is down, mark it NOT_QUEUED. True if sent.

    Call it after the export's row is committed (``transaction.on_commit``).
    """
    if enqueue(build_export_task, export_id):
        return True
    Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.NOT_QUEUED, error=NOT_QUEUED_ERROR
    )
    return False


@transaction.atomic
def try_export_again(*, export: Export, user: User) -> bool:
    """Queue again an export that was not queued, failed, or has waited too long; audit it.

    Returns False, queuing nothing, when the export is in none of those states (a second
    press of the button, or the export started or finished meanwhile).
    """
    now = timezone.now()
    stale = now - STALE_QUEUE_AGE
    retryable = Q(status__in=[ExportStatus.NOT_QUEUED, ExportStatus.FAILED]) | Q(
        Q(queued_at__lt=stale) | Q(queued_at__isnull=True, created_at__lt=stale), status=ExportStatus.QUEUED
    )
    claimed = Export.objects.filter(retryable, pk=export.pk).update(
        status=ExportStatus.QUEUED, queued_at=now, finished_at=None, error=""
    )
    if not claimed:
        return False
    record_audit(
        actor=user,
        school=None,
        action=AuditAction.EXPORTED,
        summary=f"Asked again for the {describe_export(export)}",
        target=export,
        detail={"kind": export.kind, "format": export.format, "filters": export.filters, "event": "retried"},
    )
    transaction.on_commit(partial(queue_export, export_id=export.pk))
    return True
