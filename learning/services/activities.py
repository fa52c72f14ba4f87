"""Answers to the knowledge checks and scenarios inside lessons, kept once per pupil and block."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from courses.models import LessonPage
from learning.models import ActivityAnswer, ActivityKind
from learning.scoring import SubmissionRejectedError
from schools.models import Assignment, Pupil

from .progress import locked_progress
from .quizzes import pupil_in_assignment
from .waves import lessons_refusal


def lesson_activity(lesson: LessonPage, block_id: str):
    """The knowledge-check or scenario block of the lesson with this id, or None."""
    for child in lesson.body:
        if child.id == block_id and child.block_type in ActivityKind.values:
            return child
    return None


def knowledge_check_ids(lesson: LessonPage) -> list[str]:
    """The ids of the lesson's knowledge checks, in order: all must be answered to finish it."""
    return [child.id for child in lesson.body if child.block_type == ActivityKind.KNOWLEDGE_CHECK]


def unanswered_checks(*, pupil: Pupil, assignment: Assignment, lesson: LessonPage) -> list[str]:
    """The lesson's knowledge checks this pupil has not answered yet, in lesson order."""
    answered = set(
        ActivityAnswer.objects.filter(pupil=pupil, assignment=assignment, lesson=lesson).values_list(
            "block_id", flat=True
        )
    )
    return [block_id for block_id in knowledge_check_ids(lesson) if block_id not in answered]


@transaction.atomic
def record_activity_answer(
    *,
    pupil: Pupil,
    assignment: Assignment,
    lesson: LessonPage,
    block_id: str,
    choice: int,
    in_class: bool = False,
) -> tuple[ActivityAnswer, bool]:
    """Keep a pupil's answer to a knowledge check or scenario choice; returns (answer, created).

    Only the first answer is kept: it shows what the pupil knew (or chose) before seeing the
    feedback, so answering again, a double click or a resubmitted form returns the stored row
    unchanged. Whether a knowledge-check answer is right is decided here from the lesson's
    block, never by the browser. Live class lessons call this with ``in_class=True``.

    The first answer in any lesson marks the lessons as begun in the pupil's summary
    (``ModuleProgress.first_lesson_at``, as ``recompute_progress`` sets it), which closes
    the questions before the lessons.

    Raises SubmissionRejectedError (nothing stored) for a pupil outside the assignment, a
    lesson outside its module, a block that is not a check or scenario of the lesson, or a
    choice that is not one of the block's.
    """
    if assignment.school_class.school_id != pupil.school_id or not pupil_in_assignment(pupil, assignment):
        raise SubmissionRejectedError("This lesson is not set for you.")
    if lesson.get_parent().pk != assignment.module_id:
        raise SubmissionRejectedError("This lesson is not part of this module.")
    refusal = lessons_refusal(assignment)
    if refusal is not None:
        raise SubmissionRejectedError(refusal)
    block = lesson_activity(lesson, block_id)
    if block is None:
        raise SubmissionRejectedError("This question is not part of this lesson.")
    choices = block.value["choices"]
    if not 0 <= choice < len(choices):
        raise SubmissionRejectedError("Choose one of the answers shown.")
    correct = bool(choices[choice]["correct"]) if block.block_type == ActivityKind.KNOWLEDGE_CHECK else None
    progress = locked_progress(pupil=pupil, assignment=assignment)
    try:
        with transaction.atomic():
            answer = ActivityAnswer.objects.create(
                pupil=pupil,
                assignment=assignment,
                lesson=lesson,
                block_id=block_id,
                kind=block.block_type,
                choice=choice,
                correct=correct,
                in_class=in_class,
            )
    except IntegrityError:
        # Answered before (or the same answer arrived twice at once): the first one stands.
        return ActivityAnswer.objects.get(pupil=pupil, assignment=assignment, lesson=lesson, block_id=block_id), False
    if progress.first_lesson_at is None or answer.answered_at < progress.first_lesson_at:
        # The one summary field an answer in a lesson can change: no full recompute needed.
        progress.first_lesson_at = answer.answered_at
        progress.save(update_fields=["first_lesson_at"])
    return answer, True
