"""A OneRoster export's preview: the checked export, and which pupils are, or may be, already on the system."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.crypto import salted_hmac

from schools.models import Pupil, School
from schools.oneroster.archive import ExportReader
from schools.oneroster.mapping import (
    OneRosterClass,
    OneRosterTeacher,
    read_classes,
    read_enrolments,
    read_users,
    school_sourced_id,
    school_years,
)
from schools.pupil_matching import in_chunks, match_rows
from schools.roster.preview import PREVIEW_ROWS, RosterPreview
from schools.roster.rows import RosterCheck, RosterProblem

MAX_PROBLEMS = 1000


def sourced_id_digest(school_id: int, kind: str, sourced_id: str) -> str:
    """A keyed hash of a MIS sourcedId, so the next export recognises the class or pupil."""
    message = f"{school_id}:{kind}:{sourced_id.strip()}"
    return salted_hmac("respect-online.oneroster", message, algorithm="sha256").hexdigest()


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


def preview_oneroster(*, school: School, content: bytes) -> OneRosterPreview:
    """Check an export and find which of its pupils are, or may be, already on the system.
    Writes nothing."""
    check = RosterCheck()
    reader = ExportReader(content, check.errors)
    if check.errors:
        return OneRosterPreview(check)
    school_id = school_sourced_id(reader, school)
    if school_id is None:
        return OneRosterPreview(check)
    years = school_years(reader)
    broken: set[str] = set()
    classes = read_classes(reader, school_id, years, broken)
    pupils, pupil_ids, teachers, roles = read_users(reader, school_id, broken)
    pupils_in, teachers_of = read_enrolments(reader, school_id, {c.sourced_id for c in classes}, roles, broken)
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
