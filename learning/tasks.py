"""Background work of the learning app: keeping the answer and event tables' months ready."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task
def add_partitions_task(months_ahead: int = 3) -> None:
    """Make the coming months' partitions (PostgreSQL); a run with nothing to do changes nothing."""
    call_command("partition_tables", months_ahead=months_ahead)
