"""The page a pupil lands on after "Finish lesson": the lesson is done, and what comes next."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from courses.lesson_deck import module_lessons
from learning.models import LessonProgress, ModuleProgress
from schools.models import Pupil
from schools.pupil_session import pupil_required

from .pupil_assignments import can_play_alone, get_assignment


@never_cache
@pupil_required
def lesson_finished(request: HttpRequest, pupil: Pupil, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    """Says the lesson is finished before moving on: the next lesson, or back to the module
    (where the quiz and the questions after the lessons wait). 404 until the pupil has finished it."""
    assignment = get_assignment(pupil, assignment_pk)
    lessons = module_lessons(assignment.module)
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == lesson_pk), None)
    done = LessonProgress.objects.filter(
        pupil=pupil, assignment=assignment, lesson_id=lesson_pk, completed_at__isnull=False
    ).exists()
    if index is None or not done:
        raise Http404("This lesson is not finished.")
    progress = ModuleProgress.objects.filter(pupil=pupil, assignment=assignment).first()
    following = lessons[index + 1] if index + 1 < len(lessons) and can_play_alone(assignment) else None
    return render(
        request,
        "learning/pupil/lesson_finished.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "module": assignment.module,
            "lesson": lessons[index],
            "lesson_number": index + 1,
            "lesson_count": len(lessons),
            "lessons_done": progress.lessons_done if progress else 1,
            "next_lesson": following,
            "next_number": index + 2,
        },
    )
