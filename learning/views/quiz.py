"""A module's quiz, before or after the lessons, and the result of one attempt."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.instrument_cache import current_quiz_version, module_quiz
from courses.lesson_deck import taught_in_class_only
from learning.forms.quiz import QuizSubmissionForm, held_for_blanks, question_rows, unanswered
from learning.models import QuizAttempt, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.quizzes import post_quiz_refusal, pre_quiz_refusal, submit_quiz_attempt
from schools.models import Assignment, Pupil
from schools.pupil_session import pupil_required

from .pupil_assignments import get_assignment, module_progress


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
    assignment = get_assignment(pupil, assignment_pk)
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
                member_checked=True,  # read through the pupil's own scope (``get_assignment``)
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
    assignment = get_assignment(pupil, assignment_pk)
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
            "progress": module_progress(pupil, assignment),
        },
    )
