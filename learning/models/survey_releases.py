"""The class survey summary as last released to the class's teachers, one row per assignment and wave."""

from __future__ import annotations

from django.db import models

from .events import Wave


class SurveySummaryRelease(models.Model):
    """What the teachers of one class see of one wave's survey answers, until the next batch is released.

    Holds only added-up counts (no pupil is named): the respondents counted, and for each
    Likert item the number of pupils who chose each point, or why the item is hidden. Written
    by ``learning.services.survey_releases``; see ``learning.survey_release`` for the rules.
    """

    assignment = models.ForeignKey("schools.Assignment", on_delete=models.CASCADE, related_name="survey_releases")
    wave = models.CharField(max_length=10, choices=Wave.choices)
    released_at = models.DateTimeField()
    last_submitted_at = models.DateTimeField(
        help_text="The newest response counted: later ones make up the next batch."
    )
    answered = models.PositiveIntegerField(help_text="Pupils who answered the survey at this wave, when released.")
    skipped = models.PositiveIntegerField(help_text="Pupils who skipped the survey at this wave, when released.")
    items = models.JSONField(
        default=list,
        help_text='Per Likert item: {"key", "text", "min", "max", "counts" (per point, or null), "hidden_because"}.',
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "wave"], name="one_survey_release_per_wave")]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.wave} survey summary released {self.released_at:%Y-%m-%d %H:%M}"
