"""Pupils' answers in a live lesson. Each posts, stores through the learning services, and redirects back.

A rejected answer stores nothing and shows the lesson page again (400) with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from classroom.services.live import QUIZ_WAVES, SURVEY_WAVES
from classroom.services.live_answers import answer_block, answer_quiz, answer_survey
from learning.forms.quiz import QuizSubmissionForm, held_for_blanks
from learning.forms.survey import SurveySubmissionForm
from learning.scoring import SubmissionRejectedError
from schools.models import Pupil
from schools.pupil_session import pupil_required

from .pupil_live import pupil_session_or_404
from .pupil_page import render_live_page

CHOOSE_AN_ANSWER = "Choose an answer."


def _back(session_pk: int) -> HttpResponse:
    return redirect("classroom:pupil_live_lesson", session_pk)


@require_POST
@pupil_required
def answer_activity(request: HttpRequest, pupil: Pupil, pk: int) -> HttpResponse:
    """A knowledge check or scenario choice: the first answer is kept, feedback is shown."""
    session = pupil_session_or_404(request, pupil, pk)
    try:
        choice = int(request.POST.get("choice", ""))
    except ValueError:
        return render_live_page(request, session=session, pupil=pupil, problem=CHOOSE_AN_ANSWER, status=400)
    try:
        answer_block(session=session, pupil=pupil, block_id=request.POST.get("block", ""), choice=choice)
    except SubmissionRejectedError as error:
        return render_live_page(request, session=session, pupil=pupil, problem=str(error), status=400)
    # The page opens on the feedback, not at the top with the feedback off the screen.
    return redirect(reverse("classroom:pupil_live_lesson", args=[session.pk]) + "#feedback")


@require_POST
@pupil_required
def answer_live_quiz(request: HttpRequest, pupil: Pupil, pk: int) -> HttpResponse:
    """The module quiz, or the quiz before the lessons, stored once per form key; held while
    questions are unanswered, until the pupil confirms."""
    session = pupil_session_or_404(request, pupil, pk)
    activity = request.POST.get("activity", "")
    quiz = session.assignment.module.knowledge_quiz
    if quiz is None or activity not in QUIZ_WAVES:
        return _back(session.pk)
    form = QuizSubmissionForm(request.POST, quiz=quiz)
    answers = form.answers()
    if held_for_blanks(form, answers) and form.cleaned_data["version"] == quiz.current_version:
        # Nothing is stored: the pupil answers the questions listed, or sends the quiz as it is.
        return render_live_page(
            request, session=session, pupil=pupil, quiz_selected=answers, quiz_blanks=True, status=400
        )
    if form.is_valid():
        try:
            answer_quiz(
                session=session,
                pupil=pupil,
                activity=activity,
                version=form.cleaned_data["version"],
                answers=answers,
                key=form.cleaned_data["key"],
            )
        except SubmissionRejectedError as error:
            problem = str(error)
        else:
            messages.success(request, "Your quiz answers have been sent.")
            return _back(session.pk)
    else:
        problem = next(str(error) for field_errors in form.errors.values() for error in field_errors)
    return render_live_page(
        request,
        session=session,
        pupil=pupil,
        problem=problem,
        quiz_selected=answers,
        status=400,
    )


@require_POST
@pupil_required
def answer_live_survey(request: HttpRequest, pupil: Pupil, pk: int) -> HttpResponse:
    """The survey before or after the module (or skipping it), stored once per form key."""
    session = pupil_session_or_404(request, pupil, pk)
    activity = request.POST.get("activity", "")
    if activity not in SURVEY_WAVES:
        return _back(session.pk)
    form = SurveySubmissionForm(request.POST, survey_id=session.assignment.module.attitude_survey_id)
    errors = form.too_long()
    try:
        form.check()
        answer_survey(
            session=session,
            pupil=pupil,
            activity=activity,
            version=form.cleaned_data["version"],
            answers=form.answers(),
            key=form.cleaned_data["key"],
            skipped=form.skipping,
            started_at=form.cleaned_data["started"],
        )
    except SubmissionRejectedError as error:
        return render_live_page(
            request,
            session=session,
            pupil=pupil,
            problem=str(error),
            survey_chosen={**dict(request.POST.items()), "key": form.cleaned_data.get("key")},
            survey_errors=errors,
            status=400,
        )
    # The lesson page thanks the pupil, and shows where to get help after a disclosure-sensitive item.
    messages.success(
        request, "You skipped the survey. That is fine." if form.skipping else "Thank you. Your answers have been sent."
    )
    return _back(session.pk)
