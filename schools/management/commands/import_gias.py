"""Import schools from a GIAS establishment extract: `manage.py import_gias FILE.csv --la 886 --la 887`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schools.gias.importing import import_gias
from schools.gias.reading import GiasFileError
from schools.gias.rows import normalise_la_codes


class Command(BaseCommand):
    help = (
        "Create or update local authorities, districts and schools from the GIAS establishment "
        "extract (edubasealldata.csv). Schools are matched by URN; nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The GIAS establishment extract (CSV).")
        parser.add_argument(
            "--la",
            action="append",
            default=[],
            metavar="CODE",
            help="Only import this local authority (3-digit LA code, e.g. 886 Kent, 887 Medway). Repeatable.",
        )

    def handle(self, *args, file: Path, la: list[str], **options) -> None:
        try:
            la_codes = normalise_la_codes(la)
        except ValueError as error:
            raise CommandError(str(error)) from error
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror or error}.") from error
        try:
            result = import_gias(data=data, la_codes=la_codes)
        except GiasFileError as error:
            raise CommandError(f"{file} was not imported: {error}") from error

        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file.name}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.skipped} skipped."
            )
        )
        if la_codes:
            self.stdout.write(f"{result.filtered_out} rows of other local authorities were left out.")
            if not result.imported and not result.skipped:
                self.stdout.write(self.style.WARNING(f"No rows for LA codes {', '.join(la_codes)} in the file."))
        for problem in result.problems:
            self.stdout.write(self.style.WARNING(str(problem)))
