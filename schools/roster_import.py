"""Roster import: read a CSV of pupils, check every row, recognise pupils already on the
system, and import the file all-or-nothing.

The file has a header row; columns are found by their heading (see ``HEADINGS``) and
any other column is ignored. Rows are numbered as a spreadsheet shows them: the header
is row 1, so the first pupil is row 2. A file is valid only when it has no problem at
all; a valid file is imported in one transaction.

A row is "already on the system" when a pupil of the same school has the same UPN
(compared by keyed hash). A row whose name and year group match a pupil's is only a
possible match, which the person importing answers "same pupil" or "new pupil" (see
``schools.pupil_matching``). Pupils already on the system are not created again; a class
import adds them to the class if they are not in it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from schools.models import Gender, School
from schools.pupil_matching import Matching, PossibleMatch, match_rows, name_key

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_NAME_LENGTH = 60
PREVIEW_ROWS = 200
PROGRESS_EVERY = 1000

# Column headings each field answers to, compared after _heading_key().
HEADINGS = {
    "first_name": {"first name", "firstname", "forename", "forenames", "given name", "given names"},
    "last_name": {"surname", "last name", "lastname", "last initial", "family name", "surname initial"},
    "year_group": {"year", "year group", "yeargroup", "nc year"},
    "gender": {"gender", "sex"},
    "upn": {"upn"},
}
REQUIRED = ("first_name", "last_name", "year_group")
FIELD_NAMES = {
    "first_name": "first name",
    "last_name": "surname",
    "year_group": "year group",
    "gender": "gender",
    "upn": "UPN",
}
HEADING_EXAMPLES = {"first_name": "First name", "last_name": "Surname", "year_group": "Year group"}
NO_HEADINGS = (
    "Row 1 must be the column headings, for example “First name”, “Surname” and “Year group”. "
    "We could not find any of them."
)
GENDERS = {
    "": Gender.NOT_RECORDED,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "o": Gender.OTHER,
    "other": Gender.OTHER,
}
YEAR = re.compile(r"(?:y|yr|year)?\s*(\d{1,2})", re.IGNORECASE)
# A permanent UPN is a check letter and 12 digits; a temporary one ends in a letter.
UPN = re.compile(r"[A-Z]\d{12}|[A-Z]\d{11}[A-Z]")
# What a spreadsheet may run as a formula when the file is opened (CSV injection).
FORMULA_STARTS = {"=": "“=”", "+": "“+”", "-": "“-”", "@": "“@”", "\t": "a tab", "\r": "a carriage return"}

SAVE_AS_CSV = "Save it as CSV (comma delimited) and upload that."
# Files people upload by mistake, recognised by their first bytes.
SIGNATURES = (
    (b"PK\x03\x04", f"This looks like an Excel file (.xlsx). {SAVE_AS_CSV}"),
    (b"\xd0\xcf\x11\xe0", f"This looks like an Excel 97-2003 file (.xls). {SAVE_AS_CSV}"),
    (b"%PDF", "This is a PDF, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"\x89PNG", "This is a PNG image, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"\xff\xd8\xff", "This is a JPEG image, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"GIF8", "This is a GIF image, not a CSV file. Export the pupil list from your school's system as CSV."),
)
BINARY = f"This is not a CSV file: it contains binary data. {SAVE_AS_CSV}"
UNREADABLE = "We could not read the characters in this file. Save it as CSV UTF-8 and upload that."
EMPTY = "The file is empty."
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class RosterProblem:
    """One problem: ``row`` is None for a problem with the whole file."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RosterRow:
    """One pupil as read from the file, names tidied but their case kept."""

    row: int
    first_name: str
    last_name: str
    year_group: int
    gender: str
    upn: str = field(default="", repr=False)

    @property
    def name_key(self) -> tuple[str, str, int]:
        return name_key(self.first_name, self.last_name, self.year_group)


@dataclass
class RosterCheck:
    """The verdict on a file: valid only with no problems at all."""

    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RosterProblem] = field(default_factory=list)
    total_rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({problem.row for problem in self.errors if problem.row is not None})


@dataclass
class RosterPreview:
    """A checked file and, for each of its rows, the pupil already on the system for certain
    (or None), and the rows that may be pupils already on the system."""

    check: RosterCheck
    matching: Matching = field(default_factory=lambda: Matching([], []))

    @property
    def existing(self) -> list[int | None]:
        return self.matching.certain

    @property
    def possible(self) -> list[PossibleMatch]:
        return self.matching.possible

    @property
    def existing_count(self) -> int:
        return sum(1 for pk in self.existing if pk is not None)

    @property
    def new_count(self) -> int:
        """Rows that are no pupil on the system, not counting possible matches (yet to be answered)."""
        return len(self.existing) - self.existing_count - len(self.possible)

    def preview_rows(self, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
        """The first rows as stored for the preview page (no UPN: it is kept only hashed)."""
        possible = self.matching.possible_rows
        return [
            {
                "row": row.row,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "year_group": row.year_group,
                "gender": Gender(row.gender).label if row.gender else "",
                "existing": pk is not None,
                "possible": row.row in possible,
            }
            for row, pk in list(zip(self.check.rows, self.existing, strict=True))[:limit]
        ]


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster."""


# Reading ---------------------------------------------------------------------


def file_problem(content: bytes) -> str | None:
    """Why these bytes cannot be a roster CSV at all (size, emptiness, binary), or None.

    Judged by content, never by the file name.
    """
    if len(content) > MAX_FILE_BYTES:
        return f"The file is {len(content) / 1024 / 1024:.1f} MB. The largest file you can upload is 2 MB."
    if not content.strip():
        return EMPTY
    for signature, message in SIGNATURES:
        if content.startswith(signature):
            return message
    if b"\x00" in content and not content.startswith(UTF16_BOMS):
        return BINARY
    return None


def decode_roster(content: bytes) -> str:
    """The file's text: UTF-16 (by its BOM), UTF-8 with or without a BOM, else Windows-1252."""
    problem = file_problem(content)
    if problem:
        raise RosterFileError(problem)
    encodings = ["utf-16"] if content.startswith(UTF16_BOMS) else ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise RosterFileError(EMPTY)
        if "\x00" in text:
            raise RosterFileError(BINARY)
        return text
    raise RosterFileError(UNREADABLE)


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in many European locales) or tab, as the header row uses."""
    sample = text[:8192]
    header = sample.splitlines()[0] if sample else ""
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        if found in header:
            return found
    except csv.Error:
        pass
    counts = {delimiter: header.count(delimiter) for delimiter in ",;\t"}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _heading_key(heading: str) -> str:
    return " ".join(heading.replace("_", " ").replace("-", " ").casefold().split())


def _columns(header: Sequence[str]) -> tuple[dict[str, tuple[int, str]], list[RosterProblem]]:
    """Where each field is in the row, by heading, and any problem with the headings."""
    columns: dict[str, tuple[int, str]] = {}
    problems = []
    for index, heading in enumerate(header):
        key = _heading_key(heading)
        for name, aliases in HEADINGS.items():
            if key not in aliases:
                continue
            if name in columns:
                problems.append(
                    RosterProblem(
                        1,
                        heading.strip(),
                        f"There are two {FIELD_NAMES[name]} columns (“{columns[name][1]}” and “{heading.strip()}”). "
                        "Delete one of them.",
                    )
                )
            else:
                columns[name] = (index, heading.strip())
    missing = [name for name in REQUIRED if name not in columns]
    if len(missing) == len(REQUIRED):
        problems.append(RosterProblem(1, "", NO_HEADINGS))
    elif missing:
        names = " and ".join(FIELD_NAMES[name] for name in missing)
        headings = " and ".join(f"“{HEADING_EXAMPLES[name]}”" for name in missing)
        plural = len(missing) > 1
        problems.append(
            RosterProblem(
                1,
                "",
                f"The file has no {names} column{'s' if plural else ''}. "
                f"Add {'headings' if plural else 'a heading'} to row 1: {headings}.",
            )
        )
    return columns, problems


def _records(text: str, errors: list[RosterProblem]) -> Iterator[tuple[int, list[str]]]:
    """Rows with their spreadsheet row numbers; a broken CSV row ends the file with a problem."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, record
    except csv.Error as error:
        errors.append(RosterProblem(number + 1, "", f"This row could not be read as CSV ({error})."))


def clean_name(raw: str, what: str, add: Callable[[str], None]) -> str:
    """A name with its spaces tidied, or "" after passing its problem to ``add``."""
    value = raw.strip()
    if not value:
        add(f"The {what} is missing.")
    elif any(unicodedata.category(ch) == "Cc" for ch in value):
        add(f"The {what} contains a hidden control character, such as a line break. Type it again.")
    elif any(ch.isdigit() for ch in value):
        add(f"The {what} contains a number. Names cannot contain numbers.")
    else:
        value = " ".join(value.split())
        if len(value) > MAX_NAME_LENGTH:
            add(f"The {what} is longer than {MAX_NAME_LENGTH} characters.")
        return value
    return ""


def _check_record(
    number: int, record: list[str], columns: dict[str, tuple[int, str]]
) -> tuple[RosterRow | None, list[RosterProblem]]:
    problems: list[RosterProblem] = []
    cells: dict[str, str] = {}
    for name, (index, heading) in columns.items():
        raw = record[index] if index < len(record) else ""
        if raw[:1] in FORMULA_STARTS:
            problems.append(
                RosterProblem(
                    number,
                    heading,
                    f"This cell starts with {FORMULA_STARTS[raw[0]]}, which a spreadsheet could run as a formula, "
                    "so the file was not accepted. Remove that character and upload the file again.",
                )
            )
        else:
            cells[name] = raw

    def adder(name: str) -> Callable[[str], None]:
        return lambda message: problems.append(RosterProblem(number, columns[name][1], message))

    first_name = clean_name(cells["first_name"], "first name", adder("first_name")) if "first_name" in cells else ""
    last_name = clean_name(cells["last_name"], "surname or initial", adder("last_name")) if "last_name" in cells else ""

    year_group = 0
    if "year_group" in cells:
        raw_year = cells["year_group"].strip()
        match = YEAR.fullmatch(raw_year)
        if not raw_year:
            adder("year_group")("The year group is missing. Enter a year from 7 to 13, like 9 or Year 9.")
        elif match is None or not 7 <= int(match.group(1)) <= 13:
            adder("year_group")(f"“{raw_year[:20]}” is not a year group from 7 to 13. Enter it like 9 or Year 9.")
        else:
            year_group = int(match.group(1))

    gender = ""
    if "gender" in cells:
        raw_gender = cells["gender"].strip().casefold()
        if raw_gender in GENDERS:
            gender = GENDERS[raw_gender].value
        else:
            adder("gender")("The gender must be F, M, Other, or left blank.")

    upn = ""
    if "upn" in cells:
        upn = "".join(cells["upn"].split()).upper()
        if upn and not UPN.fullmatch(upn):
            adder("upn")(
                "The UPN is not in the right format: 13 characters, a letter then 12 digits "
                "(a temporary UPN ends in a letter instead of the last digit)."
            )
    if problems:
        return None, problems
    return RosterRow(number, first_name, last_name, year_group, gender, upn), []


def parse_roster(content: bytes, *, on_progress: Callable[[int, int], None] | None = None) -> RosterCheck:
    """Read and check a roster file. Every problem is listed, each with its row and column.

    ``on_progress(done, total)`` is called every ``PROGRESS_EVERY`` rows, for a progress bar.
    """
    check = RosterCheck()
    try:
        text = decode_roster(content)
    except RosterFileError as error:
        check.errors.append(RosterProblem(None, "", str(error)))
        return check
    records = _records(text, check.errors)
    first = next(records, None)
    header = first[1] if first else []
    columns, header_problems = _columns(header)
    check.errors.extend(header_problems)
    if check.errors:
        return check
    data: list[tuple[int, list[str]]] = []
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue  # Spreadsheets often leave blank rows at the end.
        if len(data) == MAX_ROWS:
            check.errors.append(
                RosterProblem(None, "", f"The file has more than {MAX_ROWS:,} pupils. Split it into smaller files.")
            )
            return check
        data.append((number, record))
    check.total_rows = len(data)
    if not data and not check.errors:
        check.errors.append(RosterProblem(None, "", "The file has column headings but no pupils."))

    seen_upns: dict[str, int] = {}
    seen_names: dict[tuple[str, str, int], int] = {}
    for done, (number, record) in enumerate(data, start=1):
        row, problems = _check_record(number, record, columns)
        if row is not None:
            if row.upn and row.upn in seen_upns:
                column = columns["upn"][1]
                problems.append(RosterProblem(number, column, f"This UPN is already in row {seen_upns[row.upn]}."))
            elif not row.upn and row.name_key in seen_names:
                problems.append(
                    RosterProblem(
                        number,
                        "",
                        f"This pupil (same name and year group) is already in row {seen_names[row.name_key]}.",
                    )
                )
            elif row.upn:
                seen_upns[row.upn] = number
            else:
                seen_names[row.name_key] = number
        if problems:
            check.errors.extend(problems)
        elif row is not None:
            check.rows.append(row)
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress(done, len(data))
    return check


# Matching --------------------------------------------------------------------


def preview_roster(
    *, school: School, content: bytes, on_progress: Callable[[int, int], None] | None = None
) -> RosterPreview:
    """Check a file and find which of its pupils are, or may be, already on the system. Writes nothing."""
    check = parse_roster(content, on_progress=on_progress)
    if not check.is_valid:
        return RosterPreview(check)
    return RosterPreview(check, match_rows(school=school, rows=check.rows))
