"""The pupil's survey page: pre, post and follow-up waves of the module survey.

After a survey with a disclosure-sensitive item the pupil is taken to a confirmation page
showing where to get help (``learning.sensitive_items``); after any other survey, back to
the module with a thank-you message.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from courses.models import SurveyVersion
from learning.forms.survey import SurveySubmissionForm, survey_form_context
from learning.help_panel import help_after_survey
from learning.models import SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from learning.sensitive_items import shows_sensitive_items
from learning.services.progress import surveys_apply
from learning.services.surveys import submit_survey_response, wave_refusal
from schools.models import Assignment, Pupil
from schools.pupil_session import pupil_required

HEADINGS = {
    Wave.PRE: "Before the lessons: what you think now",
    Wave.POST: "After the lessons: the same questions again",
    Wave.FOLLOW_UP: "Some time on: the same questions again",
}


def reachable_assignments(pupil: Pupil) -> QuerySet[Assignment]:
    """Open assignments of the classes the pupil is in now; anything else answers 404."""
    return Assignment.objects.for_pupil(pupil).select_related("module", "school_class")


def _assignment_url(assignment: Assignment) -> str:
    return reverse("learning:assignment", args=[assignment.pk])


def _render(request, *, pupil, assignment, version, wave, chosen=None, errors=None, summary="", status=200):
    context = {
        "pupil": pupil,
        "assignment": assignment,
        "wave": wave,
        "heading": HEADINGS[wave],
        "errors": errors or {},
        "summary": summary,
        "back_url": _assignment_url(assignment),
        **survey_form_context(version, chosen, errors),
    }
    return render(request, "learning/surveys/survey.html", context, status=status)


def _sent(request: HttpRequest, response: SurveyResponse, assignment: Assignment) -> HttpResponse:
    """Once the answers are stored: the confirmation page (help, and the offer to talk to someone)."""
    return redirect("learning:survey_sent", assignment.pk, response.wave)


def _closed(request: HttpRequest, *, pupil: Pupil, assignment: Assignment, wave: str, reason: str) -> HttpResponse:
    """Back to the module with a word of why: a survey already sent (going back to it), or ``reason``."""
    existing = (
        SurveyResponse.objects.filter(pupil=pupil, assignment=assignment, wave=wave)
        .select_related("survey_version")
        .first()
    )
    if existing is not None:
        if shows_sensitive_items(existing.survey_version.definition):
            return redirect("learning:survey_sent", assignment.pk, wave)
        if existing.skipped:
            messages.info(request, "You skipped this survey. That is fine: there is nothing more to do here.")
        else:
            messages.info(request, "You have already sent your answers to this survey. Thank you.")
    else:
        messages.info(request, reason)
    return redirect(_assignment_url(assignment))


@never_cache
@pupil_required
def survey(request: HttpRequest, pupil: Pupil, assignment_pk: int, wave: str) -> HttpResponse:
    """Show the survey of one wave, and store the answers (or the choice to skip it).

    A survey that is not open goes back to the module with the reason (a wave out of its
    order: see ``learning.services.waves``); answers sent to a wave out of its order are
    refused (400) with the reason and nothing is stored; answers sent again to a survey
    already answered go back to the module.
    """
    assignment = get_object_or_404(reachable_assignments(pupil), pk=assignment_pk)
    if wave not in Wave.values or not surveys_apply(pupil=pupil, assignment=assignment):
        raise Http404("No survey here.")
    survey_id = assignment.module.attitude_survey_id
    if request.method != "POST":
        refusal = wave_refusal(pupil=pupil, assignment=assignment, wave=wave)
        if refusal is not None:
            return _closed(request, pupil=pupil, assignment=assignment, wave=wave, reason=refusal)
        version = SurveyVersion.objects.filter(survey_id=survey_id).select_related("survey").order_by("-number")[0]
        return _render(request, pupil=pupil, assignment=assignment, version=version, wave=wave)

    form = SurveySubmissionForm(request.POST, survey_id=survey_id)
    errors = form.too_long()
    try:
        form.check()
        response = submit_survey_response(
            pupil=pupil,
            assignment=assignment,
            version=form.cleaned_data["version"],
            answers=form.answers(),
            key=form.cleaned_data["key"],
            wave=wave,
            skipped=form.skipping,
            started_at=form.cleaned_data["started"],
        )
    except SubmissionRejectedError as error:
        if SurveyResponse.objects.filter(pupil=pupil, assignment=assignment, wave=wave).exists():
            return _closed(request, pupil=pupil, assignment=assignment, wave=wave, reason=str(error))
        shown = form.cleaned_data.get("version")
        key = form.cleaned_data.get("key") if shown is not None else None
        if shown is None:
            shown = SurveyVersion.objects.filter(survey_id=survey_id).select_related("survey").order_by("-number")[0]
        return _render(
            request,
            pupil=pupil,
            assignment=assignment,
            version=shown,
            wave=wave,
            chosen={**dict(request.POST.items()), "key": key},
            errors=errors,
            summary=str(error),
            status=400,
        )
    return _sent(request, response, assignment)


@never_cache
@pupil_required
def survey_sent(request: HttpRequest, pupil: Pupil, assignment_pk: int, wave: str) -> HttpResponse:
    """The confirmation after a survey: thanks, the offer to talk to someone and, after a survey
    with a disclosure-sensitive item, where to get help.

    Shown to every pupil given such a survey, whatever they answered or if they skipped it;
    it never shows an answer back.
    """
    assignment = get_object_or_404(reachable_assignments(pupil), pk=assignment_pk)
    response = get_object_or_404(
        SurveyResponse.objects.select_related("survey_version"), pupil=pupil, assignment=assignment, wave=wave
    )
    survey_help = help_after_survey(pupil, response.survey_version)
    return render(
        request,
        "learning/surveys/sent.html",
        {
            "pupil": pupil,
            "assignment": assignment,
            "skipped": response.skipped,
            "survey_help": survey_help,
            "back_url": _assignment_url(assignment),
        },
    )
