"""Exports built in the background: what was asked for, how far it got, and the file.

The status lives on the row (Celery results are ignored). The file is kept in
private storage and sent only to the person who asked for it, until
``expires_at``; after that the link answers 404 and the nightly clean-up
deletes the file.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from reports.private_storage import private_storage

DEFAULT_EXPORT_LINK_HOURS = 72
# An export waiting this long for the background worker is offered a "Try again" button.
STALE_QUEUE_AGE = datetime.timedelta(minutes=10)


def export_link_lifetime() -> datetime.timedelta:
    """How long a finished export can be downloaded: ``settings.EXPORT_LINK_HOURS`` (default 72)."""
    return datetime.timedelta(hours=int(getattr(settings, "EXPORT_LINK_HOURS", DEFAULT_EXPORT_LINK_HOURS)))


class ExportKind(models.TextChoices):
    EVALUATOR_RESPONSES = "evaluator_responses", "Pseudonymised responses (long format)"
    DASHBOARD_TABLES = "dashboard_tables", "Dashboard tables"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV files in a zip"
    XLSX = "xlsx", "Excel workbook (XLSX)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    # The broker (Redis) could not be reached when the export was asked for: nothing will build
    # it until someone presses "Try again".
    NOT_QUEUED = "not_queued", "Could not be queued"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready to download"
    FAILED = "failed", "Failed"


class ExportQuerySet(models.QuerySet):
    def requested_by(self, user):
        """The exports this user asked for: the only ones they may see or download."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)

    def expired(self, now: datetime.datetime | None = None):
        return self.filter(expires_at__lte=now or timezone.now())


class Export(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="report_exports"
    )
    kind = models.CharField(max_length=30, choices=ExportKind.choices)
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    filters = models.JSONField(default=dict, blank=True, help_text="What the export was limited to.")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_done = models.PositiveBigIntegerField(default=0)
    rows_total = models.PositiveBigIntegerField(default=0)
    file = models.FileField(storage=private_storage, upload_to="exports/%Y/%m/", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="The download link stops working then.")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times the task has started.")
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the build was last handed to the background worker."
    )

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"]), models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_format_display()}), {self.get_status_display().lower()}"

    @property
    def in_progress(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    def waiting_too_long(self, now: datetime.datetime | None = None) -> bool:
        """Queued for more than ``STALE_QUEUE_AGE`` without starting: the worker may be down."""
        since = self.queued_at or self.created_at
        return (
            self.status == ExportStatus.QUEUED
            and since is not None
            and (now or timezone.now()) - since > STALE_QUEUE_AGE
        )

    @property
    def can_try_again(self) -> bool:
        """Not queued, failed, or queued so long that the worker may have lost it."""
        return self.status in (ExportStatus.NOT_QUEUED, ExportStatus.FAILED) or self.waiting_too_long()

    @property
    def percent_done(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0

    def is_downloadable(self, now: datetime.datetime | None = None) -> bool:
        """Finished, with its file, and the link not yet expired."""
        return (
            self.status == ExportStatus.DONE
            and bool(self.file)
            and self.expires_at is not None
            and (now or timezone.now()) < self.expires_at
        )

    @property
    def download_name(self) -> str:
        """The file name offered to the browser (no names of people, only what and when)."""
        stamp = timezone.localtime(self.finished_at or self.created_at).strftime("%Y-%m-%d")
        suffix = "zip" if self.format == ExportFormat.CSV else "xlsx"
        return f"respect-online-{self.kind.replace('_', '-')}-{stamp}-{self.pk}.{suffix}"
