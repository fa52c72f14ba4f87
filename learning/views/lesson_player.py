"""The lesson player: one slide of a self-paced lesson at a time, its checks, and finishing it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.lesson_deck import module_lessons, module_programme, pupil_slides, slide_html
from learning.models import ActivityKind, LessonProgress
from learning.pupil_reads import ACTIVITY_ANSWER, LESSON_ROW
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer, unanswered_checks
from learning.services.lessons import complete_lesson, record_position
from schools.models import Pupil
from schools.pupil_session import pupil_required

from .pupil_assignments import can_play_alone, get_assignment

CHOOSE_AN_ANSWER = "Choose an answer."


def _slide_number(requested: str | None, row: LessonProgress | None, count: int) -> int:
    """The slide asked for, else where the pupil left off (from the start once finished)."""
    if requested is not None:
        try:
            return min(max(int(requested), 1), count)
        except ValueError:
            pass
    if row is None or row.completed_at is not None:
        return 1
    return min(max(row.last_position, 1), count)


def _chosen_index(value: str | None, count: int) -> int | None:
    try:
        index = int(value or "")
    except ValueError:
        return None
    return index if 0 <= index < count else None


@never_cache
@require_http_methods(["GET", "POST"])
@pupil_required
def lesson_player(request: HttpRequest, pupil: Pupil, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    """One slide of a self-paced lesson at a time. In-class lessons have no player (404),
    except to catch up alone when the module also allows self-paced work.

    GET records how far the pupil got (it only ever moves forward, so repeating it is
    harmless). POST answers a knowledge check or a scenario on this slide (the first answer
    is kept; feedback is shown for every answer, and the form posts to ``#feedback`` so the
    page opens on it), or finishes the lesson from its last slide, which needs every
    knowledge check of the lesson answered, and says so on the next page.
    """
    assignment = get_assignment(pupil, assignment_pk)
    if not can_play_alone(assignment):
        raise Http404("This lesson is taught in class.")
    lessons = module_lessons(assignment.module)
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == lesson_pk), None)
    if index is None:
        raise Http404("No such lesson in this module.")
    lesson = lessons[index]
    programme = module_programme(assignment.module)
    slides = pupil_slides(lesson, programme)
    count = len(slides)
    row = LESSON_ROW.first(pupil_id=pupil.pk, assignment_id=assignment.pk, lesson_id=lesson.pk)
    number = _slide_number(request.GET.get("slide"), row, count)
    slide = slides[number - 1]
    is_activity = slide.block_type in ActivityKind.values
    base = reverse("learning:lesson", args=[assignment.pk, lesson.pk])
    here = f"{base}?slide={number}"
    context = {
        "pupil": pupil,
        "assignment": assignment,
        "module": assignment.module,
        "lesson": lesson,
        "lesson_number": index + 1,
        "lesson_count": len(lessons),
        "slide": slide,
        "slide_number": number,
        "slide_count": count,
        "here": here,
        "previous_url": f"?slide={number - 1}" if number > 1 else None,
        "next_url": f"?slide={number + 1}" if number < count else None,
        "is_last": number == count,
        "lesson_done": row is not None and row.completed_at is not None,
        # Everything but a quick check or scenario (which show the pupil's answer) is the same
        # for every pupil: rendered once per revision.
        "slide_html": None if is_activity else slide_html(lesson, programme, slide),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "finish":
            if number != count:
                return redirect(here)
            try:
                complete_lesson(pupil=pupil, assignment=assignment, lesson=lesson, member_checked=True)
            except SubmissionRejectedError as error:
                numbers = {s.id: n for n, s in enumerate(slides, start=1)}
                missing = unanswered_checks(pupil=pupil, assignment=assignment, lesson=lesson)
                context["finish_error"] = str(error)
                context["unanswered"] = [(numbers[i], f"{base}?slide={numbers[i]}") for i in missing if i in numbers]
                return render(request, "learning/pupil/lesson.html", context, status=400)
            return redirect("learning:lesson_finished", assignment.pk, lesson.pk)
        if action not in {"check", "choose"} or not is_activity:
            return redirect(here)
        choices = slide.bound_block.value["choices"]
        chosen = _chosen_index(request.POST.get("choice"), len(choices))
        if chosen is None:
            context["error"] = CHOOSE_AN_ANSWER
            status = 400
        else:
            record_activity_answer(pupil=pupil, assignment=assignment, lesson=lesson, block_id=slide.id, choice=chosen)
            context.update(chosen=chosen, chosen_choice=choices[chosen])
    else:
        # Going back over slides already seen changes nothing, so it needs no transaction.
        if row is None or number > row.last_position:
            record_position(pupil=pupil, assignment=assignment, lesson=lesson, position=number, member_checked=True)
        if is_activity:
            answer = ACTIVITY_ANSWER.first(
                pupil_id=pupil.pk, assignment_id=assignment.pk, lesson_id=lesson.pk, block_id=slide.id
            )
            if answer is not None and answer.choice < len(slide.bound_block.value["choices"]):
                choices = slide.bound_block.value["choices"]
                context.update(chosen=answer.choice, chosen_choice=choices[answer.choice])
    return render(request, "learning/pupil/lesson.html", context, status=status)
