"""Partition the answer and event tables by month (PostgreSQL), or add the months ahead.

Run once to convert, then monthly (Celery beat) to keep ``--months-ahead`` months ready;
a run with nothing to do changes nothing. On SQLite it does nothing.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from learning.partitioning.convert import PartitioningError, plan_work
from learning.partitioning.plans import partition_plans


class Command(BaseCommand):
    help = "Partition answer and event tables by month (PostgreSQL only) and add the months ahead."

    def add_arguments(self, parser):
        parser.add_argument("--months-ahead", type=int, default=3, help="Months after this one to have ready (0-24).")
        parser.add_argument("--dry-run", action="store_true", help="Print the SQL without running it.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias to work on.")

    def handle(self, *args, months_ahead: int, dry_run: bool, database: str, **options) -> None:
        if not 0 <= months_ahead <= 24:
            raise CommandError("--months-ahead must be between 0 and 24.")
        connection = connections[database]
        if connection.vendor != "postgresql":
            self.stdout.write(
                f"Nothing to do: partitioning needs PostgreSQL, and this database is {connection.vendor}."
            )
            return
        today = timezone.now().astimezone(datetime.UTC).date()
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                # One run at a time: a second one waits, then finds nothing left to do.
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('partition_tables'))")
            for plan in partition_plans():
                try:
                    work = plan_work(connection, plan, today=today, months_ahead=months_ahead)
                except PartitioningError as error:
                    raise CommandError(str(error)) from error
                if not work.statements:
                    self.stdout.write(f"{plan.table}: nothing to do.")
                    continue
                what = "convert to monthly partitions" if work.converting else "add partitions"
                self.stdout.write(f"{plan.table}: {what} ({len(work.statements)} statements).")
                if dry_run:
                    self.stdout.write(";\n".join(work.statements) + ";\n")
                    continue
                with connection.cursor() as cursor:
                    for statement in work.statements:
                        cursor.execute(statement)
