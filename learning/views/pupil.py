"""What a signed-in pupil sees: their work, lessons, quizzes, results and certificates.

Every page reaches an assignment through ``_open_assignments``: only assignments of classes
the pupil is in now, not archived, and already open. Anything else answers 404, so another
school's (or another class's) work cannot be seen, and nothing is stored for it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.instrument_cache import current_quiz_version, module_quiz
from courses.lesson_deck import (
    module_lessons,
    module_page,
    module_programme,
    pupil_slides,
    slide_html,
    taught_in_class_only,
    with_modules,
)
from courses.models import LessonPage
from learning.forms.quiz import QuizSubmissionForm, held_for_blanks, question_rows, unanswered
from learning.models import ActivityKind, LessonProgress, ModuleProgress, QuizAttempt, Wave
from learning.pupil_reads import (
    ACTIVITY_ANSWER,
    LESSON_ROW,
    LESSON_ROWS,
    OPEN_ASSIGNMENT,
    OPEN_ASSIGNMENTS,
    POST_ATTEMPTS,
    PUPIL_SUMMARIES,
    SUMMARY,
    assignments_open_on,
)
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer, unanswered_checks
from learning.services.lessons import complete_lesson, record_position
from learning.services.quizzes import post_quiz_refusal, pre_quiz_offered, pre_quiz_refusal, submit_quiz_attempt
from learning.services.surveys import survey_offered
from schools.models import Assignment, Pupil
from schools.models.assignments import Delivery
from schools.pupil_session import pupil_required

CHOOSE_AN_ANSWER = "Choose an answer."


def _open_assignments(pupil: Pupil) -> QuerySet[Assignment]:
    """Assignments of the classes the pupil is in now, that have opened."""
    return assignments_open_on(pupil.pk, timezone.localdate())


def _with_module(assignment: Assignment) -> Assignment:
    """The assignment with its module from the content kept per published revision (no query)."""
    assignment.module = module_page(assignment.module_id)
    return assignment


def can_play_alone(assignment: Assignment) -> bool:
    """Self-paced work, or catching up alone on an in-class module that also allows self-paced work.

    Never a module covering a sensitive topic, even if it was set as self-paced work before its
    content or topics changed: that is taught in class only.
    """
    module = assignment.module
    if assignment.delivery != Delivery.SELF_PACED and not module.allows_self_paced:
        return False
    return not taught_in_class_only(module)


def _get_assignment(pupil: Pupil, assignment_pk: int) -> Assignment:
    assignment = OPEN_ASSIGNMENT.first(pupil_id=pupil.pk, assignment_id=assignment_pk, today=timezone.localdate())
    if assignment is None:
        raise Http404("No such assignment.")
    return _with_module(assignment)


def _progress(pupil: Pupil, assignment: Assignment) -> ModuleProgress | None:
    return SUMMARY.first(pupil_id=pupil.pk, assignment_id=assignment.pk)


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
    assignment = _get_assignment(pupil, assignment_pk)
    rows = {row.lesson_id: row for row in LESSON_ROWS.run(pupil_id=pupil.pk, assignment_id=assignment.pk)}
    lessons = [
        LessonRow(lesson, number, rows.get(lesson.pk))
        for number, lesson in enumerate(module_lessons(assignment.module), start=1)
    ]
    return render(
        request,
        "learning/pupil/assignment.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "module": assignment.module,
            "in_class": assignment.delivery == Delivery.IN_CLASS,
            "catch_up": assignment.delivery == Delivery.IN_CLASS and can_play_alone(assignment),
            "lessons": lessons,
            "progress": _progress(pupil, assignment),
            "attempts": POST_ATTEMPTS.run(pupil_id=pupil.pk, assignment_id=assignment.pk),
            "has_quiz": assignment.module.knowledge_quiz_id is not None,
            "pre_survey": survey_offered(pupil=pupil, assignment=assignment, wave=Wave.PRE),
            "pre_quiz": pre_quiz_offered(pupil=pupil, assignment=assignment),
            "post_survey": survey_offered(pupil=pupil, assignment=assignment, wave=Wave.POST),
        },
    )


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
    assignment = _get_assignment(pupil, assignment_pk)
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


def _quiz_page(
    request: HttpRequest,
    *,
    pupil: Pupil,
    assignment: Assignment,
    errors: list | None = None,
    selected: dict[str, list[str]] | None = None,
    status: int = 200,
    wave: str = Wave.POST,
    blanks: bool = False,
) -> HttpResponse:
    """The quiz form; ``blanks`` lists the questions left without an answer, to answer or confirm."""
    quiz = module_quiz(assignment.module)
    version = current_quiz_version(quiz) if quiz is not None else None
    if version is None:
        raise Http404("This quiz is not ready yet.")
    questions = question_rows(version.definition, selected)
    if blanks:
        errors = unanswered(questions)
    attempts = QuizAttempt.objects.filter(pupil=pupil, assignment=assignment, wave=wave).count()
    return render(
        request,
        "learning/pupil/quiz.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "module": assignment.module,
            "quiz": quiz,
            "version": version,
            "key": uuid.uuid4(),
            "questions": questions,
            "errors": errors or [],
            "blank_count": len(errors or []) if blanks else 0,
            "attempts": attempts,
            "counts": attempts == 0,
            "before_lessons": wave == Wave.PRE,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@pupil_required
def quiz(request: HttpRequest, pupil: Pupil, assignment_pk: int, wave: str = Wave.POST) -> HttpResponse:
    """The module's quiz (its current version). Submitting is idempotent by the form's key.

    ``wave`` is post (the end-of-module quiz, open once every lesson is complete, and which
    may be practised again) or pre (the same quiz once before the lessons, offered to pupils
    in the evaluation; see ``pre_quiz_refusal``). Opening a quiz that is not open goes back
    to the module with the reason; a rejected submission stores nothing and shows the quiz
    again (400) with the reason; so does one with unanswered questions, listed, until the
    pupil confirms sending it as it is. A quiz with no answer at all is never sent.
    """
    assignment = _get_assignment(pupil, assignment_pk)
    quiz = module_quiz(assignment.module)
    if quiz is None:
        raise Http404("This module has no quiz.")
    if request.method == "GET":
        if wave == Wave.PRE:
            refusal = pre_quiz_refusal(pupil=pupil, assignment=assignment)
        else:
            refusal = post_quiz_refusal(pupil=pupil, assignment=assignment)
        if refusal is not None:
            messages.info(request, refusal)
            return redirect("learning:assignment", assignment.pk)
        return _quiz_page(request, pupil=pupil, assignment=assignment, wave=wave)
    form = QuizSubmissionForm(request.POST, quiz=quiz)
    answers = form.answers()
    if held_for_blanks(form, answers) and form.cleaned_data["version"] == current_quiz_version(quiz):
        # Nothing is stored: the pupil answers the questions listed, or sends the quiz as it is.
        return _quiz_page(
            request, pupil=pupil, assignment=assignment, selected=answers, status=400, wave=wave, blanks=True
        )
    if form.is_valid():
        try:
            attempt = submit_quiz_attempt(
                pupil=pupil,
                assignment=assignment,
                version=form.cleaned_data["version"],
                answers=answers,
                key=form.cleaned_data["key"],
                wave=wave,
                member_checked=True,  # read through the pupil's own scope (``_get_assignment``)
            )
        except SubmissionRejectedError as error:
            errors = [str(error)]
        else:
            return redirect("learning:quiz_result", attempt.assignment_id, attempt.pk)
    else:
        errors = list(dict.fromkeys(str(error) for field_errors in form.errors.values() for error in field_errors))
    same_version = form.is_valid() and form.cleaned_data["version"] == current_quiz_version(quiz)
    return _quiz_page(
        request,
        pupil=pupil,
        assignment=assignment,
        errors=errors,
        selected=answers if same_version else None,
        status=400,
        wave=wave,
    )


def completion_only(module) -> bool:
    """Modules about abuse, consent, image sharing and the other sensitive topics are finished, never
    passed or failed: a pupil is not told they "failed" a module about something that may have
    happened to them. The score is still shown, and still recorded for the evaluation."""
    return taught_in_class_only(module)


@never_cache
@pupil_required
def quiz_result(request: HttpRequest, pupil: Pupil, assignment_pk: int, attempt_pk: int) -> HttpResponse:
    """Score, pass or not, and each question with the pupil's answer and the right one."""
    assignment = _get_assignment(pupil, assignment_pk)
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz_version"), pk=attempt_pk, pupil=pupil, assignment=assignment
    )
    answers = {answer.question_key: answer for answer in attempt.answers.all()}
    questions = question_rows(
        attempt.quiz_version.definition, {key: answer.selected for key, answer in answers.items()}
    )
    for question in questions:
        stored = answers.get(question.key)
        question.answered_correctly = stored is not None and stored.correct
    before_lessons = attempt.wave == Wave.PRE
    if before_lessons:
        # The answers come at the end, so the baseline does not teach the quiz.
        questions = []
    return render(
        request,
        "learning/pupil/quiz_result.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "module": assignment.module,
            "attempt": attempt,
            "pass_mark": attempt.quiz_version.definition.get("pass_mark"),
            "completion_only": completion_only(assignment.module),
            "questions": questions,
            "before_lessons": before_lessons,
            "progress": _progress(pupil, assignment),
        },
    )


@never_cache
@pupil_required
def pupil_results(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """Every quiz attempt, said for what it is (before the lessons; the end-of-module quiz's first
    try, which counts; practice), and each finished module."""
    assignments = _open_assignments(pupil)
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
    assignment = _get_assignment(pupil, assignment_pk)
    progress = get_object_or_404(ModuleProgress, pupil=pupil, assignment=assignment, completed_at__isnull=False)
    return render(
        request,
        "learning/pupil/certificate.html",
        {"pupil": pupil, "assignment": assignment, "module": assignment.module, "progress": progress},
    )
