from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from courses.models import LessonPage
from learning.models import LessonProgress
from learning.pupil_reads import LESSON_ROW
from learning.scoring import SubmissionRejectedError
from schools.models import Assignment, Pupil

from .activities import unanswered_checks
from .progress import locked_progress, recompute_progress
from .quizzes import pupil_in_assignment
from .waves import lessons_refusal


def _check(pupil: Pupil, assignment: Assignment, lesson: LessonPage, *, member_checked: bool = False) -> None:
    """The pupil is in the assignment's class (unless ``member_checked``: the caller read the
    assignment through the pupil's own scope, ``learning.pupil_reads``) and the lesson is one of
    its module's (its page is a child of the module's in the page tree: no query)."""
    if not member_checked and not pupil_in_assignment(pupil, assignment):
        raise SubmissionRejectedError("This lesson is not set for you.")
    module = assignment.module
    if not (lesson.path.startswith(module.path) and lesson.depth == module.depth + 1):
        raise SubmissionRejectedError("This lesson is not part of this module.")
    refusal = lessons_refusal(assignment)
    if refusal is not None:
        raise SubmissionRejectedError(refusal)


@transaction.atomic
def record_position(
    *, pupil: Pupil, assignment: Assignment, lesson: LessonPage, position: int, member_checked: bool = False
) -> LessonProgress:
    """Remember the slide a pupil reached, so they resume there.

    Called on every slide a pupil views: going back over slides already seen changes no
    row, so the summary is recomputed only when the position moves on. The pupil's lesson rows
    change only under their summary's lock, so the row is read, then made or moved on, with no
    savepoint for a race that cannot happen.
    """
    _check(pupil, assignment, lesson, member_checked=member_checked)
    progress = locked_progress(pupil=pupil, assignment=assignment)
    row = LESSON_ROW.first(pupil_id=pupil.pk, assignment_id=assignment.pk, lesson_id=lesson.pk)
    if row is None:
        row = LessonProgress.objects.create(pupil=pupil, assignment=assignment, lesson=lesson, last_position=position)
    elif position > row.last_position:
        row.last_position = position
        row.save(update_fields=["last_position", "updated_at"])
    else:
        return row
    recompute_progress(progress)
    return row


@transaction.atomic
def complete_lesson(
    *,
    pupil: Pupil,
    assignment: Assignment,
    lesson: LessonPage,
    taught_in_class: bool = False,
    member_checked: bool = False,
) -> LessonProgress:
    """Mark a lesson complete for a pupil (reached its end, or taught to them in class). Idempotent.

    A pupil working alone finishes a lesson only once every knowledge check in it is
    answered (SubmissionRejectedError otherwise, nothing stored). A lesson taught in class
    is complete for the pupils on the register whatever they answered.
    """
    _check(pupil, assignment, lesson, member_checked=member_checked)
    progress = locked_progress(pupil=pupil, assignment=assignment)
    row, _ = LessonProgress.objects.get_or_create(pupil=pupil, assignment=assignment, lesson=lesson)
    if row.completed_at is None:
        if not taught_in_class and unanswered_checks(pupil=pupil, assignment=assignment, lesson=lesson):
            raise SubmissionRejectedError("Answer the quick checks in this lesson before you finish it.")
        row.completed_at = timezone.now()
        row.taught_in_class = taught_in_class
        row.save(update_fields=["completed_at", "taught_in_class", "updated_at"])
    recompute_progress(progress)
    return row


def record_lesson_taught(*, assignment: Assignment, lesson: LessonPage, pupils: Iterable[Pupil]) -> int:
    """A teacher taught the lesson to these pupils in class (the register). Returns how many."""
    count = 0
    for pupil in pupils:
        complete_lesson(pupil=pupil, assignment=assignment, lesson=lesson, taught_in_class=True)
        count += 1
    return count
