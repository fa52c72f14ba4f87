"""Pupils' answers during a live lesson, stored by the same services as work done alone.

Each function checks only what is particular to the live lesson (the pupil joined it, and
it is still taking answers); the learning services check the rest, store each answer
exactly once and update the pupil's ModuleProgress in the same transaction.

Quick checks and scenarios are answered afresh in every teaching of a lesson (``LiveAnswer``,
one per pupil, block and live lesson), while the first answer the pupil ever gave stays the
one that counts for the evaluation (``ActivityAnswer``). A quiz in a live lesson is a new
attempt (practice after the first); the surveys are answered once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import IntegrityError, transaction

from classroom.models import Attendance, LiveAnswer, LiveSession
from courses.models import QuizVersion, SurveyVersion
from learning.models import QuizAttempt, SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer
from learning.services.lessons import complete_lesson
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import submit_survey_response
from schools.models import Pupil

from .live import QUIZ_WAVES, SURVEY_WAVES, accepts_answers

NOT_JOINED = "Join the lesson first."
CLOSED = "This lesson has ended, so answers are no longer taken."


def _check(session: LiveSession, pupil: Pupil) -> None:
    if not accepts_answers(session):
        raise SubmissionRejectedError(CLOSED)
    if not Attendance.objects.filter(session=session, pupil=pupil).exists():
        raise SubmissionRejectedError(NOT_JOINED)


def _taught_before_answers_after(session: LiveSession, pupil: Pupil, wave: str) -> None:
    """Before an answer after the lessons: this live lesson is taught to the pupil, who joined it.

    The teacher opens the end-of-module quiz and the survey after the lessons at the end of
    the lesson, so the pupil answering them has been taught it (the register later records
    the same). The questions after the lessons open only once every lesson is complete, so
    this is recorded first, in the caller's transaction: a refused answer undoes it too.
    """
    if wave != Wave.PRE:
        complete_lesson(pupil=pupil, assignment=session.assignment, lesson=session.lesson, taught_in_class=True)


@transaction.atomic
def answer_block(*, session: LiveSession, pupil: Pupil, block_id: str, choice: int) -> tuple[LiveAnswer, bool]:
    """A pupil's choice in a knowledge check or scenario of this live lesson; their first one in it stands.

    Returns (answer in this lesson, created). The first answer the pupil ever gave to the block
    is kept for the evaluation as well, by the learning service. Raises
    SubmissionRejectedError (nothing stored).
    """
    _check(session, pupil)
    record_activity_answer(
        pupil=pupil,
        assignment=session.assignment,
        lesson=session.lesson,
        block_id=block_id,
        choice=choice,
        in_class=True,
    )
    attendance = Attendance.objects.get(session=session, pupil=pupil)
    try:
        with transaction.atomic():
            return LiveAnswer.objects.create(attendance=attendance, block_id=block_id, choice=choice), True
    except IntegrityError:
        # Answered already in this lesson (or the same answer arrived twice at once): the first stands.
        return LiveAnswer.objects.get(attendance=attendance, block_id=block_id), False


def answer_quiz(
    *,
    session: LiveSession,
    pupil: Pupil,
    activity: str,
    version: QuizVersion,
    answers: Mapping[str, Sequence[str]],
    key: uuid.UUID,
) -> QuizAttempt:
    """The module quiz (``activity`` "quiz") or the quiz before the lessons ("pre_quiz"), exactly once per key.

    The module quiz marks this lesson taught to the pupil first (``_taught_before_answers_after``).
    """
    _check(session, pupil)
    if activity not in QUIZ_WAVES:
        raise SubmissionRejectedError("This is not a quiz of this lesson.")
    with transaction.atomic():
        _taught_before_answers_after(session, pupil, QUIZ_WAVES[activity])
        return submit_quiz_attempt(
            pupil=pupil,
            assignment=session.assignment,
            version=version,
            answers=answers,
            key=key,
            wave=QUIZ_WAVES[activity],
        )


def answer_survey(
    *,
    session: LiveSession,
    pupil: Pupil,
    activity: str,
    version: SurveyVersion,
    answers: Mapping[str, str],
    key: uuid.UUID,
    skipped: bool = False,
    started_at: datetime | None = None,
) -> SurveyResponse:
    """The survey before ("pre_survey") or after ("post_survey") the module, exactly once per key.

    The survey after marks this lesson taught to the pupil first (``_taught_before_answers_after``).
    """
    _check(session, pupil)
    if activity not in SURVEY_WAVES:
        raise SubmissionRejectedError("This is not a survey of this lesson.")
    with transaction.atomic():
        _taught_before_answers_after(session, pupil, SURVEY_WAVES[activity])
        return submit_survey_response(
            pupil=pupil,
            assignment=session.assignment,
            version=version,
            answers=answers,
            key=key,
            wave=SURVEY_WAVES[activity],
            skipped=skipped,
            started_at=started_at,
        )
