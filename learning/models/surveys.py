"""Pupils' survey answers, by wave, and the follow-up windows teachers open."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from .events import Wave


class SurveyResponse(models.Model):
    """One pupil's answers to the module survey at one wave. The client's key makes a resubmission return it."""

    idempotency_key = models.UUIDField(unique=True)
    pupil = models.ForeignKey("schools.Pupil", on_delete=models.CASCADE, related_name="survey_responses")
    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="survey_responses")
    survey_version = models.ForeignKey("courses.SurveyVersion", on_delete=models.PROTECT, related_name="responses")
    wave = models.CharField(max_length=10, choices=Wave.choices)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    skipped = models.BooleanField(default=False, help_text="The pupil chose to skip the whole survey.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "assignment", "wave"], name="one_survey_response_per_wave")
        ]

    def __str__(self) -> str:
        return f"{self.pupil} {self.wave} survey"


class SurveyAnswer(models.Model):
    """One item's raw answer. Reverse scoring and subscales are applied by the reports, never here."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item_key = models.CharField(max_length=50)
    value = models.SmallIntegerField(null=True, blank=True, help_text="The Likert point chosen, as given.")
    text = models.TextField(blank=True, help_text="Only for free-text items.")
    skipped = models.BooleanField(default=False, help_text="Shown to the pupil and left out.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item_key"], name="one_answer_per_survey_item")]

    def __str__(self) -> str:
        return f"{self.item_key}: {'skipped' if self.skipped else self.value if self.value is not None else '(text)'}"


class FollowUpWindow(models.Model):
    """Dates between which the pupils of an assignment may answer the follow-up survey."""

    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="follow_up_windows")
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="follow_up_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"Follow-up {self.opens_on} to {self.closes_on}"

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on
