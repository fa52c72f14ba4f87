"""Import pupils from a roster CSV:
`manage.py import_roster --school URN [--class NAME] [--same ROWS] [--new ROWS] [--dry-run] FILE`.

A row with the same name and year group as a pupil already at the school, and no UPN that
settles it, is a possible match: the command refuses the file until each such row is
answered, by its row number, with ``--same`` (the pupil on the system; ``ROW:PUPIL_ID``
when several pupils match) or ``--new`` (a different child).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from schools.models import ImportStatus, School, SchoolClass
from schools.pupil_matching import NEW, PossibleMatch, answer_problems
from schools.roster.preview import preview_roster
from schools.roster.rows import RosterProblem
from schools.services.classes import current_academic_year
from schools.services.roster import (
    apply_roster_import,
    check_roster_import,
    confirm_roster_import,
    start_roster_import,
)


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
        parser.add_argument(
            "--same",
            default="",
            metavar="ROWS",
            help="Rows (comma-separated, or 'all') that are the pupil already on the system they may be; "
            "ROW:PUPIL_ID when several pupils match.",
        )
        parser.add_argument(
            "--new", default="", metavar="ROWS", help="Rows (comma-separated, or 'all') that are new pupils."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; import nothing.")

    def handle(
        self,
        *args,
        file: Path,
        school: int,
        class_name: str | None,
        same: str,
        new: str,
        dry_run: bool,
        **options,
    ) -> None:
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
        answers = self._answers(preview.possible, same=same, new=new)
        if dry_run:
            self.stdout.write(
                f"Dry run for {place}: {preview.check.total_rows} pupils in the file, "
                f"{preview.new_count} would be created, {preview.existing_count} are already on the system, "
                f"{len(preview.possible)} possible match{'es' if len(preview.possible) != 1 else ''}. "
                "Nothing was imported."
            )
            for match in preview.possible:
                self.stdout.write(self._question(match))
            return
        unanswered = answer_problems(preview.possible, answers)
        if unanswered:
            for match in preview.possible:
                if match.row in unanswered:
                    self.stderr.write(self._question(match))
                    self.stderr.write(f"  {unanswered[match.row]}")
            count = len(unanswered)
            raise CommandError(
                f"{file.name} was not imported: {count} possible match{'es' if count != 1 else ''} "
                "not answered. Give each row with --same or --new. Nothing changed."
            )
        roster_import = start_roster_import(
            school=found, school_class=school_class, uploaded_by=None, filename=file.name, content=content
        )
        check_roster_import(roster_import=roster_import)
        confirm_roster_import(roster_import=roster_import, answers=answers)
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
    def _rows(value: str, option: str) -> dict[int, int | None]:
        """Row numbers given to an option, each with the pupil id after a colon (or None)."""
        rows: dict[int, int | None] = {}
        for part in filter(None, (part.strip() for part in value.split(","))):
            row, _, pupil = part.partition(":")
            if not row.isdigit() or (pupil and not pupil.isdigit()):
                raise CommandError(f"{option} takes row numbers like 3,7 (or 3:PUPIL_ID), not {part!r}.")
            rows[int(row)] = int(pupil) if pupil else None
        return rows

    def _answers(self, possible: list[PossibleMatch], *, same: str, new: str) -> dict[str, int | str]:
        """The answers given on the command line, by row; a row named twice is refused."""
        everything = {match.row: None for match in possible}
        same_rows = everything if same.strip() == "all" else self._rows(same, "--same")
        new_rows = everything if new.strip() == "all" else self._rows(new, "--new")
        both = sorted(set(same_rows) & set(new_rows))
        if both:
            raise CommandError(f"Row {both[0]} is given both --same and --new. Give each row one answer.")
        by_row = {match.row: match for match in possible}
        for row in [*same_rows, *new_rows]:
            if row not in by_row:
                raise CommandError(f"Row {row} is not a possible match, so it needs no answer.")
        answers: dict[str, int | str] = {str(row): NEW for row in new_rows}
        for row, pupil in same_rows.items():
            match = by_row[row]
            if pupil is None and len(match.candidates) > 1:
                raise CommandError(
                    f"Row {row} ({match.name}) may be any of {len(match.candidates)} pupils: "
                    f"say which with --same {row}:PUPIL_ID."
                )
            answers[str(row)] = pupil if pupil is not None else match.candidates[0].pk
        return answers

    @staticmethod
    def _question(match: PossibleMatch) -> str:
        pupils = "; ".join(f"pupil {candidate.pk}: {candidate.describe()}" for candidate in match.candidates)
        return f"Row {match.row}: {match.name}, Year {match.year_group} may be {pupils}."

    @staticmethod
    def _describe(problem: RosterProblem) -> str:
        where = f"Row {problem.row}" if problem.row is not None else "File"
        column = f" ({problem.column})" if problem.column else ""
        return f"{where}{column}: {problem.message}"
