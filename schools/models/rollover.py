"""The new academic year: one roll-over per school and year, kept so it can be undone for a while."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# How long a roll-over can be undone.
UNDO_PERIOD = timedelta(days=14)


class YearRollover(models.Model):
    """A school moving from one academic year to the next: year groups up, leavers left,
    classes archived or carried over. ``changes`` lists what it changed, for undoing it."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="rollovers")
    from_year = models.PositiveSmallIntegerField(help_text="The academic year that ended, e.g. 2025.")
    to_year = models.PositiveSmallIntegerField(help_text="The academic year that starts, e.g. 2026.")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(default=dict, blank=True, help_text="What it did, in numbers.")
    changes = models.JSONField(default=dict, blank=True, help_text="The ids of what it changed, for undoing it.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "to_year"], condition=Q(undone_at__isnull=True), name="one_rollover_per_school_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} into {self.to_year} to {self.to_year + 1}"

    @property
    def undo_until(self):
        return self.started_at + UNDO_PERIOD

    @property
    def can_be_undone(self) -> bool:
        return self.undone_at is None and timezone.now() < self.undo_until
