"""The lesson player: one slide of a self-paced lesson at a time, its checks, and finishing it."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.messages import get_messages
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.lesson_deck import module_lessons, module_programme, pupil_slides, slide_html
from courses.models import LessonPage, ProgrammePage
from courses.models.modules import Slide
from courses.page_shell import kept_shell, stand_in, stand_in_id
from learning.models import ActivityKind
from learning.pupil_reads import ACTIVITY_ANSWER
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer, unanswered_checks
from learning.services.lessons import complete_lesson, record_position
from learning.services.waves import lessons_refusal
from schools.models import Assignment, Pupil
from schools.pupil_session import pupil_required

from .pupil_assignments import Place, can_play_alone, get_assignment_and_place

CHOOSE_AN_ANSWER = "Choose an answer."


def _slide_number(requested: str | None, row: Place | None, count: int) -> int:
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


@dataclass(frozen=True)
class SlidePlace:
    """Where a slide is: its lesson (``index`` in the module's ``lessons``), the lesson's slides as
    pupils see them, the slide's ``number`` (from 1) and the module's programme."""

    lesson: LessonPage
    index: int
    lessons: list[LessonPage]
    slides: list[Slide]
    number: int
    programme: ProgrammePage

    @property
    def slide(self) -> Slide:
        return self.slides[self.number - 1]


def _slide_context(assignment: Any, place: SlidePlace) -> dict[str, Any]:
    """What the slide's page shows that is the same for every pupil of ``assignment`` on it."""
    count, number, slide = len(place.slides), place.number, place.slide
    here = f"{reverse('learning:lesson', args=[assignment.pk, place.lesson.pk])}?slide={number}"
    return {
        "assignment": assignment,
        "module": assignment.module,
        "lesson": place.lesson,
        "lesson_number": place.index + 1,
        "lesson_count": len(place.lessons),
        "slide": slide,
        "slide_number": number,
        "slide_count": count,
        "here": here,
        "previous_url": f"?slide={number - 1}" if number > 1 else None,
        "next_url": f"?slide={number + 1}" if number < count else None,
        "is_last": number == count,
        # Everything but a quick check or scenario (which show the pupil's answer) is the same
        # for every pupil: rendered once per revision.
        "slide_html": None
        if slide.block_type in ActivityKind.values
        else slide_html(place.lesson, place.programme, slide),
    }


def _answer_shown(pupil: Pupil, assignment: Assignment, lesson: LessonPage, slide: Slide) -> int | None:
    """The choice the pupil made on this quick check or scenario, if it is still one of its choices."""
    answer = ACTIVITY_ANSWER.first(
        pupil_id=pupil.pk, assignment_id=assignment.pk, lesson_id=lesson.pk, block_id=slide.id
    )
    if answer is None or answer.choice >= len(slide.bound_block.value["choices"]):
        return None
    return answer.choice


def _same_for_every_pupil(
    request: HttpRequest, pupil: Pupil, assignment: Assignment, place: SlidePlace, chosen: int | None
) -> HttpResponse:
    """A slide as shown to every pupil on it who chose ``chosen`` (None: not answered, or not a
    quick check or scenario), from its page rendered once per content generation
    (``courses.page_shell``) with stand-ins for the form token, the pupil's first name and the
    assignment's id, filled in with this request's own."""
    module = assignment.module

    def render_shell() -> str:
        anyone = SimpleNamespace(pk=stand_in_id("assignment"), module=module)
        context = _slide_context(anyone, place)
        context.update(
            csrf_token=stand_in("csrf_token"),
            signed_in_pupil=SimpleNamespace(first_name=stand_in("first_name")),
            messages=(),
        )
        if chosen is not None:
            context.update(chosen=chosen, chosen_choice=place.slide.bound_block.value["choices"][chosen])
        return render_to_string("learning/pupil/lesson.html", context, request)

    lesson, programme = place.lesson, place.programme
    parts = (
        "pupil-slide",
        module.pk,
        module.live_revision_id,
        lesson.pk,
        lesson.live_revision_id,
        programme.pk,
        programme.live_revision_id,
        place.number,
        chosen,
    )
    shell = kept_shell(parts, render_shell)
    mine = {"csrf_token": get_token(request), "first_name": escape(pupil.first_name), "assignment": str(assignment.pk)}
    return HttpResponse(shell.fill(mine))


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
    assignment, row = get_assignment_and_place(pupil, assignment_pk, lesson_pk)
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
    number = _slide_number(request.GET.get("slide"), row, count)
    place = SlidePlace(lesson, index, lessons, slides, number, programme)
    slide = place.slide
    is_activity = slide.block_type in ActivityKind.values
    chosen: int | None = None
    # A comparison (wait-list) class before its answers after: the lessons wait, and nothing is stored.
    refusal = lessons_refusal(assignment)
    if refusal is not None and request.method == "GET":
        messages.info(request, refusal)
        return redirect("learning:assignment", assignment.pk)
    if request.method == "GET":
        # Going back over slides already seen changes nothing, so it needs no transaction.
        if row is None or number > row.last_position:
            record_position(pupil=pupil, assignment=assignment, lesson=lesson, position=number, member_checked=True)
        if is_activity:
            chosen = _answer_shown(pupil, assignment, lesson, slide)
        if not request.user.is_authenticated and not get_messages(request):
            return _same_for_every_pupil(request, pupil, assignment, place, chosen)
    context = _slide_context(assignment, place)
    context["pupil"] = pupil
    context["lesson_done"] = row is not None and row.completed_at is not None
    base = reverse("learning:lesson", args=[assignment.pk, lesson.pk])
    here = context["here"]
    status = 200
    if request.method == "POST":
        if refusal is not None:
            context.update(finish_error=refusal, unanswered=[])
            return render(request, "learning/pupil/lesson.html", context, status=400)
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
    elif chosen is not None:
        context.update(chosen=chosen, chosen_choice=slide.bound_block.value["choices"][chosen])
    return render(request, "learning/pupil/lesson.html", context, status=status)
