"""The stored suppression pattern of one rollup refresh: which cells of the linked table set are hidden.

Worked out once per refresh for every figure any commissioner page, export or the transparency
page can show (``reports.published_pattern``), so every page reads the same pattern and none can
undo another's suppression. Only hidden cells are stored, one row per cell with the measures
hidden in it; a page reads the rows of its own cells in one query.
"""

from __future__ import annotations

from django.db import models


class SuppressionPattern(models.Model):
    """One pattern per refresh (``refresh`` None: rollup rows with no refresh recorded, not kept)."""

    refresh = models.OneToOneField(
        "reports.RollupRefresh", on_delete=models.CASCADE, related_name="pattern", null=True, blank=True
    )
    threshold = models.PositiveSmallIntegerField()
    built_at = models.DateTimeField()
    cells = models.PositiveIntegerField(default=0, help_text="Cells in the linked set, every measure.")
    hidden = models.PositiveIntegerField(default=0, help_text="Hidden cells, every measure.")
    audited_groups = models.PositiveIntegerField(default=0, help_text="Groups of linked hidden cells audited exactly.")
    linear_only_groups = models.PositiveIntegerField(default=0, help_text="Groups too large for the exact audit.")

    def __str__(self) -> str:
        return f"Suppression pattern of refresh {self.refresh_id} ({self.hidden} of {self.cells} hidden)"


class HiddenCell(models.Model):
    """One cell with something hidden: ``(kind, area, academic_year, term, module, year_group, gender)`` as in
    ``reports.disclosure_cube`` (0 for "all", gender "*" for every gender), and the hidden measures."""

    pattern = models.ForeignKey(SuppressionPattern, on_delete=models.CASCADE, related_name="cells_hidden")
    kind = models.CharField(max_length=12)
    area = models.CharField(max_length=80)
    academic_year = models.PositiveSmallIntegerField()
    term = models.PositiveSmallIntegerField()
    module = models.PositiveIntegerField()
    year_group = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=10)
    measures = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["pattern", "module", "year_group", "kind"], name="hidden_cell_page")]

    def __str__(self) -> str:
        return f"{self.kind} {self.area} {self.academic_year}/{self.term} m{self.module} y{self.year_group}"
