"""The counts last shown of every published cell, kept for the next night's time rule (``reports.publication``)."""

from __future__ import annotations

from django.db import models


class ShownCounts(models.Model):
    """What one nightly publication showed: per measure, each cell's count as last shown.

    ``counts`` is ``{measure: [[*cell key, count], ...]}`` with cell keys as in
    ``reports.disclosure_cube``. Only counts a page showed, or showed before and has hidden since,
    are kept: they are what a reader comparing two nights already knows.
    """

    refresh = models.OneToOneField("reports.RollupRefresh", on_delete=models.CASCADE, related_name="shown_counts")
    counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Counts shown by refresh {self.refresh_id}"
