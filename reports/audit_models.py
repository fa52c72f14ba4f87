"""The twice-yearly audit reports: each one frozen once published.

A report is built once for its half-year (``period_start`` to ``period_end``,
both inclusive) and kept as it was: the rendered HTML, the PDF and the figures
(``snapshot``) it was built from. Nothing rebuilds a published report; later
changes to the data show in later reports only.
"""

from __future__ import annotations

from django.db import models

from reports.private_storage import private_storage


class AuditReportStatus(models.TextChoices):
    BUILDING = "building", "Being built"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed (will be tried again)"


class AuditReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AuditReportStatus.PUBLISHED)


class AuditReport(models.Model):
    period_start = models.DateField()
    period_end = models.DateField(help_text="The last day of the half-year, inclusive.")
    status = models.CharField(max_length=10, choices=AuditReportStatus.choices, default=AuditReportStatus.BUILDING)
    built_at = models.DateTimeField(null=True, blank=True)
    html = models.TextField(blank=True, help_text="The report page as published (a whole HTML document).")
    pdf = models.FileField(storage=private_storage, upload_to="audit-reports/", max_length=200, blank=True)
    snapshot = models.JSONField(default=dict, blank=True, help_text="The figures the report was built from.")
    error = models.TextField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True, help_text="When commissioners were sent the link.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end"], name="one_audit_report_per_period"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="audit_report_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        start, end = self.period_start, self.period_end
        return f"Audit report {start.day} {start:%B %Y} to {end.day} {end:%B %Y}"

    @property
    def is_published(self) -> bool:
        return self.status == AuditReportStatus.PUBLISHED

    @property
    def pdf_name(self) -> str:
        return f"respect-online-audit-report-{self.period_start:%Y-%m-%d}-to-{self.period_end:%Y-%m-%d}.pdf"
