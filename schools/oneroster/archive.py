"""Opening a OneRoster export: the zip, its five files and their rows, collecting problems as found."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator

from schools.roster.rows import RosterProblem

MAX_ZIP_BYTES = 10 * 1024 * 1024
# Uncompressed, all files together: a zip that expands past this is refused unread.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
FILES: dict[str, tuple[str, ...]] = {
    "orgs.csv": ("sourcedId", "name", "type"),
    "academicSessions.csv": ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
    "classes.csv": ("sourcedId", "title", "schoolSourcedId", "termSourcedIds"),
    "users.csv": ("sourcedId", "role", "givenName", "familyName", "orgSourcedIds"),
    "enrollments.csv": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
}
NOT_A_ZIP = (
    "This is not a OneRoster export: upload the .zip file your MIS connector made, holding orgs.csv, "
    "academicSessions.csv, classes.csv, users.csv and enrollments.csv."
)


class ExportReader:
    """Reads the zip's files, collecting problems as it goes."""

    def __init__(self, content: bytes, errors: list[RosterProblem]) -> None:
        self.errors = errors
        self.archive: zipfile.ZipFile | None = None
        self.names: dict[str, str] = {}
        if len(content) > MAX_ZIP_BYTES:
            self.whole(f"The file is {len(content) / 1024 / 1024:.1f} MB. The largest export you can upload is 10 MB.")
            return
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
            infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError):
            self.whole(NOT_A_ZIP)
            return
        if sum(info.file_size for info in infos) > MAX_EXPANDED_BYTES:
            self.whole("The files in this zip are too large (over 100 MB unzipped). Export one school at a time.")
            return
        self.archive = archive
        # Connectors put the files at the top or in one folder; names are matched without case.
        self.names = {info.filename.rsplit("/", 1)[-1].casefold(): info.filename for info in infos if not info.is_dir()}
        missing = [name for name in FILES if name.casefold() not in self.names]
        if missing:
            self.whole(
                f"The export has no {' or '.join(missing)}. A OneRoster 1.1 export holds orgs.csv, "
                "academicSessions.csv, classes.csv, users.csv and enrollments.csv: export it again."
            )

    def whole(self, message: str, file: str = "") -> None:
        self.errors.append(RosterProblem(None, file, message))

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row of a file as a dict of its columns, numbered as a spreadsheet shows them."""
        if self.archive is None:
            return
        raw = self.archive.read(self.names[name.casefold()])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.whole(
                f"{name} is not UTF-8 text (row {line} has a character that is not), as OneRoster requires. "
                "Export it again as UTF-8.",
                name,
            )
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [heading.strip() for heading in next(reader, [])]
        missing = [column for column in FILES[name] if column not in header]
        if missing:
            self.whole(f"{name} has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}.", name)
            return
        number = 1
        try:
            for number, record in enumerate(reader, start=2):
                if not any(cell.strip() for cell in record):
                    continue
                row = {heading: (record[i].strip() if i < len(record) else "") for i, heading in enumerate(header)}
                if row.get("status", "").casefold() == "tobedeleted":
                    continue
                yield number, row
        except csv.Error as error:
            self.errors.append(RosterProblem(number + 1, name, f"This row could not be read as CSV ({error})."))


def unique_rows(reader: ExportReader, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a file, refusing a row without a sourcedId or repeating one."""
    seen: dict[str, int] = {}
    for number, row in reader.rows(name):
        sourced_id = row["sourcedId"]
        if not sourced_id:
            reader.errors.append(RosterProblem(number, f"{name} · sourcedId", "The sourcedId is missing."))
        elif sourced_id in seen:
            reader.errors.append(
                RosterProblem(number, f"{name} · sourcedId", f"This sourcedId is already in row {seen[sourced_id]}.")
            )
        else:
            seen[sourced_id] = number
            yield number, row
