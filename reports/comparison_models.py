"""Rollup rows of comparison (wait-list) classes: their before/after pairs, kept apart from the programme's.

A comparison class answers the quiz and survey before and after at matched times
without the lessons (``schools.models.Arm``). Its pupils are in no programme
figure (``ProgressRollup``, ``ScaleRollup``); their pairs are here, one row per
rollup key and outcome, for the comparison of arms (``reports.arm_comparison``).
Written only by ``reports.rollups.refresh_rollups``, with the school's other rows.
"""

from __future__ import annotations

from django.db import models

from reports.models import ROLLUP_KEY, Rollup, RollupQuerySet
from reports.rollup_sums import PairedSums

KNOWLEDGE = "knowledge"


class ComparisonRollup(Rollup):
    """Matched pairs of in-evaluation pupils in comparison classes, for one outcome.

    ``outcome`` is ``KNOWLEDGE`` (the quiz, as a percentage of its maximum) or
    ``"<survey key>/<scale>"`` (a scale score, as in ``ScaleRollup``).
    """

    outcome = models.CharField(max_length=130)
    pairs = models.PositiveIntegerField(default=0)
    sum_pre = models.FloatField(default=0.0)
    sum_post = models.FloatField(default=0.0)
    sumsq_pre = models.FloatField(default=0.0)
    sumsq_post = models.FloatField(default=0.0)
    sum_diff = models.FloatField(default=0.0)
    sumsq_diff = models.FloatField(default=0.0)

    objects = RollupQuerySet.as_manager()

    summed_fields = ("pairs", "sum_pre", "sum_post", "sumsq_pre", "sumsq_post", "sum_diff", "sumsq_diff")

    class Meta:
        constraints = [models.UniqueConstraint(fields=[*ROLLUP_KEY, "outcome"], name="one_comparison_rollup_per_key")]

    def __str__(self) -> str:
        return f"Comparison {self.outcome} {self.school_id} {self.academic_year} term {self.term}"

    @property
    def change(self) -> PairedSums:
        return PairedSums(
            self.pairs, self.sum_pre, self.sum_post, self.sumsq_pre, self.sumsq_post, self.sum_diff, self.sumsq_diff
        )


def scale_outcome(survey_key: str, scale: str) -> str:
    return f"{survey_key}/{scale}"
