"""Background roster imports: the status lives on the RosterImport row."""

from __future__ import annotations

import logging

from celery import shared_task

from accounts.models import User
from schools.models import RosterImport
from schools.services.roster import apply_roster_import, check_roster_import, mark_roster_import_failed

logger = logging.getLogger(__name__)


# Both tasks are safe to run again (see schools.roster_queue), so each message is acknowledged
# only once its task has finished, and handed back to the queue if the worker dies meanwhile.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def validate_roster_import(import_id: int) -> None:
    """Check an uploaded roster and store its problems or its preview. Safe to run twice."""
    roster_import = RosterImport.objects.select_related("school").filter(pk=import_id).first()
    if roster_import is None:
        return
    try:
        check_roster_import(roster_import=roster_import)
    except Exception:
        logger.exception("Checking roster import %s failed", import_id)
        mark_roster_import_failed(import_id=import_id)
        raise


@shared_task(acks_late=True, reject_on_worker_lost=True)
def apply_roster_import_task(import_id: int, user_id: int | None) -> None:
    """Import a confirmed roster. An import already done is left alone, so a retry is safe."""
    roster_import = RosterImport.objects.defer("content").filter(pk=import_id).first()
    if roster_import is None:
        return
    actor = User.objects.filter(pk=user_id).first() if user_id is not None else None
    try:
        apply_roster_import(roster_import=roster_import, actor=actor)
    except Exception:
        logger.exception("Roster import %s failed", import_id)
        mark_roster_import_failed(import_id=import_id)
        raise
