"""Building, storing and announcing the twice-yearly audit report.

``build_audit_report`` is idempotent: the period is unique, a published
report is returned untouched, and a report that failed half-way is built
again from the start. The HTML (a whole printable document), the PDF made
from it with WeasyPrint and the snapshot are stored together in one step,
after which nothing changes them.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import get_connection, send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from reports.audit_models import AuditReport, AuditReportStatus
from reports.audit_periods import Period, latest_ended_period
from reports.audit_report import collect_snapshot, report_figures

logger = logging.getLogger(__name__)

ERROR_LENGTH = 2000


def render_report_html(*, snapshot: dict, built_at: datetime.datetime) -> str:
    """The report as a standalone HTML document (its stylesheet inside, so it needs nothing else)."""
    return render_to_string(
        "reports/audit/report.html",
        {
            "figures": report_figures(snapshot),
            "built_at": built_at,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document, by WeasyPrint. Nothing is fetched: the document is self-contained."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def build_audit_report(*, period: Period, now: datetime.datetime | None = None) -> tuple[AuditReport, bool]:
    """Build and store the report for ``period`` unless it is published already.

    Returns the report and whether this call published it (and so should announce it).
    """
    # The unique period makes two workers share one row (get_or_create reads it again on a clash).
    report, _ = AuditReport.objects.get_or_create(period_start=period.start, period_end=period.end)
    if report.is_published:
        return report, False
    built_at = now or timezone.now()
    try:
        snapshot = collect_snapshot(period)
        html = render_report_html(snapshot=snapshot, built_at=built_at)
        pdf = render_pdf(html)
    except Exception as error:
        AuditReport.objects.filter(pk=report.pk).exclude(status=AuditReportStatus.PUBLISHED).update(
            status=AuditReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        )
        raise
    with transaction.atomic():
        report = AuditReport.objects.select_for_update().get(pk=report.pk)
        if report.is_published:
            return report, False
        report.pdf.save(report.pdf_name, ContentFile(pdf), save=False)
        report.html = html
        report.snapshot = snapshot
        report.built_at = built_at
        report.status = AuditReportStatus.PUBLISHED
        report.error = ""
        report.save()
    return report, True


def build_due_audit_report(*, today: datetime.date | None = None) -> tuple[AuditReport, bool]:
    """Build the report of the latest half-year that has ended (a no-op once it is published)."""
    return build_audit_report(period=latest_ended_period(today or timezone.localdate()))


def commissioner_emails() -> list[str]:
    """Active commissioners' addresses, in a stable order."""
    users = get_user_model().objects.filter(is_active=True, groups__name=GlobalRole.COMMISSIONER.value)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def report_url(report: AuditReport) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("reports:audit_report", args=[report.pk])


def email_audit_report(*, report_id: int) -> int:
    """Email every commissioner a link to a published report, once. Returns the emails sent.

    Each commissioner gets a message of their own (no one sees the others'
    addresses). The report row is locked while sending, so two runs cannot
    both send; a failed send leaves ``emailed_at`` empty for a retry.
    """
    with transaction.atomic():
        report = AuditReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None or not report.is_published or report.emailed_at is not None:
            return 0
        context = {"report": report, "url": report_url(report), "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("reports/emails/audit_report_subject.txt", context).strip()
        body = render_to_string("reports/emails/audit_report_message.txt", context)
        recipients = commissioner_emails()
        sent = send_mass_mail(
            [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients],
            fail_silently=False,
            connection=get_connection(),
        )
        report.emailed_at = timezone.now()
        report.save(update_fields=["emailed_at"])
    logger.info("Audit report %s announced to %s commissioners", report_id, sent)
    return sent
