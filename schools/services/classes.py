from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from schools.models import AuditAction, School, SchoolClass
from schools.pupil_codes import CLASS_CODE_LENGTH, new_code

from .audit import record_audit

CODE_ATTEMPTS = 10


def current_academic_year(today=None) -> int:
    """English academic years start in September."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def create_class(*, school: School, name: str, year_group: int, academic_year: int, teacher: User) -> SchoolClass:
    """Create a class with a fresh class code; the creating teacher teaches it."""
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                school_class = SchoolClass.objects.create(
                    school=school,
                    name=name.strip(),
                    year_group=year_group,
                    academic_year=academic_year,
                    class_code=new_code(CLASS_CODE_LENGTH),
                )
                school_class.teachers.add(teacher)
                return school_class
        except IntegrityError:
            if SchoolClass.objects.filter(school=school, academic_year=academic_year, name=name.strip()).exists():
                raise
    raise RuntimeError("Could not find a free class code.")


@transaction.atomic
def archive_class(*, school_class: SchoolClass, actor: User) -> None:
    """Archive a class at the end of the year: pupils can no longer sign in with its code."""
    if school_class.archived_at is not None:
        return
    school_class.archived_at = timezone.now()
    school_class.save(update_fields=["archived_at"])
    record_audit(
        actor=actor,
        school=school_class.school,
        action=AuditAction.CLASS_ARCHIVED,
        summary=f"Archived class {school_class.name}",
        target=school_class,
    )
