"""Background rollup refreshes, exports and the audit report. Each one's record is a row
(RollupRefresh, Export, AuditReport); Celery's results are not used.

Every task rebuilds from the current data, so running one twice, or two at once
(each school is rebuilt under a lock on its row), leaves the same rows.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import transaction

from reports.audit_publish import build_due_audit_report, email_audit_report
from reports.exports import build_export, delete_expired_exports, mark_export_failed, mark_export_retrying
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups

logger = logging.getLogger(__name__)


# The rollups are what commissioner pages, their exports and the transparency page show, so they
# are rebuilt (published) once a night and at no other time: a refresh during the day, after a few
# pupils answered or one pupil's data was erased, would show those pupils' answers as the difference
# from the figures before it (``reports.publication``).
@shared_task(acks_late=True)
def refresh_rollups_task() -> int:
    """Rebuild every school's rollups (nightly), and their suppression pattern: the figures published until the
    next night. Returns the RollupRefresh id."""
    refresh = refresh_rollups()
    store_pattern(refresh)
    return refresh.pk


# --- Exports and the audit report -------------------------------------------------------------------

EXPORT_MAX_RETRIES = 3


def export_retry_delay(retries: int) -> int:
    """Seconds before the next attempt: 1, 2, then 4 minutes."""
    return 60 * 2**retries


def _can_retry_later(task) -> bool:
    # Run in-process with errors propagating (no broker: the demo and the tests), a retry
    # would only raise Retry into the caller, so the task gives up at once instead.
    return not (task.request.is_eager and task.app.conf.task_eager_propagates)


# Acknowledged once done, and handed back to the queue if the worker dies mid-build: a rerun
# writes a fresh partial file and only one run can mark the export done.
@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=EXPORT_MAX_RETRIES)
def build_export_task(self, export_id: int) -> None:
    """Build one export. A finished export is left alone, so a redelivered or repeated task is harmless.

    A failure is retried with backoff; after the last attempt the export is marked failed
    (and logged) rather than raised, since its status lives on the row.
    """
    try:
        build_export(export_id=export_id)
    except Exception as error:
        if _can_retry_later(self) and self.request.retries < self.max_retries:
            mark_export_retrying(export_id=export_id, error=error)
            raise self.retry(exc=error, countdown=export_retry_delay(self.request.retries)) from error
        logger.exception("Export %s failed after %s attempts", export_id, self.request.retries + 1)
        mark_export_failed(export_id=export_id, error=error)


@shared_task
def delete_expired_exports_task() -> int:
    """Delete the files of exports whose links have expired (daily). Returns how many."""
    return delete_expired_exports()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=300, max_retries=5)
def build_audit_report_task(today: str | None = None) -> int | None:
    """Build the audit report of the latest half-year that has ended, if it is not published yet.

    Run daily: on a due day (``AUDIT_REPORT_DATES``) it builds the new report, and if
    that run failed the next days try again; once published it does nothing. The
    unique period makes it idempotent. Returns the report id. ``today`` (ISO date)
    is for running it by hand for another day.
    """
    day = datetime.date.fromisoformat(today) if today else None
    report, published_now = build_due_audit_report(today=day)
    if published_now:
        transaction.on_commit(lambda: email_audit_report_task.delay(report.pk))
    return report.pk


# A failed send (SMTP errors are OSErrors) is retried; the report records when it was sent.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_audit_report_task(report_id: int) -> int:
    """Email commissioners the link to a newly published report, once."""
    return email_audit_report(report_id=report_id)
