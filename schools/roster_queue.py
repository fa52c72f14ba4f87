"""Handing roster imports to the background worker, and trying again when that did not work.

An upload or a confirmation always leaves its ``RosterImport`` row, whatever the
state of Redis and the worker. If the broker cannot be reached the job keeps its
status (waiting to be checked, or confirmed) with one problem saying it could
not be queued, and its page offers "Try again"; so does a job that has waited
more than ``STALE_AGE`` without a change (the worker may have been down and
lost it). Both tasks are safe to run twice: checking claims the job first, and
the import locks its row, runs in one transaction and leaves a finished import
alone, so a repeated press never imports twice.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from config.task_queue import enqueue
from schools.models import ImportStatus, RosterImport
from schools.roster.rows import RosterProblem
from schools.tasks.roster import apply_roster_import_task, validate_roster_import

STALE_AGE = datetime.timedelta(minutes=10)
NOT_QUEUED = "The background worker could not be reached, so this has not started yet. Nothing has been imported."
# The statuses in which a job waits for the worker: being checked, or confirmed and being imported.
WAITING = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING)


def _mark_not_queued(import_id: int, status: ImportStatus) -> None:
    RosterImport.objects.filter(pk=import_id, status=status).update(
        errors=[RosterProblem(None, "", NOT_QUEUED).as_dict()], updated_at=timezone.now()
    )


def queue_roster_check(*, import_id: int) -> bool:
    """Send an uploaded file to be checked; if the broker is down, say so on the job. True if sent."""
    if enqueue(validate_roster_import, import_id):
        return True
    _mark_not_queued(import_id, ImportStatus.QUEUED)
    return False


def queue_roster_apply(*, import_id: int, user_id: int | None) -> bool:
    """Send a confirmed import to be applied; if the broker is down, say so on the job. True if sent."""
    if enqueue(apply_roster_import_task, import_id, user_id):
        return True
    _mark_not_queued(import_id, ImportStatus.IMPORTING)
    return False


def not_queued(roster_import: RosterImport) -> bool:
    """Waiting, but the worker could not be reached when it was queued."""
    return roster_import.status in WAITING and any(
        problem.get("message") == NOT_QUEUED for problem in roster_import.errors or []
    )


def waiting_too_long(roster_import: RosterImport, now: datetime.datetime | None = None) -> bool:
    """Waiting with no change for more than ``STALE_AGE``: the worker may be down."""
    return roster_import.status in WAITING and (now or timezone.now()) - roster_import.updated_at > STALE_AGE


@transaction.atomic
def try_roster_import_again(*, roster_import: RosterImport, user: User) -> bool:
    """Queue again a job that could not be queued or has waited too long. False, queuing
    nothing, if it is in neither state (a second press, or the worker took it meanwhile)."""
    now = timezone.now()
    job = RosterImport.objects.select_for_update().defer("content").get(pk=roster_import.pk)
    if not (not_queued(job) or waiting_too_long(job, now)):
        return False
    RosterImport.objects.filter(pk=job.pk).update(errors=[], updated_at=now)
    if job.status == ImportStatus.IMPORTING:
        transaction.on_commit(partial(queue_roster_apply, import_id=job.pk, user_id=user.pk))
    else:
        transaction.on_commit(partial(queue_roster_check, import_id=job.pk))
    return True
