"""Refresh the report rollups: `manage.py refresh_rollups [--full] [--school URN ...]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.published_pattern import store_pattern
from reports.rollups import incremental_since, refresh_rollups
from schools.models import School


class Command(BaseCommand):
    help = (
        "Rebuild the rollup tables the commissioner reports read. By default only what changed "
        "since the last refresh of every school (everything if there has been none); --full "
        "rebuilds every academic year of every school in scope."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="Rebuild everything in scope, changed or not.")
        parser.add_argument(
            "--school",
            action="append",
            type=int,
            default=[],
            metavar="URN",
            help="Only this school (its URN). Repeatable.",
        )

    def handle(self, *args, full: bool, school: list[int], **options) -> None:
        school_ids = None
        if school:
            found = dict(School.objects.filter(urn__in=school).values_list("urn", "pk"))
            missing = sorted(set(school) - set(found))
            if missing:
                raise CommandError(f"No school with URN {', '.join(map(str, missing))}.")
            school_ids = sorted(found.values())
        since = None if full else incremental_since()
        refresh = refresh_rollups(school_ids=school_ids, since=since)
        # The pages show this refresh's suppression pattern: keep it now, not on the first page view.
        store_pattern(refresh)
        kind = "Full refresh" if refresh.full else f"Changes since {refresh.since:%Y-%m-%d %H:%M}"
        self.stdout.write(
            f"{kind}: {refresh.schools_refreshed} schools, {refresh.groups_refreshed} school years, "
            f"{refresh.rows_written} rows written."
        )
