"""Resetting a pupil's lesson progress: a staff action, always with a reason, always audited."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from learning.models import LessonProgress
from schools.models import Assignment, AuditAction, Pupil
from schools.services.audit import record_audit

from .progress import locked_progress, recompute_progress

REASON_MIN_LENGTH = 10
REASON_MAX_LENGTH = 300


@transaction.atomic
def reset_lesson_progress(*, pupil: Pupil, assignment: Assignment, actor: User, reason: str) -> int:
    """Delete the pupil's lesson progress in the assignment, recompute the summary and audit it.

    Quiz attempts and survey responses are evaluation data and are never deleted here:
    the pupil's scores stay, only the lessons start again. The deletion, the summary
    and the audit entry are one transaction. Returns how many lesson rows were deleted.

    Raises ValueError when the reason is missing, too short or too long.
    """
    reason = reason.strip()
    if not REASON_MIN_LENGTH <= len(reason) <= REASON_MAX_LENGTH:
        raise ValueError(f"A reason of {REASON_MIN_LENGTH} to {REASON_MAX_LENGTH} characters is required.")
    progress = locked_progress(pupil=pupil, assignment=assignment)
    deleted, _ = LessonProgress.objects.filter(pupil=pupil, assignment=assignment).delete()
    recompute_progress(progress)
    record_audit(
        actor=actor,
        school=assignment.school_class.school,
        action=AuditAction.PROGRESS_RESET,
        summary=f"Lesson progress of {pupil.display_name} in {assignment.module.title} reset",
        target=pupil,
        detail={"reason": reason, "assignment": assignment.pk, "lessons_deleted": deleted},
    )
    return deleted
