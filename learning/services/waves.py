"""When each wave of the before-and-after questions is open, so that every pair is in order.

- Before the lessons (the pre quiz and pre survey): only until the pupil starts the first
  lesson, and never once they have answered the same questions after the lessons.
- After the lessons (the end-of-module quiz, the post survey) and the follow-up survey: only
  once every lesson of the module is complete, taught in class, worked through alone or
  caught up. A comparison (wait-list) class answers after at a matched time without the
  lessons: from the assignment's ``post_wave_on`` day.
- The lessons of a comparison class: only from that day too (``lessons_refusal``), so its
  pupils answer before and after without them and have them afterwards. A lesson begun
  before a pupil's answers after still leaves that pupil's pair out (``learning.pair_order``).

Starting a lesson means opening it in the lesson player, answering a quick check or scenario
in it (alone or in a live class), or having it recorded as taught. Each ``*_refusal``
function returns None when the wave is open for the pupil, otherwise the message they are
shown; the services refuse the submission with it and store nothing. These are the rules
that make ``learning.pair_order`` hold for every pair stored from now on.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from courses.lesson_deck import module_lessons
from courses.models import LessonPage
from learning.models import ActivityAnswer, LessonProgress, Wave
from schools.models import Assignment, Pupil

QUIZ, SURVEY = "quiz", "survey"
# What the pupil calls each instrument at each wave.
NAMES: dict[tuple[str, str], str] = {
    (QUIZ, Wave.PRE): "quiz before the lessons",
    (QUIZ, Wave.POST): "end-of-module quiz",
    (SURVEY, Wave.PRE): "survey before the lessons",
    (SURVEY, Wave.POST): "survey after the lessons",
    (SURVEY, Wave.FOLLOW_UP): "follow-up survey",
}


def lessons_started(*, pupil: Pupil, assignment: Assignment) -> bool:
    """Whether the pupil has opened, answered in or been taught any lesson of the assignment."""
    return (
        LessonProgress.objects.filter(pupil=pupil, assignment=assignment).exists()
        or ActivityAnswer.objects.filter(pupil=pupil, assignment=assignment).exists()
    )


def lessons_complete(*, pupil: Pupil, assignment: Assignment, besides: LessonPage | None = None) -> bool:
    """Whether every live lesson of the module is complete for the pupil (a module with none never is).

    ``besides`` is a lesson being taught to the pupil in a live class right now, counted as
    complete (``classroom.services.live_answers`` records it so before storing an answer).
    """
    lesson_ids = {lesson.pk for lesson in module_lessons(assignment.module)}
    if not lesson_ids:
        return False
    done = set(
        LessonProgress.objects.filter(
            pupil=pupil, assignment=assignment, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if besides is not None:
        done.add(besides.pk)
    return lesson_ids <= done


def lessons_refusal(assignment: Assignment, *, today: datetime.date | None = None, teacher: bool = False) -> str | None:
    """Why the lessons are closed to a comparison (wait-list) class before its ``post_wave_on`` day, or None.

    ``teacher``: the message for the class's teacher rather than its pupils.
    """
    opens_on = assignment.post_wave_on
    if not assignment.is_comparison or opens_on is None or (today or timezone.localdate()) >= opens_on:
        return None
    if teacher:
        return (
            f"This is a comparison (wait-list) class: its lessons open on {opens_on:%-d %B %Y}, the day it "
            "answers the quiz and survey again."
        )
    return (
        f"Your class has these lessons later: they open on {opens_on:%-d %B %Y}. That day, answer the quiz "
        "and the survey again before you start them."
    )


def pre_refusal(*, pupil: Pupil, assignment: Assignment, instrument: str, answered_after: bool) -> str | None:
    """Why the questions before the lessons are closed to the pupil, or None when they are open.

    ``answered_after``: the pupil has answered this instrument's questions after the lessons.
    """
    name = NAMES[instrument, Wave.PRE]
    if answered_after:
        return f"The {name} is closed because you have already answered the {NAMES[instrument, Wave.POST]}."
    if lessons_started(pupil=pupil, assignment=assignment):
        return f"The {name} is closed because you have started the lessons."
    return None


def after_refusal(
    *,
    pupil: Pupil,
    assignment: Assignment,
    instrument: str,
    wave: str,
    besides: LessonPage | None = None,
    today: datetime.date | None = None,
) -> str | None:
    """Why the questions after the lessons (or the follow-up) are closed to the pupil, or None when open."""
    name = NAMES[instrument, wave]
    if assignment.is_comparison and wave == Wave.POST:
        opens_on = assignment.post_wave_on
        if opens_on is not None and (today or timezone.localdate()) >= opens_on:
            return None
        return f"The {name} opens on {opens_on:%-d %B %Y}." if opens_on else f"The {name} is not open yet."
    if lessons_complete(pupil=pupil, assignment=assignment, besides=besides):
        return None
    return f"The {name} opens once you have finished every lesson of the module."
