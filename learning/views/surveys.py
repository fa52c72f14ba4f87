"""The pupil's survey page: pre, post and follow-up waves of the module survey."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core import signing
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from courses.models import SurveyVersion
from learning.models import SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.progress import surveys_apply
from learning.services.surveys import MAX_FREE_TEXT, submit_survey_response, wave_is_open
from schools.models import Assignment, Pupil
from schools.pupil_session import pupil_required

FIELD_PREFIX = "item-"
STARTED_SALT = "learning.survey-started"
STARTED_MAX_AGE = 24 * 60 * 60
HEADINGS = {
    Wave.PRE: "Before you start: a few questions",
    Wave.POST: "You have finished: a few questions",
    Wave.FOLLOW_UP: "Some time later: a few questions",
}


def reachable_assignments(pupil: Pupil) -> QuerySet[Assignment]:
    """Open assignments of the classes the pupil is in now; anything else answers 404."""
    return (
        Assignment.objects.filter(
            school_class__memberships__pupil=pupil,
            school_class__memberships__removed_at__isnull=True,
            school_class__archived_at__isnull=True,
            opens_on__lte=timezone.localdate(),
        )
        .select_related("module", "school_class")
        .distinct()
    )


def _assignment_url(assignment: Assignment) -> str:
    return reverse("learning:assignment", args=[assignment.pk])


def _started_at(token: str) -> datetime.datetime | None:
    try:
        stamp = signing.loads(token, salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
        return datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def _items(version: SurveyVersion, chosen: dict[str, str], errors: dict[str, str]) -> list[dict]:
    """The version's items, shaped for the template, with what the pupil had chosen."""
    items = []
    for item in version.definition["items"]:
        field = f"{FIELD_PREFIX}{item['key']}"
        shaped = {**item, "field": field, "chosen": chosen.get(field, ""), "error": errors.get(field, "")}
        if item["type"] == "likert":
            labels = item.get("labels") or []
            values = range(item["min"], item["max"] + 1)
            shaped["options"] = [
                {"value": str(value), "label": labels[i] if len(labels) == len(values) else str(value)}
                for i, value in enumerate(values)
            ]
            shaped["numbered"] = len(labels) != len(values)
        items.append(shaped)
    return items


def _render(request, *, pupil, assignment, version, wave, chosen=None, errors=None, summary="", status=200):
    chosen = chosen or {}
    errors = errors or {}
    context = {
        "pupil": pupil,
        "assignment": assignment,
        "survey": version.survey,
        "version": version,
        "wave": wave,
        "heading": HEADINGS[wave],
        "items": _items(version, chosen, errors),
        "key": chosen.get("key") or uuid.uuid4(),
        "started": chosen.get("started") or signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT),
        "errors": errors,
        "summary": summary,
        "max_free_text": MAX_FREE_TEXT,
        "back_url": _assignment_url(assignment),
    }
    return render(request, "learning/surveys/survey.html", context, status=status)


@never_cache
@pupil_required
def survey(request: HttpRequest, pupil: Pupil, assignment_pk: int, wave: str) -> HttpResponse:
    """Show the survey of one wave, and store the answers (or the choice to skip it)."""
    assignment = get_object_or_404(reachable_assignments(pupil), pk=assignment_pk)
    if wave not in Wave.values or not surveys_apply(pupil=pupil, assignment=assignment):
        raise Http404("No survey here.")
    survey_id = assignment.module.attitude_survey_id
    if request.method != "POST":
        if not wave_is_open(pupil=pupil, assignment=assignment, wave=wave):
            raise Http404("This survey is not open.")
        version = SurveyVersion.objects.filter(survey_id=survey_id).select_related("survey").order_by("-number")[0]
        return _render(request, pupil=pupil, assignment=assignment, version=version, wave=wave)

    version = (
        SurveyVersion.objects.filter(survey_id=survey_id, pk=request.POST.get("version", "")).select_related("survey")
        if request.POST.get("version", "").isdigit()
        else SurveyVersion.objects.none()
    ).first()
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        key = None
    skipping = request.POST.get("action") == "skip"
    answers = {
        name.removeprefix(FIELD_PREFIX): value for name, value in request.POST.items() if name.startswith(FIELD_PREFIX)
    }
    errors = {}
    if not skipping:
        errors = {
            f"{FIELD_PREFIX}{name}": f"Please keep your answer to {MAX_FREE_TEXT} characters or fewer."
            for name, value in answers.items()
            if len(value.strip()) > MAX_FREE_TEXT
        }
    try:
        if version is None or key is None:
            raise SubmissionRejectedError("Something went wrong. Please try again.")
        if errors:
            raise SubmissionRejectedError(next(iter(errors.values())))
        submit_survey_response(
            pupil=pupil,
            assignment=assignment,
            version=version,
            answers={} if skipping else answers,
            key=key,
            wave=wave,
            skipped=skipping,
            started_at=_started_at(request.POST.get("started", "")),
        )
    except SubmissionRejectedError as error:
        if SurveyResponse.objects.filter(pupil=pupil, assignment=assignment, wave=wave).exists():
            messages.info(request, "You have already sent your answers to this survey. Thank you.")
            return redirect(_assignment_url(assignment))
        if not wave_is_open(pupil=pupil, assignment=assignment, wave=wave):
            raise Http404("This survey is not open.") from None
        if version is None:
            version = SurveyVersion.objects.filter(survey_id=survey_id).order_by("-number")[0]
            key = None
        chosen = {**dict(request.POST.items()), "key": key}
        return _render(
            request,
            pupil=pupil,
            assignment=assignment,
            version=version,
            wave=wave,
            chosen=chosen,
            errors=errors,
            summary=str(error),
            status=400,
        )
    if skipping:
        messages.success(request, "You skipped the survey. That is fine.")
    else:
        messages.success(request, "Thank you. Your answers have been sent.")
    return redirect(_assignment_url(assignment))
