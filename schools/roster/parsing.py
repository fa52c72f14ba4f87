"""Reading a roster CSV: its headings, then every row checked into a pupil or a problem."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence

from schools.models import Gender
from schools.roster.files import RosterFileError, decode_roster
from schools.roster.rows import UPN, YEAR, RosterCheck, RosterProblem, RosterRow, clean_name

MAX_ROWS = 10_000
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
# What a spreadsheet may run as a formula when the file is opened (CSV injection).
FORMULA_STARTS = {"=": "“=”", "+": "“+”", "-": "“-”", "@": "“@”", "\t": "a tab", "\r": "a carriage return"}


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
