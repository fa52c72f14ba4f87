"""The register of a live lesson: who was there, the teacher's corrections, and marking the lesson taught."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from classroom.models import Attendance, AttendanceSource, LiveSession
from learning.models import LessonProgress
from learning.services.lessons import record_lesson_taught
from schools.models import AuditAction, Pupil
from schools.services.audit import record_audit

from .live import end_session


class RegisterRejectedError(ValueError):
    """The register named a pupil who is not in the class."""


@dataclass
class RegisterRow:
    pupil: Pupil
    present: bool
    joined_at: datetime | None
    corrected: bool
    lesson_done: bool
    in_class: bool


def _members(session: LiveSession) -> list[Pupil]:
    return list(Pupil.objects.in_class(session.school_class_id).order_by("last_name", "first_name", "pk"))


def class_member_ids(*, session: LiveSession) -> set[int]:
    """Every pupil in the session's class now: "Mark everyone present" ticks these."""
    return {pupil.pk for pupil in _members(session)}


def register_rows(*, session: LiveSession) -> list[RegisterRow]:
    """Every pupil in the class now, and anyone who joined but has since left it, in name order.

    A constant number of queries whatever the class size.
    """
    members = _members(session)
    member_ids = {pupil.pk for pupil in members}
    attendance = {row.pupil_id: row for row in Attendance.objects.filter(session=session).select_related("pupil")}
    left = [row.pupil for pupil_id, row in attendance.items() if pupil_id not in member_ids]
    done = set(
        LessonProgress.objects.filter(
            assignment_id=session.assignment_id, lesson_id=session.lesson_id, completed_at__isnull=False
        ).values_list("pupil_id", flat=True)
    )
    rows = []
    for pupil in sorted(members + left, key=lambda p: (p.last_name, p.first_name, p.pk)):
        row = attendance.get(pupil.pk)
        rows.append(
            RegisterRow(
                pupil=pupil,
                present=row is not None and row.present,
                joined_at=row.joined_at if row is not None else None,
                corrected=row is not None and row.source == AttendanceSource.TEACHER,
                lesson_done=pupil.pk in done,
                in_class=pupil.pk in member_ids,
            )
        )
    return rows


@transaction.atomic
def save_register(*, session: LiveSession, present_ids: Collection[int], actor: User, mark_taught: bool = False) -> int:
    """Set who was present (the teacher's word is final), and optionally mark the lesson taught.

    Marking it taught completes the lesson for every present pupil still in the class and
    updates their ModuleProgress, in this same transaction as the register: either all of
    it is stored or none. It ends the session if it is still running. Returns the number
    of pupils the lesson was marked taught for (0 without ``mark_taught``).

    Raises RegisterRejectedError (nothing stored) if ``present_ids`` names a pupil who is
    neither in the class nor on the register.
    """
    session = (
        LiveSession.objects.select_for_update().select_related("school_class__school", "lesson").get(pk=session.pk)
    )
    members = {pupil.pk: pupil for pupil in _members(session)}
    attendance = {row.pupil_id: row for row in Attendance.objects.filter(session=session)}
    wanted = set(present_ids)
    if wanted - set(members) - set(attendance):
        raise RegisterRejectedError("The register can only list pupils in this class.")
    added: list[int] = []
    removed: list[int] = []
    for pupil_id in sorted(set(members) | set(attendance)):
        present = pupil_id in wanted
        row = attendance.get(pupil_id)
        if row is None:
            if present:
                Attendance.objects.create(
                    session=session, pupil_id=pupil_id, present=True, source=AttendanceSource.TEACHER
                )
                added.append(pupil_id)
        elif row.present != present:
            row.present = present
            row.source = AttendanceSource.TEACHER
            row.save(update_fields=["present", "source", "updated_at"])
            (added if present else removed).append(pupil_id)
    school_class, lesson = session.school_class, session.lesson
    if added or removed:
        record_audit(
            actor=actor,
            school=school_class.school,
            action=AuditAction.REGISTER_CORRECTED,
            summary=(
                f"Corrected the register of {school_class.name} for {lesson.title}: "
                f"{len(added)} marked present, {len(removed)} marked absent"
            ),
            target=session,
            detail={"present": added, "absent": removed},
        )
    if not mark_taught:
        return 0
    end_session(session=session)
    taught = record_lesson_taught(
        assignment=session.assignment,
        lesson=lesson,
        pupils=[members[pupil_id] for pupil_id in sorted(wanted) if pupil_id in members],
    )
    LiveSession.objects.filter(pk=session.pk).update(lesson_recorded_at=timezone.now())
    record_audit(
        actor=actor,
        school=school_class.school,
        action=AuditAction.LESSON_TAUGHT,
        summary=f"Marked {lesson.title} taught to {taught} pupil{'' if taught == 1 else 's'} of {school_class.name}",
        target=session,
        detail={"lesson": lesson.pk, "pupils": taught},
    )
    return taught


def needs_catch_up(*, session: LiveSession, rows: list[RegisterRow] | None = None) -> list[Pupil]:
    """Pupils in the class who were not present and have not done the lesson some other way.

    ``rows`` are the session's ``register_rows`` when the caller has them already.
    """
    rows = register_rows(session=session) if rows is None else rows
    return [row.pupil for row in rows if row.in_class and not row.present and not row.lesson_done]


def catch_up_is_self_paced(*, session: LiveSession) -> bool:
    """Whether absent pupils can catch up alone: only where the module allows self-paced work."""
    return session.assignment.module.can_be_self_paced
