"""The retention run: deletes or anonymises what the retention periods make due, in batches.

Each batch is its own transaction, so a large backlog never holds locks for long and a run
that stops part-way keeps what it finished. Every step re-reads what is due, so running it
twice, or two runs at once, does no more than one run: a second run finds nothing left.
Pupils' identities are removed by ``schools.services.erasure.remove_identity``, the same
code as a school lead's erasure. Anonymous questions and exports are left to their own
apps' daily tasks. Each run is written to the audit log (RETENTION_APPLIED, no school) and
to the ``schools.retention`` logger, including a run that failed part-way.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from schools.models import AuditAction, AuditEvent, ImportStatus, Pupil
from schools.roster.rows import RosterProblem
from schools.services.audit import record_audit
from schools.services.erasure import notify_pupil_data_changed, remove_identity

from . import due, periods
from .periods import RetentionPeriod, retention_periods
from .periods import batch_size as configured_batch_size

logger = logging.getLogger("schools.retention")

# What the headline count of each kind counts (the dry run counts the same).
HEADLINE = {
    periods.PUPIL_IDENTITY: "pupils",
    periods.LEARNING_RECORDS: "pupils",
    periods.SURVEY_FREE_TEXT: "answers",
    periods.TALK_REQUESTS: "requests",
    periods.ROSTER_UPLOADS: "uploads",
    periods.AUDIT_LOG: "entries",
}
UPLOAD_EXPIRED = "This upload was not imported within {days} days, so the file was deleted. Upload it again."


@dataclass
class RetentionRun:
    """What one run did: per kind, named counts (the headline one first)."""

    now: datetime.datetime
    cutoffs: dict[str, datetime.datetime] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    school_ids: set[int] = field(default_factory=set)

    def total(self, kind: str) -> int:
        return self.counts.get(kind, Counter())[HEADLINE[kind]]

    def totals(self) -> dict[str, int]:
        return {kind: self.total(kind) for kind in HEADLINE}

    def as_detail(self) -> dict[str, Any]:
        return {
            "cutoffs": {kind: cutoff.isoformat() for kind, cutoff in self.cutoffs.items()},
            "counts": {kind: dict(counts) for kind, counts in self.counts.items()},
        }


def _in_batches(pending: Callable[[], QuerySet], size: int, act: Callable[[list[int]], int]) -> None:
    """Take up to ``size`` ids of what is still pending, act on them in one transaction, repeat.

    Stops when nothing is pending, or when a batch changes nothing (so rows that cannot be
    acted on never loop forever).
    """
    while True:
        ids = list(pending().order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        with transaction.atomic():
            if not act(ids):
                return


def _remove_identities(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    counts = run.counts[periods.PUPIL_IDENTITY]

    def act(ids: list[int]) -> int:
        # Locked and checked again: a pupil who joined a class since the ids were read stays.
        pupils = list(due.identities_due(cutoff).filter(pk__in=ids).select_for_update().order_by("pk"))
        for pupil in pupils:
            counts.update(remove_identity(pupil).counts())
            run.school_ids.add(pupil.school_id)
        counts["pupils"] += len(pupils)
        return len(pupils)

    _in_batches(lambda: due.identities_due(cutoff), size, act)


def _delete_learning_records(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    counts = run.counts[periods.LEARNING_RECORDS]

    def act(ids: list[int]) -> int:
        pupils = due.learning_records_due(cutoff).filter(pk__in=ids)
        run.school_ids.update(pupils.values_list("school_id", flat=True).distinct())
        _, per_model = pupils.delete()
        for label, deleted in per_model.items():
            counts[label] += deleted
        counts["pupils"] += per_model.get(Pupil._meta.label, 0)
        return per_model.get(Pupil._meta.label, 0)

    _in_batches(lambda: due.learning_records_due(cutoff), size, act)


def _delete_free_text(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    counts = run.counts[periods.SURVEY_FREE_TEXT]

    def act(ids: list[int]) -> int:
        deleted, _ = due.free_text_due(cutoff).filter(pk__in=ids).delete()
        counts["answers"] += deleted
        return deleted

    _in_batches(lambda: due.free_text_due(cutoff), size, act)


def _delete_talk_requests(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    counts = run.counts[periods.TALK_REQUESTS]

    def act(ids: list[int]) -> int:
        deleted, _ = due.talk_requests_due(cutoff).filter(pk__in=ids).delete()
        counts["requests"] += deleted
        return deleted

    _in_batches(lambda: due.talk_requests_due(cutoff), size, act)


def _expire_roster_uploads(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    counts = run.counts[periods.ROSTER_UPLOADS]
    problem = RosterProblem(None, "", UPLOAD_EXPIRED.format(days=period.value)).as_dict()

    def act(ids: list[int]) -> int:
        changed = (
            due.roster_uploads_due(cutoff)
            .filter(pk__in=ids)
            .update(
                status=ImportStatus.FAILED,
                content=b"",
                preview=[],
                errors=[problem],
                finished_at=run.now,
                updated_at=run.now,
            )
        )
        counts["uploads"] += changed
        return changed

    _in_batches(lambda: due.roster_uploads_due(cutoff), size, act)


def _purge_audit_log(run: RetentionRun, period: RetentionPeriod, size: int) -> None:
    cutoff = run.cutoffs[period.kind]
    run.counts[periods.AUDIT_LOG]["entries"] += AuditEvent.objects.purge_older_than(cutoff, batch_size=size)


STEPS: dict[str, Callable[[RetentionRun, RetentionPeriod, int], None]] = {
    periods.PUPIL_IDENTITY: _remove_identities,
    periods.LEARNING_RECORDS: _delete_learning_records,
    periods.SURVEY_FREE_TEXT: _delete_free_text,
    periods.TALK_REQUESTS: _delete_talk_requests,
    periods.ROSTER_UPLOADS: _expire_roster_uploads,
    periods.AUDIT_LOG: _purge_audit_log,
}


def apply_retention(*, now: datetime.datetime | None = None, actor: User | None = None) -> RetentionRun:
    """Apply every retention period that this app applies, as of ``now``; returns what was done.

    Raises ImproperlyConfigured, before changing anything, if a period is not set properly.
    """
    run = RetentionRun(now=now or timezone.now())
    size = configured_batch_size()
    applied = [period for period in retention_periods() if period.kind in STEPS]
    for period in applied:
        run.cutoffs[period.kind] = period.cutoff(run.now)
        run.counts[period.kind] = Counter({HEADLINE[period.kind]: 0})
    try:
        for period in applied:
            STEPS[period.kind](run, period, size)
    except Exception as error:
        logger.exception("Retention run stopped part-way; done so far: %s", run.totals())
        _record(run, actor=actor, error=f"{type(error).__name__}: {error}")
        raise
    _record(run, actor=actor)
    logger.info("Retention applied: %s", run.totals())
    return run


def _record(run: RetentionRun, *, actor: User | None, error: str = "") -> None:
    totals = run.totals()
    done = ", ".join(f"{count} {HEADLINE[kind]} ({kind.replace('_', ' ')})" for kind, count in totals.items() if count)
    summary = f"Retention applied: {done or 'nothing was due'}"
    if error:
        summary = f"Retention run stopped part-way. {summary}"
    detail = run.as_detail() | ({"error": error[:500]} if error else {})
    with transaction.atomic():
        record_audit(actor=actor, school=None, action=AuditAction.RETENTION_APPLIED, summary=summary, detail=detail)
        notify_pupil_data_changed(run.school_ids)
