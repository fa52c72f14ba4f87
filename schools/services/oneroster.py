"""Writing a checked OneRoster export: the school's classes, their teachers, and who is in
which class. Pupils themselves are created or matched by ``schools.services.roster``, as for
a class list; this module is called inside the same transaction.

Classes are found by their sourcedId's keyed hash, else by the same name in the same
academic year (a class made by hand before the first export), else created. Teachers are
the school's staff with the email address of the export's teacher; a teacher without an
account is counted and named in the summary (invite them from the staff page), and a class
with no teacher on the system is taught by the person importing until someone is added.
Memberships are only added: a pupil missing from an export is not taken out of a class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from accounts.models import User
from schools.models import ClassMembership, Pupil, School, SchoolClass
from schools.oneroster.mapping import OneRosterClass
from schools.oneroster.preview import OneRosterPreview, sourced_id_digest
from schools.pupil_codes import CLASS_CODE_LENGTH, new_code
from schools.pupil_matching import in_chunks

from .classes import create_class

BATCH_SIZE = 500


def _staff_by_email(school: School, emails: Sequence[str]) -> dict[str, User]:
    found = User.objects.filter(memberships__school=school, email__in=[e for e in emails if e], is_active=True)
    return {user.email.lower(): user for user in found}


def summarise(*, school: School, preview: OneRosterPreview) -> dict[str, Any]:
    """What the preview page shows besides the pupils: classes new or already here, and which
    teachers have an account at the school."""
    digests = [sourced_id_digest(school.pk, "class", c.sourced_id) for c in preview.classes]
    existing: set[str] = set()
    for chunk in in_chunks(digests):
        existing.update(
            SchoolClass.objects.filter(school=school, sourced_id_digest__in=chunk).values_list(
                "sourced_id_digest", flat=True
            )
        )
    staff = _staff_by_email(school, [t.email for t in preview.teachers])
    summary = preview.summary()
    summary["new_classes"] = sum(1 for digest in digests if digest not in existing)
    summary["teachers_without_account"] = sorted(
        f"{t.name} ({t.email})" if t.email else t.name for t in preview.teachers if t.email not in staff
    )
    return summary


def _find_or_create_class(school: School, found: OneRosterClass, teacher: User | None) -> tuple[SchoolClass, bool]:
    """The class of this sourcedId, or of this name and year made by hand, or a new one."""
    digest = sourced_id_digest(school.pk, "class", found.sourced_id)
    school_class = (
        SchoolClass.objects.filter(school=school, sourced_id_digest=digest).first()
        or SchoolClass.objects.filter(
            school=school, academic_year=found.academic_year, name=found.title, sourced_id_digest=""
        ).first()
    )
    created = school_class is None
    if school_class is None:
        if teacher is not None:
            school_class = create_class(
                school=school,
                name=found.title,
                year_group=found.year_group,
                academic_year=found.academic_year,
                teacher=teacher,
            )
        else:
            school_class = SchoolClass.objects.create(
                school=school,
                name=found.title,
                year_group=found.year_group,
                academic_year=found.academic_year,
                class_code=new_code(CLASS_CODE_LENGTH),
            )
    SchoolClass.objects.filter(pk=school_class.pk).update(sourced_id_digest=digest)
    return school_class, created


def place_in_classes(
    *, school: School, preview: OneRosterPreview, pupil_by_row: Mapping[int, int], actor: User | None
) -> dict[str, int]:
    """Record each pupil's sourcedId, make or find the classes, set their teachers and add
    their pupils. Returns counts for the audit log."""
    sourced_pk = {preview.pupil_ids[row]: pk for row, pk in pupil_by_row.items()}
    without = set(
        Pupil.objects.filter(pk__in=list(sourced_pk.values()), sourced_id_digest="").values_list("pk", flat=True)
    )
    Pupil.objects.bulk_update(
        [
            Pupil(pk=pk, sourced_id_digest=sourced_id_digest(school.pk, "user", sid))
            for sid, pk in sourced_pk.items()
            if pk in without
        ],
        ["sourced_id_digest"],
        batch_size=BATCH_SIZE,
    )
    staff = _staff_by_email(school, [t.email for t in preview.teachers])
    teacher_of = {t.sourced_id: staff.get(t.email) for t in preview.teachers}
    counts = {"classes_created": 0, "classes_found": 0, "teachers_linked": 0, "memberships_added": 0}
    fallback = actor if actor is not None and actor.is_authenticated else None
    for found in preview.classes:
        teachers = [u for sid in preview.teachers_of.get(found.sourced_id, []) if (u := teacher_of.get(sid))]
        school_class, created = _find_or_create_class(school, found, teachers[0] if teachers else fallback)
        counts["classes_created" if created else "classes_found"] += 1
        before = set(school_class.teachers.values_list("pk", flat=True))
        school_class.teachers.add(*teachers)
        counts["teachers_linked"] += len({u.pk for u in teachers} - before)
        pupils = [sourced_pk[sid] for sid in preview.pupils_in.get(found.sourced_id, []) if sid in sourced_pk]
        current: set[int] = set()
        for chunk in in_chunks(pupils):
            current.update(
                ClassMembership.objects.current()
                .filter(school_class=school_class, pupil_id__in=chunk)
                .values_list("pupil_id", flat=True)
            )
        added = [ClassMembership(pupil_id=pk, school_class=school_class) for pk in pupils if pk not in current]
        ClassMembership.objects.bulk_create(added, batch_size=BATCH_SIZE)
        counts["memberships_added"] += len(added)
    return counts
