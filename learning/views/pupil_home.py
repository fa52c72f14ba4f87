"""The pupil's home page (their work) and a module's page (its lessons, quiz and surveys)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from courses.lesson_deck import module_lessons, with_modules
from courses.models import LessonPage
from learning.models import LessonProgress, ModuleProgress, Wave
from learning.pupil_reads import LESSON_ROWS, OPEN_ASSIGNMENTS, POST_ATTEMPTS, PUPIL_SUMMARIES
from learning.services.quizzes import pre_quiz_offered
from learning.services.surveys import survey_offered
from learning.services.waves import lessons_refusal
from schools.models import Assignment, Pupil
from schools.models.assignments import Delivery
from schools.pupil_session import pupil_required

from .pupil_assignments import can_play_alone, get_assignment, module_progress


@dataclass
class WorkCard:
    """One assignment on the pupil's home page."""

    assignment: Assignment
    progress: ModuleProgress | None

    @property
    def percent(self) -> int:
        return self.progress.percent if self.progress else 0

    @property
    def finished(self) -> bool:
        return self.progress is not None and self.progress.is_complete

    @property
    def in_class(self) -> bool:
        return self.assignment.delivery == Delivery.IN_CLASS

    @property
    def next_step(self) -> str:
        """What to do next, in the pupil's words. Read from the summary row only (no queries)."""
        progress = self.progress
        if progress is not None and progress.is_complete:
            return "Finished"
        if progress is None or (progress.lessons_done == 0 and progress.quiz_attempts == 0):
            return "Start"
        lessons_left = progress.lessons_total == 0 or progress.lessons_done < progress.lessons_total
        if not lessons_left and self.assignment.module.knowledge_quiz_id and progress.quiz_attempts == 0:
            return "Take the quiz"
        return "Carry on"

    @property
    def next_url(self) -> str:
        if self.next_step == "Take the quiz":
            return reverse("learning:quiz", args=[self.assignment.pk])
        if self.next_step == "Finished":
            return reverse("learning:certificate", args=[self.assignment.pk])
        return reverse("learning:assignment", args=[self.assignment.pk])


@never_cache
@pupil_required
def pupil_home(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """The pupil's work: open assignments with progress first, then finished ones."""
    # The modules from the content kept per published revision; the pupil's summaries in one query.
    assignments = with_modules(OPEN_ASSIGNMENTS.run(pupil_id=pupil.pk, today=timezone.localdate()))
    summaries = {row.assignment_id: row for row in PUPIL_SUMMARIES.run(pupil_id=pupil.pk)}
    cards = [WorkCard(assignment, summaries.get(assignment.pk)) for assignment in assignments]
    return render(
        request,
        "learning/pupil/home.html",
        {
            "pupil": pupil,
            "open_work": [card for card in cards if not card.finished],
            "finished_work": [card for card in cards if card.finished],
        },
    )


@dataclass
class LessonRow:
    lesson: LessonPage
    number: int
    row: LessonProgress | None

    @property
    def done(self) -> bool:
        return self.row is not None and self.row.completed_at is not None

    @property
    def started(self) -> bool:
        return self.row is not None


@never_cache
@pupil_required
def assignment_detail(request: HttpRequest, pupil: Pupil, assignment_pk: int) -> HttpResponse:
    """The lessons of an assignment in order, with the pupil's status, and the quiz."""
    assignment = get_assignment(pupil, assignment_pk)
    rows = {row.lesson_id: row for row in LESSON_ROWS.run(pupil_id=pupil.pk, assignment_id=assignment.pk)}
    lessons = [
        LessonRow(lesson, number, rows.get(lesson.pk))
        for number, lesson in enumerate(module_lessons(assignment.module), start=1)
    ]
    # A comparison (wait-list) class has the lessons only from its answers after.
    lessons_later = lessons_refusal(assignment)
    return render(
        request,
        "learning/pupil/assignment.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "module": assignment.module,
            "in_class": assignment.delivery == Delivery.IN_CLASS,
            "catch_up": assignment.delivery == Delivery.IN_CLASS and can_play_alone(assignment) and not lessons_later,
            "lessons_later": lessons_later,
            "lessons": lessons,
            "progress": module_progress(pupil, assignment),
            "attempts": POST_ATTEMPTS.run(pupil_id=pupil.pk, assignment_id=assignment.pk),
            "has_quiz": assignment.module.knowledge_quiz_id is not None,
            "pre_survey": survey_offered(pupil=pupil, assignment=assignment, wave=Wave.PRE),
            "pre_quiz": pre_quiz_offered(pupil=pupil, assignment=assignment),
            "post_survey": survey_offered(pupil=pupil, assignment=assignment, wave=Wave.POST),
        },
    )
