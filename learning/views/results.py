"""What a pupil has done: every quiz attempt and finished module, and a finished module's certificate."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from learning.models import ModuleProgress, QuizAttempt, Wave
from schools.models import Pupil
from schools.pupil_session import pupil_required

from .pupil_assignments import get_assignment, open_assignments
from .quiz import completion_only


@never_cache
@pupil_required
def pupil_results(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """Every quiz attempt, said for what it is (before the lessons; the end-of-module quiz's first
    try, which counts; practice), and each finished module."""
    assignments = open_assignments(pupil)
    attempts = sorted(
        QuizAttempt.objects.filter(pupil=pupil, assignment__in=assignments.values("pk")).select_related(
            "assignment__module", "quiz_version"
        ),
        # Per module: the quiz before the lessons, then the end-of-module quiz's tries in order.
        key=lambda attempt: (attempt.assignment_id, attempt.wave != Wave.PRE, attempt.number),
    )
    for attempt in attempts:
        attempt.completion_only = completion_only(attempt.assignment.module)
    finished = (
        ModuleProgress.objects.filter(pupil=pupil, assignment__in=assignments.values("pk"), completed_at__isnull=False)
        .select_related("assignment__module")
        .order_by("completed_at")
    )
    return render(
        request,
        "learning/pupil/results.html",
        {"pupil": pupil, "attempts": attempts, "finished": list(finished)},
    )


@never_cache
@pupil_required
def certificate(request: HttpRequest, pupil: Pupil, assignment_pk: int) -> HttpResponse:
    """A printable certificate for a finished module; 404 until it is finished."""
    assignment = get_assignment(pupil, assignment_pk)
    progress = get_object_or_404(ModuleProgress, pupil=pupil, assignment=assignment, completed_at__isnull=False)
    return render(
        request,
        "learning/pupil/certificate.html",
        {"pupil": pupil, "assignment": assignment, "module": assignment.module, "progress": progress},
    )
