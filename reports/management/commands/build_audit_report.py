"""Build the audit report now: `manage.py build_audit_report [--date YYYY-MM-DD]`."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.audit_publish import build_due_audit_report
from reports.tasks import email_audit_report_task


class Command(BaseCommand):
    help = (
        "Build and publish the audit report of the latest half-year that has ended (as of --date, "
        "default today) and email commissioners the link. A report already published is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args, date: str | None, **options) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date must look like 2027-03-01; got {date!r}.") from error
        report, published_now = build_due_audit_report(today=today)
        if published_now:
            email_audit_report_task.delay(report.pk)
            self.stdout.write(f"Published the {report} and queued the email to commissioners.")
        else:
            self.stdout.write(f"The {report} was already published on {report.built_at:%Y-%m-%d}; left as it is.")
