"""The reads a pupil's pages make on every request, each written once and compiled once.

A pupil pages through slides all lesson long, so these few reads run more often than anything
else in the site. Each is a queryset (the one place its rule is written) run as SQL compiled
once per database (``config.prepared_query``), about a millisecond less each than building the
queryset again. Every one is scoped by the pupil's own id, taken from their session.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery

from config.prepared_query import PreparedQuery
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress, QuizAttempt, Wave
from schools.models import Assignment


def assignments_open_on(pupil_id: int, today: date) -> QuerySet[Assignment]:
    """Assignments of the classes the pupil is in now (not archived) that have opened by ``today``."""
    return Assignment.objects.for_pupil(pupil_id, today).select_related("school_class")


# One of the pupil's open assignments (any other id: none).
OPEN_ASSIGNMENT = PreparedQuery(
    lambda pupil_id, assignment_id, today: assignments_open_on(pupil_id, today).filter(pk=assignment_id),
    pupil_id=int,
    assignment_id=int,
    today=date,
)


def _place(pupil_id: int, lesson_id: int, column: str) -> Subquery:
    """A column of the pupil's row of one lesson of the assignment, NULL while they have none."""
    rows = LessonProgress.objects.filter(pupil_id=pupil_id, assignment_id=OuterRef("pk"), lesson_id=lesson_id)
    return Subquery(rows.order_by("pk").values(column)[:1])


# One of the pupil's open assignments with their place in one of its lessons, in one statement: the
# lesson player reads both on every slide. ``place`` (the slide reached) is NULL with no row.
OPEN_ASSIGNMENT_AND_PLACE = PreparedQuery(
    lambda pupil_id, assignment_id, today, lesson_id: (
        assignments_open_on(pupil_id, today)
        .filter(pk=assignment_id)
        .annotate(
            place=_place(pupil_id, lesson_id, "last_position"), place_done=_place(pupil_id, lesson_id, "completed_at")
        )
    ),
    pupil_id=int,
    assignment_id=int,
    today=date,
    lesson_id=int,
)

# All the pupil's open assignments, the soonest due first (the pupil's home).
OPEN_ASSIGNMENTS = PreparedQuery(
    lambda pupil_id, today: assignments_open_on(pupil_id, today).order_by(
        F("due_on").asc(nulls_last=True), "opens_on", "pk"
    ),
    pupil_id=int,
    today=date,
)

# The pupil's summary rows, of every assignment (a pupil has a handful).
PUPIL_SUMMARIES = PreparedQuery(lambda pupil_id: ModuleProgress.objects.filter(pupil_id=pupil_id), pupil_id=int)

# The pupil's summary row of one assignment.
SUMMARY = PreparedQuery(
    lambda pupil_id, assignment_id: ModuleProgress.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id
    ).order_by("pk")[:1],
    pupil_id=int,
    assignment_id=int,
)

# The pupil's rows of the lessons of one assignment, and of one lesson.
LESSON_ROWS = PreparedQuery(
    lambda pupil_id, assignment_id: LessonProgress.objects.filter(pupil_id=pupil_id, assignment_id=assignment_id),
    pupil_id=int,
    assignment_id=int,
)
LESSON_ROW = PreparedQuery(
    lambda pupil_id, assignment_id, lesson_id: LessonProgress.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id, lesson_id=lesson_id
    ).order_by("pk")[:1],
    pupil_id=int,
    assignment_id=int,
    lesson_id=int,
)

# The pupil's end-of-module quiz attempts in one assignment, first first.
POST_ATTEMPTS = PreparedQuery(
    lambda pupil_id, assignment_id: QuizAttempt.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id, wave=Wave.POST
    ).order_by("number"),
    pupil_id=int,
    assignment_id=int,
)

# The pupil's answer to one quick check or scenario.
ACTIVITY_ANSWER = PreparedQuery(
    lambda pupil_id, assignment_id, lesson_id, block_id: ActivityAnswer.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id, lesson_id=lesson_id, block_id=block_id
    ).order_by("pk")[:1],
    pupil_id=int,
    assignment_id=int,
    lesson_id=int,
    block_id=str,
)
