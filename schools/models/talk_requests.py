"""A pupil's request to talk to someone: it goes to their school's designated safeguarding lead alone."""

from __future__ import annotations

import uuid

from django.db import models

TALK_NOTE_MAX_LENGTH = 500


class TalkSource(models.TextChoices):
    """Where the pupil pressed "I'd like to talk to someone"."""

    HELP = "help", "The Get help page"
    LESSON = "lesson", "The end of a lesson"
    SURVEY = "survey", "The end of a survey"
    LIVE = "live", "A lesson taught in class"


class TalkRequestQuerySet(models.QuerySet):
    def for_dsl(self, user):
        """Requests of the schools whose safeguarding lead's account is ``user``; none for anyone else."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(school__dsl_user=user)

    def waiting(self):
        """Not yet opened by the safeguarding lead."""
        return self.filter(opened_at__isnull=True)


class TalkRequest(models.Model):
    """A pupil asked to talk to someone, with an optional short note.

    Only the school's safeguarding lead's account sees it, and who sent it; no teacher page,
    report or export reads it. Nothing reads the note automatically. Kept as long as
    questions passed to the safeguarding lead (``RETENTION_ANONYMOUS_QUESTIONS_DAYS``).
    """

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="talk_requests")
    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(max_length=TALK_NOTE_MAX_LENGTH, blank=True)
    source = models.CharField(max_length=10, choices=TalkSource.choices, default=TalkSource.HELP)
    key = models.UUIDField(default=uuid.uuid4, help_text="Sent with the form, so pressing twice sends one request.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    opened_at = models.DateTimeField(null=True, blank=True, help_text="When the safeguarding lead first opened it.")
    dsl_emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the safeguarding lead was emailed that a pupil asked (without who)."
    )

    objects = TalkRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["pupil", "key"], name="one_talk_request_per_key")]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self) -> str:
        return f"Request to talk {self.pk} at school {self.school_id}"
