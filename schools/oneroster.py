"""Reading a OneRoster 1.1 CSV export: the zip of ``orgs.csv``, ``academicSessions.csv``,
``classes.csv``, ``users.csv`` and ``enrollments.csv`` that MIS connectors make.

Every file is checked, and every problem listed with its file, row and column; a zip with
any problem imports nothing. Only what teaching needs is read: the school (matched to the
school importing by its URN, in ``orgs.identifier`` when given), each class's title, year
group and school year, teachers' email addresses (to find their accounts), and pupils'
given and family names, year group (``grades``) and UPN (``identifier``, when it is one).
Guardians, parents and every other column (pupils' email addresses, phone numbers, user
names, passwords) are ignored and never stored. Each sourcedId is kept only as a keyed hash,
to recognise a class or pupil in the next export. Rows marked ``tobedeleted`` are skipped.

``grades`` holds the English national curriculum year (7 to 13, written 9, 09, Y9 or Year 9),
as UK connectors export it; ``schoolYear`` is the calendar year in which the school year ends
(2027 for 2026 to 2027), as the specification says.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.crypto import salted_hmac

from schools.models import Pupil, School
from schools.pupil_matching import in_chunks, match_rows
from schools.roster_import import (
    PREVIEW_ROWS,
    UPN,
    YEAR,
    RosterCheck,
    RosterPreview,
    RosterProblem,
    RosterRow,
    clean_name,
)

MAX_ZIP_BYTES = 10 * 1024 * 1024
# Uncompressed, all files together: a zip that expands past this is refused unread.
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_PROBLEMS = 1000
FILES: dict[str, tuple[str, ...]] = {
    "orgs.csv": ("sourcedId", "name", "type"),
    "academicSessions.csv": ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
    "classes.csv": ("sourcedId", "title", "schoolSourcedId", "termSourcedIds"),
    "users.csv": ("sourcedId", "role", "givenName", "familyName", "orgSourcedIds"),
    "enrollments.csv": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
}
ROLES = {"administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"}
NOT_A_ZIP = (
    "This is not a OneRoster export: upload the .zip file your MIS connector made, holding orgs.csv, "
    "academicSessions.csv, classes.csv, users.csv and enrollments.csv."
)


def sourced_id_digest(school_id: int, kind: str, sourced_id: str) -> str:
    """A keyed hash of a MIS sourcedId, so the next export recognises the class or pupil."""
    message = f"{school_id}:{kind}:{sourced_id.strip()}"
    return salted_hmac("respect-online.oneroster", message, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class OneRosterClass:
    row: int
    sourced_id: str
    title: str
    year_group: int
    academic_year: int


@dataclass(frozen=True)
class OneRosterTeacher:
    sourced_id: str
    name: str
    email: str


@dataclass
class OneRosterPreview(RosterPreview):
    """A checked export: its pupils as roster rows (numbered as in users.csv), with their
    matches, plus the classes, teachers and who is in which class."""

    classes: list[OneRosterClass] = field(default_factory=list)
    teachers: list[OneRosterTeacher] = field(default_factory=list)
    # Class sourcedId to the sourcedIds of its pupils and of its teachers.
    pupils_in: dict[str, list[str]] = field(default_factory=dict)
    teachers_of: dict[str, list[str]] = field(default_factory=dict)
    # users.csv row to the pupil's sourcedId.
    pupil_ids: dict[int, str] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "classes": [
                {"title": c.title, "year_group": c.year_group, "pupils": len(self.pupils_in.get(c.sourced_id, []))}
                for c in self.classes[:PREVIEW_ROWS]
            ],
            "class_count": len(self.classes),
            "teacher_count": len(self.teachers),
            "enrolments": sum(len(ids) for ids in self.pupils_in.values()),
        }


class _Reader:
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


def _year_group(raw: str) -> int | None:
    match = YEAR.fullmatch(raw.strip())
    if match is None or not 7 <= int(match.group(1)) <= 13:
        return None
    return int(match.group(1))


def _unique(reader: _Reader, name: str) -> Iterator[tuple[int, dict[str, str]]]:
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


def _the_school(reader: _Reader, school: School) -> str | None:
    """The sourcedId of the school org this export is for."""
    schools = [(n, row) for n, row in _unique(reader, "orgs.csv") if row["type"].casefold() == "school"]
    ours = [(n, row) for n, row in schools if row.get("identifier", "") == str(school.urn)]
    if len(schools) == 1 and schools[0][1].get("identifier", "") in ("", str(school.urn)):
        return schools[0][1]["sourcedId"]
    if len(ours) == 1:
        return ours[0][1]["sourcedId"]
    if not schools:
        reader.whole("orgs.csv has no org of type “school”.", "orgs.csv")
    elif len(schools) == 1:
        reader.errors.append(
            RosterProblem(
                schools[0][0],
                "orgs.csv · identifier",
                f"This export is for the school with identifier {schools[0][1]['identifier']}, "
                f"not {school.name} (URN {school.urn}).",
            )
        )
    else:
        reader.whole(
            f"orgs.csv holds {len(schools)} schools and none has identifier {school.urn} ({school.name}). "
            "Export this school alone, or with its URN as the identifier.",
            "orgs.csv",
        )
    return None


def _school_years(reader: _Reader) -> dict[str, int]:
    """Each academic session's sourcedId to the academic year it falls in (the year it starts)."""
    years: dict[str, int] = {}
    for number, row in _unique(reader, "academicSessions.csv"):
        raw = row["schoolYear"]
        if not (raw.isdigit() and len(raw) == 4):
            reader.errors.append(
                RosterProblem(
                    number,
                    "academicSessions.csv · schoolYear",
                    f"“{raw[:20]}” is not a school year: write the year it ends, like 2027.",
                )
            )
            continue
        years[row["sourcedId"]] = int(raw) - 1
    return years


def _classes(reader: _Reader, school_id: str, years: dict[str, int], broken: set[str]) -> list[OneRosterClass]:
    """The classes of the school; the sourcedId of each class with a problem goes in ``broken``."""
    classes = []
    for number, row in _unique(reader, "classes.csv"):
        problems: list[RosterProblem] = []

        def add(column: str, message: str, number: int = number, problems: list = problems) -> None:
            problems.append(RosterProblem(number, f"classes.csv · {column}", message))

        if row["schoolSourcedId"] != school_id:
            add("schoolSourcedId", f"The class is for school {row['schoolSourcedId']!r}, which is not in orgs.csv.")
        title = row["title"].strip()
        if not title:
            add("title", "The class title is missing.")
        elif len(title) > 40:
            add("title", "The class title is longer than 40 characters.")
        terms = [term.strip() for term in row["termSourcedIds"].split(",") if term.strip()]
        unknown = [term for term in terms if term not in years]
        if not terms or unknown:
            add("termSourcedIds", f"The term {unknown[0] if unknown else '(none)'!r} is not in academicSessions.csv.")
        year_group = _year_group(row.get("grades", "").split(",")[0])
        if year_group is None:
            add("grades", f"“{row.get('grades', '')[:20]}” is not a year group from 7 to 13.")
        if problems or year_group is None:
            reader.errors.extend(problems)
            broken.add(row["sourcedId"])
        else:
            classes.append(OneRosterClass(number, row["sourcedId"], title, year_group, years[terms[0]]))
    return classes


def _users(
    reader: _Reader, school_id: str, broken: set[str]
) -> tuple[list[RosterRow], dict[int, str], list[OneRosterTeacher], dict[str, str]]:
    """Pupils as roster rows, the users.csv row of each pupil's sourcedId, teachers, and each
    user's role by sourcedId (including the roles that are ignored); the sourcedId of each
    user with a problem goes in ``broken``."""
    pupils: list[RosterRow] = []
    pupil_ids: dict[int, str] = {}
    teachers: list[OneRosterTeacher] = []
    roles: dict[str, str] = {}
    for number, row in _unique(reader, "users.csv"):
        problems: list[RosterProblem] = []

        def adder(column: str, number: int = number, problems: list = problems) -> Callable[[str], None]:
            return lambda message: problems.append(RosterProblem(number, f"users.csv · {column}", message))

        role = row["role"].casefold()
        if role not in ROLES:
            adder("role")(f"“{row['role'][:20]}” is not a OneRoster role (student, teacher, guardian…).")
            reader.errors.extend(problems)
            broken.add(row["sourcedId"])
            continue
        roles[row["sourcedId"]] = role
        if role not in ("student", "teacher"):
            continue  # Guardians, parents and the rest are not read.
        if school_id not in [org.strip() for org in row["orgSourcedIds"].split(",")]:
            adder("orgSourcedIds")("This user is not at the school in orgs.csv.")
        first = clean_name(row["givenName"], "given name", adder("givenName"))
        last = clean_name(row["familyName"], "family name", adder("familyName"))
        if role == "teacher":
            email = row.get("email", "").strip().lower()
            if not problems:
                teachers.append(OneRosterTeacher(row["sourcedId"], f"{first} {last}", email))
            else:
                broken.add(row["sourcedId"])
            reader.errors.extend(problems)
            continue
        year_group = _year_group(row.get("grades", "").split(",")[0])
        if year_group is None:
            adder("grades")(f"“{row.get('grades', '')[:20]}” is not a year group from 7 to 13.")
        identifier = "".join(row.get("identifier", "").split()).upper()
        upn = identifier if UPN.fullmatch(identifier) else ""
        if problems or year_group is None:
            reader.errors.extend(problems)
            broken.add(row["sourcedId"])
            continue
        pupils.append(RosterRow(number, first, last, year_group, "", upn))
        pupil_ids[number] = row["sourcedId"]
    return pupils, pupil_ids, teachers, roles


def _enrolments(
    reader: _Reader, school_id: str, classes: set[str], roles: dict[str, str], broken: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Who is in which class. An enrolment of a class or user whose own row has a problem is
    skipped without another problem: that row's problem is listed already."""
    pupils_in: dict[str, list[str]] = defaultdict(list)
    teachers_of: dict[str, list[str]] = defaultdict(list)
    pairs: Counter[tuple[str, str]] = Counter()
    for number, row in _unique(reader, "enrollments.csv"):

        def add(column: str, message: str, number: int = number) -> None:
            reader.errors.append(RosterProblem(number, f"enrollments.csv · {column}", message))

        role, user, class_id = row["role"].casefold(), row["userSourcedId"], row["classSourcedId"]
        if user in broken or class_id in broken:
            continue
        if row["schoolSourcedId"] != school_id:
            add("schoolSourcedId", f"The school {row['schoolSourcedId']!r} is not the school in orgs.csv.")
        elif class_id not in classes:
            add("classSourcedId", f"The class {class_id!r} is not in classes.csv (or has a problem there).")
        elif user not in roles:
            add("userSourcedId", f"The user {user!r} is not in users.csv (or has a problem there).")
        elif role not in ("student", "teacher"):
            if role not in ROLES:
                add("role", f"“{row['role'][:20]}” is not a OneRoster role.")
        elif roles[user] != role:
            add("role", f"The user {user!r} is a {roles[user]} in users.csv, not a {role}.")
        else:
            pairs[(class_id, user)] += 1
            if pairs[(class_id, user)] == 1:
                (pupils_in if role == "student" else teachers_of)[class_id].append(user)
    return dict(pupils_in), dict(teachers_of)


def preview_oneroster(*, school: School, content: bytes) -> OneRosterPreview:
    """Check an export and find which of its pupils are, or may be, already on the system.
    Writes nothing."""
    check = RosterCheck()
    reader = _Reader(content, check.errors)
    if check.errors:
        return OneRosterPreview(check)
    school_id = _the_school(reader, school)
    if school_id is None:
        return OneRosterPreview(check)
    years = _school_years(reader)
    broken: set[str] = set()
    classes = _classes(reader, school_id, years, broken)
    pupils, pupil_ids, teachers, roles = _users(reader, school_id, broken)
    pupils_in, teachers_of = _enrolments(reader, school_id, {c.sourced_id for c in classes}, roles, broken)
    seen_upns: dict[str, int] = {}
    for row in pupils:
        if row.upn and row.upn in seen_upns:
            check.errors.append(
                RosterProblem(row.row, "users.csv · identifier", f"This UPN is already in row {seen_upns[row.upn]}.")
            )
        elif row.upn:
            seen_upns[row.upn] = row.row
    if not pupils and not check.errors:
        check.errors.append(RosterProblem(None, "users.csv", "users.csv has no pupils (role “student”)."))
    check.total_rows = len(pupils)
    del check.errors[MAX_PROBLEMS:]
    if check.errors:
        return OneRosterPreview(check)
    check.rows = pupils
    preview = OneRosterPreview(
        check,
        classes=classes,
        teachers=teachers,
        pupils_in=pupils_in,
        teachers_of=teachers_of,
        pupil_ids=pupil_ids,
    )
    digests = {sourced_id_digest(school.pk, "user", sid): row for row, sid in pupil_ids.items()}
    certain: dict[int, int] = {}
    for chunk in in_chunks(sorted(digests)):
        for digest, pk in Pupil.objects.filter(school=school, sourced_id_digest__in=chunk).values_list(
            "sourced_id_digest", "pk"
        ):
            certain[digests[digest]] = pk
    preview.matching = match_rows(school=school, rows=pupils, certain=certain)
    return preview
