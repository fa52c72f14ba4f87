"""Mapping a OneRoster export's rows to the school, its classes, teachers, pupils and enrolments."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from schools.models import School
from schools.oneroster.archive import ExportReader, unique_rows
from schools.roster.rows import UPN, YEAR, RosterProblem, RosterRow, clean_name

ROLES = {"administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"}


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


def _year_group(raw: str) -> int | None:
    match = YEAR.fullmatch(raw.strip())
    if match is None or not 7 <= int(match.group(1)) <= 13:
        return None
    return int(match.group(1))


def school_sourced_id(reader: ExportReader, school: School) -> str | None:
    """The sourcedId of the school org this export is for."""
    schools = [(n, row) for n, row in unique_rows(reader, "orgs.csv") if row["type"].casefold() == "school"]
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


def school_years(reader: ExportReader) -> dict[str, int]:
    """Each academic session's sourcedId to the academic year it falls in (the year it starts)."""
    years: dict[str, int] = {}
    for number, row in unique_rows(reader, "academicSessions.csv"):
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


def read_classes(reader: ExportReader, school_id: str, years: dict[str, int], broken: set[str]) -> list[OneRosterClass]:
    """The classes of the school; the sourcedId of each class with a problem goes in ``broken``."""
    classes = []
    for number, row in unique_rows(reader, "classes.csv"):
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


def read_users(
    reader: ExportReader, school_id: str, broken: set[str]
) -> tuple[list[RosterRow], dict[int, str], list[OneRosterTeacher], dict[str, str]]:
    """Pupils as roster rows, the users.csv row of each pupil's sourcedId, teachers, and each
    user's role by sourcedId (including the roles that are ignored); the sourcedId of each
    user with a problem goes in ``broken``."""
    pupils: list[RosterRow] = []
    pupil_ids: dict[int, str] = {}
    teachers: list[OneRosterTeacher] = []
    roles: dict[str, str] = {}
    for number, row in unique_rows(reader, "users.csv"):
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


def read_enrolments(
    reader: ExportReader, school_id: str, classes: set[str], roles: dict[str, str], broken: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Who is in which class. An enrolment of a class or user whose own row has a problem is
    skipped without another problem: that row's problem is listed already."""
    pupils_in: dict[str, list[str]] = defaultdict(list)
    teachers_of: dict[str, list[str]] = defaultdict(list)
    pairs: Counter[tuple[str, str]] = Counter()
    for number, row in unique_rows(reader, "enrollments.csv"):

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
