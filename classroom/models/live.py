"""A lesson taught live: the session pupils join, who was there, and the class's anonymous questions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from schools.models.scoping import ScopedQuerySet

if TYPE_CHECKING:
    from accounts.models import User

QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 2000


class LiveActivity(models.TextChoices):
    """Activities that are not a block of the lesson. A block is opened by its block id."""

    PRE_SURVEY = "pre_survey", "The survey before the module"
    PRE_QUIZ = "pre_quiz", "The quiz before the lessons"
    QUIZ = "quiz", "The module quiz"
    POST_SURVEY = "post_survey", "The survey after the module"


class LiveSessionQuerySet(ScopedQuerySet):
    def visible_to(self, user: User):
        """Sessions of the classes they can see."""
        from schools.models import SchoolClass

        return self.filter(school_class__in=SchoolClass.objects.visible_to(user).values("pk"))

    def open(self):
        return self.filter(ended_at__isnull=True)


class LiveSession(models.Model):
    """One lesson taught to one class, with pupils following on their own devices.

    ``revision`` goes up by one on every change pupils' devices must notice (an activity
    opened or closed, the end), so a device can ask cheaply whether anything changed.
    """

    school_class = models.ForeignKey("schools.SchoolClass", on_delete=models.CASCADE, related_name="live_sessions")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="live_sessions")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.PROTECT, related_name="+")
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    current_activity = models.CharField(
        max_length=64, blank=True, help_text="A lesson block id, or one of LiveActivity; empty when none is open."
    )
    activity_opened_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    lesson_recorded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the register last marked the lesson taught for the pupils present."
    )

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class"], condition=Q(ended_at__isnull=True), name="one_open_live_session_per_class"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} with {self.school_class_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class AttendanceSource(models.TextChoices):
    JOINED = "joined", "Joined on their device"
    TEACHER = "teacher", "Marked by the teacher"


class Attendance(models.Model):
    """A pupil on the register of a live session. The teacher's correction is final."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendance")
    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(null=True, blank=True, help_text="When the pupil joined on their device.")
    present = models.BooleanField(default=True)
    source = models.CharField(max_length=10, choices=AttendanceSource.choices, default=AttendanceSource.JOINED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "pupil"], name="one_register_row_per_pupil")]

    def __str__(self) -> str:
        return f"{self.pupil_id} {'present' if self.present else 'absent'} in {self.session_id}"


class LiveAnswer(models.Model):
    """A pupil's answer to a quick check or scenario in one teaching of a lesson.

    Each live lesson collects its own in-class answers, so a class taught a lesson again
    answers it afresh and its counts start from nothing. The pupil's first answer ever
    (``learning.ActivityAnswer``) is still the one that counts for the evaluation. The row
    hangs off the pupil's register row and goes with it.
    """

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="answers")
    block_id = models.CharField(max_length=64, help_text="The lesson block (quick check or scenario) answered.")
    choice = models.PositiveSmallIntegerField(help_text="The position of the choice picked, from 0.")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attendance", "block_id"], name="one_live_answer_per_block")]

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.block_id} -> {self.choice}"


class QuestionStatus(models.TextChoices):
    NEW = "new", "Not answered yet"
    ANSWERED_IN_CLASS = "answered_in_class", "Answered in class"
    ANSWERED_IN_WRITING = "answered_in_writing", "Answered in writing"
    HIDDEN = "hidden", "Hidden"


class AnonymousQuestionQuerySet(ScopedQuerySet):
    def visible_to(self, user: User):
        """Questions of the classes they can see (never who asked: see the DSL's page)."""
        from schools.models import SchoolClass

        return self.filter(school_class__in=SchoolClass.objects.visible_to(user).values("pk"))

    def answered_in_writing(self):
        return self.filter(status=QuestionStatus.ANSWERED_IN_WRITING)

    def passed_to_dsl(self):
        return self.filter(passed_to_dsl_at__isnull=False)

    def waiting_for_dsl(self):
        """Passed to the safeguarding lead, who has not opened them yet."""
        return self.passed_to_dsl().filter(dsl_opened_at__isnull=True)


class AnonymousQuestion(models.Model):
    """A question a pupil asked their class's teacher without their name.

    ``pupil`` is kept only so that the school's designated safeguarding lead can find who
    asked, when a teacher passes the question on because of a worry about someone's
    safety. No teacher page and no report ever shows it. Answering in writing, the teacher
    first edits the question as the class will read it (``shown_text``), taking out names
    and anything else that could identify someone; pupils only ever read that.
    """

    school_class = models.ForeignKey("schools.SchoolClass", on_delete=models.CASCADE, related_name="questions")
    session = models.ForeignKey(LiveSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=QUESTION_MAX_LENGTH, help_text="What the pupil wrote, kept for the DSL.")
    shown_text = models.TextField(
        max_length=QUESTION_MAX_LENGTH,
        blank=True,
        help_text="The question as the class reads it, once the teacher removed anything that could identify someone.",
    )
    status = models.CharField(max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW)
    answer = models.TextField(max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passed_to_dsl_at = models.DateTimeField(null=True, blank=True)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dsl_opened_at = models.DateTimeField(
        null=True, blank=True, help_text="When the safeguarding lead first opened the question passed to them."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AnonymousQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school_class", "status"])]

    def __str__(self) -> str:
        return f"Question {self.pk} in class {self.school_class_id}"

    @property
    def passed_to_dsl(self) -> bool:
        return self.passed_to_dsl_at is not None

    @property
    def text_for_staff(self) -> str:
        """What teachers' pages show: the edited question once it was answered in writing, else what was asked.

        Once a teacher has edited a question for the class, the pupil's own words stay only
        for the safeguarding lead's page.
        """
        return self.shown_text or self.text
