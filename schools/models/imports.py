"""Background import jobs: their status lives in the database, not in Celery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from .scoping import ScopedQuerySet, led_school_ids

if TYPE_CHECKING:
    from accounts.models import User


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    VALIDATING = "validating", "Checking the file"
    VALID = "valid", "Ready to import"
    INVALID = "invalid", "The file has problems"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed"


class RosterFormat(models.TextChoices):
    CLASS_LIST = "csv", "Pupil list (CSV)"
    ONEROSTER = "oneroster", "OneRoster 1.1 export (zip)"


class RosterImportQuerySet(ScopedQuerySet):
    def visible_to(self, user: User):
        """Imports for classes they can see, and school-wide ones of schools they lead."""
        from .classes import SchoolClass

        classes = SchoolClass.objects.visible_to(user).values("pk")
        return self.filter(Q(school_class__in=classes) | Q(school_class__isnull=True, school__in=led_school_ids(user)))


class RosterImport(models.Model):
    """One uploaded roster CSV: validated, previewed, then imported all-or-nothing."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="roster_imports")
    school_class = models.ForeignKey(
        "schools.SchoolClass", null=True, blank=True, on_delete=models.CASCADE, related_name="roster_imports"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=12, choices=RosterFormat.choices, default=RosterFormat.CLASS_LIST)
    content = models.BinaryField(help_text="The uploaded bytes; cleared once the import has finished.")
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    possible_matches = models.JSONField(
        default=list, blank=True, help_text="Rows that may be pupils already on the system, with who they may be."
    )
    summary = models.JSONField(default=dict, blank=True, help_text="A OneRoster export's classes and teachers.")
    answers = models.JSONField(
        default=dict, blank=True, help_text="For each possible match (by row): a pupil's id, or “new”."
    )
    created_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def new_count(self) -> int:
        """Rows that are certainly new pupils (possible matches are counted apart)."""
        return self.total_rows - self.existing_count - len(self.possible_matches)

    @property
    def percent_done(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class GiasImport(models.Model):
    """One run of the GIAS establishment extract import."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    la_codes = models.JSONField(default=list, blank=True, help_text="Only import these LA codes (empty: all).")
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "GIAS import"

    def __str__(self) -> str:
        return f"GIAS import {self.filename} ({self.get_status_display()})"
