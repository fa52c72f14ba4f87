"""Per-pupil summaries, updated in the same transaction as the events that change them."""

from __future__ import annotations

from django.db import models


class ModuleProgress(models.Model):
    """One pupil's progress through one assignment. Reports read this, never the answer rows."""

    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="module_progress")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="progress")
    lessons_done = models.PositiveSmallIntegerField(default=0)
    lessons_total = models.PositiveSmallIntegerField(default=0)
    first_activity_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    pre_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The quiz score before the first lesson (knowledge baseline)."
    )
    pre_max_score = models.PositiveSmallIntegerField(null=True, blank=True)
    quiz_attempts = models.PositiveSmallIntegerField(default=0)
    first_score = models.PositiveSmallIntegerField(null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False, help_text="Any end-of-module attempt met the pass mark.")
    first_passed = models.BooleanField(
        default=False, help_text="The first end-of-module attempt met the pass mark: the pass rate as an outcome."
    )
    pre_survey_done = models.BooleanField(default=False)
    post_survey_done = models.BooleanField(default=False)
    lesson_states = models.TextField(
        blank=True,
        default="",
        help_text="Each lesson's state in the module's order, for the class grid (learning.lesson_states).",
    )

    # When each wave was first answered, and when the lessons began: what makes a pair valid
    # (``learning.pair_order``). Empty when not (yet) answered; a skipped survey is not an answer.
    first_lesson_at = models.DateTimeField(
        null=True, blank=True, help_text="When the pupil first opened a lesson, answered in one or was taught one."
    )
    pre_quiz_at = models.DateTimeField(null=True, blank=True, help_text="The quiz before the lessons, submitted.")
    post_quiz_at = models.DateTimeField(null=True, blank=True, help_text="The first end-of-module quiz, submitted.")
    pre_survey_at = models.DateTimeField(null=True, blank=True, help_text="The survey before the lessons, answered.")
    post_survey_at = models.DateTimeField(null=True, blank=True, help_text="The survey after the lessons, answered.")
    follow_up_at = models.DateTimeField(null=True, blank=True, help_text="The follow-up survey, answered.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "assignment"], name="one_progress_per_pupil_assignment")
        ]
        indexes = [
            models.Index(fields=["assignment", "completed_at"]),
            # Finds the summaries changed since the last rollup refresh.
            models.Index(fields=["last_activity_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.assignment}: {self.percent}%"

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons_total else 0

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None
