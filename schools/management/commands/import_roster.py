"""Import pupils from a roster CSV: `manage.py import_roster --school URN [--class NAME] [--dry-run] FILE`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schools.models import ImportStatus, School, SchoolClass
from schools.roster_import import RosterProblem, preview_roster
from schools.services.classes import current_academic_year
from schools.services.roster import apply_roster_import, check_roster_import, start_roster_import


class Command(BaseCommand):
    help = (
        "Check a roster CSV and import its pupils into a school (and a class of this academic year). "
        "Nothing is imported if any row has a problem; pupils already on the system are not added twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The roster CSV (first name, surname, year group columns).")
        parser.add_argument("--school", type=int, required=True, metavar="URN", help="The school's URN.")
        parser.add_argument(
            "--class", dest="class_name", metavar="NAME", help="Add the pupils to this class of the current year."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; import nothing.")

    def handle(self, *args, file: Path, school: int, class_name: str | None, dry_run: bool, **options) -> None:
        found = School.objects.filter(urn=school).first()
        if found is None:
            raise CommandError(f"There is no school with URN {school}.")
        school_class = self._find_class(found, class_name) if class_name else None
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror or error}.") from error

        preview = preview_roster(school=found, content=content)
        if not preview.check.is_valid:
            for problem in preview.check.errors:
                self.stderr.write(self._describe(problem))
            count = len(preview.check.errors)
            raise CommandError(
                f"{file.name} was not imported: {count} problem{'s' if count != 1 else ''}. Nothing changed."
            )

        place = f"{found.name}, class {school_class.name}" if school_class else found.name
        if dry_run:
            self.stdout.write(
                f"Dry run for {place}: {preview.check.total_rows} pupils in the file, "
                f"{preview.new_count} would be created, {preview.existing_count} are already on the system. "
                "Nothing was imported."
            )
            return
        roster_import = start_roster_import(
            school=found, school_class=school_class, uploaded_by=None, filename=file.name, content=content
        )
        check_roster_import(roster_import=roster_import)
        roster_import = apply_roster_import(roster_import=roster_import, actor=None)
        if roster_import.status != ImportStatus.IMPORTED:
            for problem in roster_import.errors:
                self.stderr.write(self._describe(RosterProblem(**problem)))
            raise CommandError(f"{file.name} was not imported. Nothing changed.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file.name} into {place}: {roster_import.created_count} created, "
                f"{roster_import.existing_count} already on the system."
            )
        )

    def _find_class(self, school: School, name: str) -> SchoolClass:
        year = current_academic_year()
        classes = list(SchoolClass.objects.filter(school=school, academic_year=year, name__iexact=name.strip()))
        if not classes:
            raise CommandError(f"{school.name} has no class called {name!r} in {year} to {year + 1}.")
        if len(classes) > 1:
            classes = [c for c in classes if c.name == name.strip()] or classes
        if len(classes) > 1:
            names = ", ".join(repr(c.name) for c in classes)
            raise CommandError(f"More than one class matches {name!r} ({names}). Give the name exactly.")
        if classes[0].is_archived:
            raise CommandError(f"{classes[0].name} is archived; pupils cannot be added to it.")
        return classes[0]

    @staticmethod
    def _describe(problem: RosterProblem) -> str:
        where = f"Row {problem.row}" if problem.row is not None else "File"
        column = f" ({problem.column})" if problem.column else ""
        return f"{where}{column}: {problem.message}"
