"""What pupils did: append-mostly event rows. Nothing holds a foreign key into them."""

from __future__ import annotations

from django.db import models


class Wave(models.TextChoices):
    PRE = "pre", "Before the module"
    POST = "post", "After the module"
    FOLLOW_UP = "follow_up", "Follow-up"


class LessonProgress(models.Model):
    """A pupil's place in one lesson of an assignment."""

    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="lesson_progress")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_position = models.PositiveSmallIntegerField(default=0, help_text="The slide the pupil reached.")
    completed_at = models.DateTimeField(null=True, blank=True)
    taught_in_class = models.BooleanField(default=False, help_text="Completed because a teacher taught it.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "assignment", "lesson"], name="one_lesson_progress_row")
        ]

    def __str__(self) -> str:
        return f"{self.pupil}: lesson {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted quiz. The client's idempotency key makes a resubmission return this row."""

    idempotency_key = models.UUIDField(unique=True)
    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="quiz_attempts")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz_version = models.ForeignKey("courses.QuizVersion", on_delete=models.PROTECT, related_name="attempts")
    wave = models.CharField(max_length=10, choices=Wave.choices, default=Wave.POST)
    number = models.PositiveSmallIntegerField(help_text="1 for the pupil's first attempt at this wave.")
    counts_for_evaluation = models.BooleanField(help_text="Only the first attempt counts; later ones are practice.")
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "assignment", "wave", "number"], name="one_attempt_number_per_wave"
            )
        ]
        indexes = [models.Index(fields=["assignment", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.pupil} {self.wave} #{self.number}: {self.score}/{self.max_score}"


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=50)
    selected = models.JSONField(default=list, help_text="The choice keys the pupil picked.")
    correct = models.BooleanField()
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question_key"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question_key}: {self.selected}"


class ActivityKind(models.TextChoices):
    KNOWLEDGE_CHECK = "knowledge_check", "Quick check"
    SCENARIO = "scenario", "Scenario choice"


class ActivityAnswer(models.Model):
    """A pupil's first answer to a knowledge check or scenario inside a lesson.

    The first answer is the one kept (it is what the pupil knew, or chose, before seeing the
    feedback); answering again shows feedback but changes nothing here.
    """

    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="activity_answers")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="activity_answers")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64, help_text="The lesson block (knowledge check or scenario) answered.")
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    choice = models.PositiveSmallIntegerField(help_text="The position of the choice picked, from 0.")
    correct = models.BooleanField(null=True, blank=True, help_text="For knowledge checks; empty for scenarios.")
    in_class = models.BooleanField(default=False, help_text="Answered during a live class lesson.")
    answered_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "assignment", "lesson", "block_id"], name="one_activity_answer_per_block"
            )
        ]
        indexes = [models.Index(fields=["assignment", "lesson", "block_id"])]

    def __str__(self) -> str:
        return f"{self.pupil}: {self.kind} {self.block_id} -> {self.choice}"
