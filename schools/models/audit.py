from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace

from .append_only import AppendOnlyError, AppendOnlyQuerySet


class AuditAction(models.TextChoices):
    PUPIL_CREATED = "pupil_created", "Pupil added"
    ROSTER_IMPORTED = "roster_imported", "Roster imported"
    CODE_RESET = "code_reset", "Login code reset"
    CARDS_PRINTED = "cards_printed", "Login cards printed (codes reissued)"
    PUPIL_MOVED = "pupil_moved", "Pupil moved to another class"
    OPTED_OUT = "opted_out", "Parental opt-out recorded"
    WITHDRAWN = "withdrawn", "Withdrawal recorded"
    EVALUATION_RESTORED = "evaluation_restored", "Opt-out or withdrawal removed"
    CLASS_ARCHIVED = "class_archived", "Class archived"
    EXPORTED = "exported", "Pupil data exported"
    STAFF_INVITED = "staff_invited", "Staff invited"
    STAFF_JOINED = "staff_joined", "Staff joined"
    STAFF_REMOVED = "staff_removed", "Staff removed"
    PROGRESS_RESET = "progress_reset", "Lesson progress reset"
    FOLLOW_UP_OPENED = "follow_up_opened", "Follow-up survey dates set"
    SAFEGUARDING_LEAD_SET = "safeguarding_lead_set", "Safeguarding lead details changed"
    LESSON_TAUGHT = "lesson_taught", "Lesson recorded as taught (register)"
    REGISTER_CORRECTED = "register_corrected", "Register corrected"
    QUESTION_PASSED_TO_DSL = "question_passed_to_dsl", "Question passed to the safeguarding lead"
    QUESTION_IDENTITY_VIEWED = "question_identity_viewed", "Safeguarding lead saw who asked a question"
    PUPIL_DATA_VIEWED = "pupil_data_viewed", "Pupil-level data viewed"
    SUBJECT_ACCESS = "subject_access", "Pupil's data produced (rights request)"
    PUPIL_ERASED = "pupil_erased", "Pupil erased (rights request)"
    RETENTION_APPLIED = "retention_applied", "Retention rules applied"
    LOCKED_OUT = "locked_out", "Too many attempts: locked out for a while"
    YEAR_ROLLED_OVER = "year_rolled_over", "New academic year started"
    YEAR_ROLLOVER_UNDONE = "year_rollover_undone", "New academic year undone"
    JOIN_REQUESTED = "join_requested", "Asked to join as staff (school account sign-in)"
    JOIN_DECIDED = "join_decided", "Request to join as staff approved or declined"
    TALK_REQUESTED = "talk_requested", "A pupil asked to talk to the safeguarding lead"
    TALK_REQUEST_VIEWED = "talk_request_viewed", "Safeguarding lead opened a pupil's request to talk"


class AuditEventQuerySet(AppendOnlyQuerySet):
    def for_school(self, school):
        return self.filter(school=school)

    def about(self, target: models.Model):
        """The entries whose target is this object."""
        return self.filter(target_type=target._meta.label, target_id=str(target.pk))

    def redact_name(self, name: str, replacement: str) -> int:
        """Write ``replacement`` wherever ``name`` appears in these entries' summaries; returns how many.

        The one change made to past entries: when a pupil is erased their name must not
        outlive them in the log, while the record of what was done, by whom and when stays.
        """
        if not name.strip():
            return 0
        return (
            self._unguarded()
            .filter(summary__contains=name)
            .update(summary=Replace("summary", Value(name), Value(replacement)))
        )

    def purge_older_than(self, cutoff: datetime.datetime, *, batch_size: int = 1000) -> int:
        """Delete the entries made before ``cutoff``, in batches; returns how many.

        The only way entries leave the log: retention (``RETENTION_AUDIT_LOG_YEARS``).
        Newer entries are never touched, so running it twice deletes nothing more.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1.")
        old = self._unguarded().filter(created_at__lt=cutoff)
        deleted = 0
        while True:
            batch = list(old.order_by("pk").values_list("pk", flat=True)[:batch_size])
            removed = old.filter(pk__in=batch).delete()[0] if batch else 0
            if not removed:
                return deleted
            deleted += removed


class AuditEvent(models.Model):
    """A staff action on pupil or staff data. Append-only; school leads read their school's."""

    school = models.ForeignKey("schools.School", null=True, on_delete=models.PROTECT, related_name="audit_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    summary = models.CharField(max_length=300)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, help_text="Where the request came from.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.summary}"

    def save(self, *args, **kwargs) -> None:
        # An entry is written once; what it records must not change afterwards.
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only: a saved entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(
            "Audit events are append-only: entries leave the log only through the retention rules "
            "(AuditEvent.objects.purge_older_than)."
        )
