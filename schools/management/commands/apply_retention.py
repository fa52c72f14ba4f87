"""Apply the retention periods now, or with --dry-run show what is due: `manage.py apply_retention --dry-run`."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from schools.retention import RetentionPlan, apply_retention, plan_retention
from schools.retention.apply import HEADLINE


class Command(BaseCommand):
    help = (
        "Delete or anonymise the data kept past its retention period (config/settings/privacy.py). "
        "With --dry-run, only report what is due, per kind and per school."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what is due and change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        try:
            plan = plan_retention()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self._print_plan(plan, dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return
        run = apply_retention(now=plan.now)
        done = [f"{count} {HEADLINE[kind]} ({kind.replace('_', ' ')})" for kind, count in run.totals().items() if count]
        self.stdout.write(self.style.SUCCESS(f"Retention applied: {', '.join(done) or 'nothing was due'}."))

    def _print_plan(self, plan: RetentionPlan, *, dry_run: bool) -> None:
        when = timezone.localtime(plan.now)
        self.stdout.write(f"Retention {'due' if dry_run else 'to apply'} at {when:%d/%m/%Y %H:%M}:")
        for kind in plan.kinds:
            period = kind.period
            note = "" if period.applied_here else f" [deleted by {period.applied_by}]"
            self.stdout.write(
                f"  {period.data}: kept {period.length} {period.starts}; "
                f"{kind.total} due (before {timezone.localtime(kind.cutoff):%d/%m/%Y}){note}"
            )
            for entry in kind.schools:
                self.stdout.write(f"      {entry.name}: {entry.count}")
