"""Erasing a pupil (UK GDPR Article 17), and the identity removal that retention reuses.

The rule, as applied by ``erase_pupil``, in one transaction:

1. Identity removed. The pupil's first name and surname become "Erased" and "pupil"; the
   sign-in code's hash is replaced by a random value that no code can match, so the pupil can
   never sign in again; the UPN hash and gender are cleared; ``erased_at`` is set. Every class
   membership is ended, so the pupil leaves every class list, register and progress grid, and
   any session they have open ends at their next page.
2. Free text and identifying records deleted, always: the pupil's free-text survey answers,
   the questions they asked through the anonymous question box (with any written answers),
   their requests to talk to the safeguarding lead, and their attendance rows on live-lesson
   registers.
3. Evaluation records. If the pupil is in the evaluation (no parental opt-out, no
   withdrawal), their quiz attempts and answers, survey responses and Likert answers,
   lesson activity answers, lesson progress and module progress are kept, anonymised: they
   are linked only to the pupil row, which now holds nothing but the school, the year group
   and the random research key. If the pupil was opted out or had withdrawn, these learning
   records are deleted too.
4. The audit log keeps the record of what staff did, by whom and when, but the pupil's name
   is replaced by "pupil #<id>" in the summaries of the entries about the pupil. The erasure
   itself is logged (PUPIL_ERASED) with the reason, the person who acted, the address the
   request came from and the counts, and never the pupil's name.
5. Published audit reports are never changed: each is a frozen record of its half-year.
   The commissioner rollups are rebuilt by the next nightly refresh, so later figures no
   longer count what was deleted; never at once, which would show the pupil's answers as the
   difference between the figures before and after (``PUPIL_DATA_CHANGED_TASKS``).

Erasing a pupil who is already erased changes nothing and says so
(``ErasureResult.already_erased``). An erased pupil cannot be found again: an opt-out
that should also remove their evaluation records must be recorded before the erasure.
If the school imports the pupil again, they start as a new pupil with nothing of the old.

Retention (``schools.retention``) removes identities with the same ``remove_identity``.

A pupil's records live in the apps built on schools (learning, classroom). They are named
here by model label and reached through the app registry, so the import graph stays
one-way; ``unclassified_pupil_relations`` lists any model holding a pupil that this module
does not yet account for (a test keeps it empty).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.models import User
from schools.models import AuditAction, AuditEvent, ClassMembership, Gender, Pupil, TalkRequest

from .audit import record_audit

logger = logging.getLogger(__name__)

ERASED_FIRST_NAME = "Erased"
ERASED_LAST_NAME = "pupil"
# Stored in place of the code's hash. An HMAC hex digest never contains "-", so no code matches.
UNUSABLE_CODE_PREFIX = "erased-"
REASON_MAX_LENGTH = 1000

# Deleted whatever the pupil's evaluation status: free text and who-was-where.
IDENTIFYING_RECORDS = ("classroom.AnonymousQuestion", "classroom.Attendance")
FREE_TEXT_ANSWERS = "learning.SurveyAnswer"
# Kept, anonymised, for pupils in the evaluation; deleted (with their answer rows) otherwise.
LEARNING_RECORDS = (
    "learning.QuizAttempt",
    "learning.SurveyResponse",
    "learning.ActivityAnswer",
    "learning.LessonProgress",
    "learning.ModuleProgress",
)
# What identity removal changes on the pupil's own row.
IDENTITY_FIELDS = [
    "first_name",
    "last_name",
    "login_code_digest",
    "login_code_changed_at",
    "upn_digest",
    "gender",
    "erased_at",
]
# Every model with a foreign key to Pupil, by how this module treats it.
PUPIL_RELATIONS = frozenset({"schools.ClassMembership", "schools.TalkRequest", *IDENTIFYING_RECORDS, *LEARNING_RECORDS})


class ErasureError(ValueError):
    """The erasure was refused (nothing changed); the message says why."""


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure (or an identity removal by retention) changed. Counts are of rows."""

    reference: str
    already_erased: bool = False
    in_evaluation: bool = False
    class_memberships_ended: int = 0
    free_text_answers_deleted: int = 0
    questions_deleted: int = 0
    talk_requests_deleted: int = 0
    attendance_records_deleted: int = 0
    quiz_attempts_deleted: int = 0
    survey_responses_deleted: int = 0
    activity_answers_deleted: int = 0
    lesson_progress_deleted: int = 0
    module_progress_deleted: int = 0
    evaluation_records_kept: int = 0
    audit_entries_redacted: int = 0

    def counts(self) -> dict[str, int]:
        """The counts alone, by name (for the audit log and retention totals)."""
        return {
            name: value
            for name, value in asdict(self).items()
            if isinstance(value, int) and not isinstance(value, bool)
        }


def pupil_reference(pupil: Pupil) -> str:
    """How logs name a pupil without their name. The id links to nothing outside this site."""
    return f"pupil #{pupil.pk}"


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def unclassified_pupil_relations() -> list[str]:
    """Models holding a foreign key to Pupil that the erasure rule does not account for."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and getattr(field, "related_model", None) is Pupil:
                found.add(model._meta.label)
    return sorted(found - PUPIL_RELATIONS)


def _deleted(queryset: models.QuerySet) -> int:
    """Delete and return how many rows of the queryset's own model went (not cascaded ones)."""
    _, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def remove_identity(pupil: Pupil) -> ErasureResult:
    """Apply steps 1 to 4 of the rule (see the module docstring) to one pupil; returns the counts.

    Call inside a transaction, with the pupil's row locked and not yet erased. No audit
    entry of the erasure itself and no rollup refresh: the caller does those.
    """
    now = timezone.now()
    reference = pupil_reference(pupil)
    in_evaluation = pupil.in_evaluation
    name = pupil.display_name
    memberships_ended = ClassMembership.objects.current().filter(pupil=pupil).update(removed_at=now)
    free_text = _deleted(_model(FREE_TEXT_ANSWERS)._default_manager.filter(response__pupil=pupil).exclude(text=""))
    questions = _deleted(_model("classroom.AnonymousQuestion")._default_manager.filter(pupil=pupil))
    attendance = _deleted(_model("classroom.Attendance")._default_manager.filter(pupil=pupil))
    talk_requests = _deleted(TalkRequest.objects.filter(pupil=pupil))
    learning: dict[str, int] = dict.fromkeys(LEARNING_RECORDS, 0)
    kept = 0
    for label in LEARNING_RECORDS:
        records = _model(label)._default_manager.filter(pupil=pupil)
        if in_evaluation:
            kept += records.count()
        else:
            learning[label] = _deleted(records)
    redacted = AuditEvent.objects.about(pupil).redact_name(name, reference)

    pupil.first_name = ERASED_FIRST_NAME
    pupil.last_name = ERASED_LAST_NAME
    pupil.login_code_digest = UNUSABLE_CODE_PREFIX + secrets.token_hex(24)
    pupil.login_code_changed_at = now
    pupil.upn_digest = ""
    pupil.gender = Gender.NOT_RECORDED
    pupil.erased_at = now
    pupil.save(update_fields=IDENTITY_FIELDS)
    return ErasureResult(
        reference=reference,
        in_evaluation=in_evaluation,
        class_memberships_ended=memberships_ended,
        free_text_answers_deleted=free_text,
        questions_deleted=questions,
        talk_requests_deleted=talk_requests,
        attendance_records_deleted=attendance,
        quiz_attempts_deleted=learning["learning.QuizAttempt"],
        survey_responses_deleted=learning["learning.SurveyResponse"],
        activity_answers_deleted=learning["learning.ActivityAnswer"],
        lesson_progress_deleted=learning["learning.LessonProgress"],
        module_progress_deleted=learning["learning.ModuleProgress"],
        evaluation_records_kept=kept,
        audit_entries_redacted=redacted,
    )


def notify_pupil_data_changed(school_ids: Iterable[int]) -> None:
    """After the current transaction commits, run each ``PUPIL_DATA_CHANGED_TASKS`` task per school.

    The data is already changed and committed by then, so a task that cannot be queued
    (no broker) or fails when run in-process is logged, not raised: the nightly full
    rollup refresh puts the figures right.
    """
    ids = sorted(set(school_ids))
    if not ids:
        return

    def run() -> None:
        for path in getattr(settings, "PUPIL_DATA_CHANGED_TASKS", ()):
            for school_id in ids:
                try:
                    import_string(path).delay(school_id)
                except Exception:
                    logger.exception("Could not run %s for school %s after pupil data changed", path, school_id)

    transaction.on_commit(run)


@transaction.atomic
def erase_pupil(pupil: Pupil, *, actor: User | None, reason: str, ip_address: str | None = None) -> ErasureResult:
    """Erase a pupil by the rule in the module docstring; returns what changed.

    ``reason`` (required, at most 1,000 characters) says why, for instance which request
    it answers; it goes in the audit log with ``actor`` and ``ip_address``. An erased
    pupil is left as they are and the result says ``already_erased``. The ``pupil``
    passed in is updated to its erased state.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ErasureError("Give the reason for erasing the pupil, for example the request it answers.")
    if len(reason) > REASON_MAX_LENGTH:
        raise ErasureError(f"Keep the reason to {REASON_MAX_LENGTH:,} characters or fewer.")
    locked = Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
    if locked is None:
        raise ErasureError("This pupil no longer exists.")
    if locked.erased_at is not None:
        return ErasureResult(reference=pupil_reference(locked), already_erased=True)

    result = remove_identity(locked)
    record_audit(
        actor=actor,
        school=locked.school,
        action=AuditAction.PUPIL_ERASED,
        summary=f"Erased {result.reference}: identity removed"
        + (", evaluation records kept anonymised" if result.in_evaluation else ", learning records deleted"),
        target=locked,
        detail={"reason": reason, "in_evaluation": result.in_evaluation, **result.counts()},
        ip_address=ip_address,
    )
    logger.info("Erased %s of school %s: %s", result.reference, locked.school_id, result.counts())
    notify_pupil_data_changed([locked.school_id])
    for field in IDENTITY_FIELDS:
        setattr(pupil, field, getattr(locked, field))
    return result
