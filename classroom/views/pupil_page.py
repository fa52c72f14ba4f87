"""The pupil's live lesson page, shaped for the activity the teacher has open."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from classroom.live_poll import state_token
from classroom.models import Attendance, LiveAnswer, LiveSession
from classroom.services.live import QUIZ_WAVES, SURVEY_WAVES, Activity, current_activity
from courses.models import SurveyVersion
from learning.forms.quiz import question_rows, unanswered
from learning.forms.survey import survey_form_context
from learning.help_panel import help_after_survey
from learning.models import QuizAttempt, SurveyResponse, Wave
from learning.services.progress import surveys_apply
from learning.services.quizzes import pre_quiz_refusal
from learning.services.surveys import wave_refusal
from learning.services.waves import QUIZ, SURVEY, after_refusal
from schools.models import Pupil


def _block_context(session: LiveSession, pupil: Pupil, activity: Activity, chosen: int | None) -> dict[str, Any]:
    value = activity.block.value
    if chosen is None:
        # The pupil's answer in this live lesson: an earlier teaching of it does not count here.
        stored = (
            LiveAnswer.objects.filter(attendance__session=session, attendance__pupil=pupil, block_id=activity.key)
            .values_list("choice", flat=True)
            .first()
        )
        chosen = stored if stored is not None and stored < len(value["choices"]) else None
    return {
        "value": value,
        "chosen": chosen,
        "chosen_choice": value["choices"][chosen] if chosen is not None else None,
    }


def _quiz_context(session: LiveSession, pupil: Pupil, activity: Activity, selected, blanks: bool) -> dict[str, Any]:
    assignment = session.assignment
    wave = QUIZ_WAVES[activity.key]
    quiz = assignment.module.knowledge_quiz
    version = quiz.current_version if quiz is not None else None
    done = (
        QuizAttempt.objects.filter(pupil=pupil, assignment=assignment, wave=wave, submitted_at__gte=session.started_at)
        .order_by("-submitted_at")
        .first()
    )
    context: dict[str, Any] = {"quiz": quiz, "before_lessons": wave == Wave.PRE, "attempt": done}
    if done is not None or version is None:
        return context
    if wave == Wave.PRE:
        refusal = pre_quiz_refusal(pupil=pupil, assignment=assignment)
    else:
        # This lesson counts as taught: answering records it (classroom.services.live_answers).
        refusal = after_refusal(pupil=pupil, assignment=assignment, instrument=QUIZ, wave=wave, besides=session.lesson)
    if refusal is not None:
        context.update(not_for_you=True, not_open_reason=refusal)
        return context
    questions = question_rows(version.definition, selected)
    problems = unanswered(questions) if blanks else []
    context.update(version=version, key=uuid.uuid4(), questions=questions, problems=problems)
    context.update(
        blank_count=len(problems),
        counts=not QuizAttempt.objects.filter(pupil=pupil, assignment=assignment, wave=wave).exists(),
    )
    return context


def _survey_refusal(session: LiveSession, pupil: Pupil, wave: str) -> str | None:
    """Why the survey of this wave is closed to the pupil, counting this lesson as taught for the one after."""
    refusal = wave_refusal(pupil=pupil, assignment=session.assignment, wave=wave)
    if refusal is not None and wave == Wave.POST:
        # Only the lessons may be missing: then it opens if the rest are done besides this one.
        return after_refusal(
            pupil=pupil, assignment=session.assignment, instrument=SURVEY, wave=wave, besides=session.lesson
        )
    return refusal


def _survey_context(session: LiveSession, pupil: Pupil, activity: Activity, chosen, errors) -> dict[str, Any]:
    assignment = session.assignment
    wave = SURVEY_WAVES[activity.key]
    context: dict[str, Any] = {"wave": wave}
    if not surveys_apply(pupil=pupil, assignment=assignment):
        context["not_for_you"] = True
        return context
    done = (
        SurveyResponse.objects.filter(pupil=pupil, assignment=assignment, wave=wave)
        .select_related("survey_version")
        .first()
    )
    if done is not None:
        # Where to get help, after a survey with a disclosure-sensitive item (learning.sensitive_items).
        context.update(survey_done=True, survey_help=help_after_survey(pupil, done.survey_version))
    elif (refusal := _survey_refusal(session, pupil, wave)) is not None:
        context.update(not_for_you=True, not_open_reason=refusal)
    else:
        version = (
            SurveyVersion.objects.filter(survey_id=assignment.module.attitude_survey_id)
            .select_related("survey")
            .order_by("-number")
            .first()
        )
        if version is not None:
            context.update(survey_form_context(version, chosen, errors))
    return context


def render_live_page(
    request: HttpRequest,
    *,
    session: LiveSession,
    pupil: Pupil,
    problem: str = "",
    chosen: int | None = None,
    quiz_selected: dict[str, list[str]] | None = None,
    quiz_blanks: bool = False,
    survey_chosen: dict[str, Any] | None = None,
    survey_errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page for the session's state; ``problem`` and the other arguments re-show a rejected answer
    (``quiz_blanks``: a quiz held because some questions have no answer)."""
    joined = Attendance.objects.filter(session=session, pupil=pupil, joined_at__isnull=False).exists()
    activity = current_activity(session) if joined else None
    here = reverse("classroom:pupil_live_lesson", args=[session.pk])
    context: dict[str, Any] = {
        "pupil": pupil,
        "session": session,
        "lesson": session.lesson,
        "module": session.assignment.module,
        "joined": joined,
        "activity": activity,
        "problem": problem,
        "here": here,
        "state_url": f"{reverse('classroom:pupil_live_state', args=[session.pk])}?token={state_token(session.pk)}",
    }
    if activity is not None and session.is_open:
        if activity.is_block:
            context.update(_block_context(session, pupil, activity, chosen))
        elif activity.key in QUIZ_WAVES:
            context.update(_quiz_context(session, pupil, activity, quiz_selected, quiz_blanks))
        elif activity.key in SURVEY_WAVES:
            context.update(_survey_context(session, pupil, activity, survey_chosen, survey_errors))
    return render(request, "classroom/pupil/live_lesson.html", context, status=status)
