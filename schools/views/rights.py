"""Rights requests a school lead acts on: a copy of everything held about a pupil, and erasure.

Both need a recorded reason and a POST; both are written to the school's audit log with the
request's address. The pupil's data is never reachable by a plain GET: the page and the
download are the answer to the form, and are never cached.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from schools.access_log import client_ip
from schools.forms.rights import ErasureForm, SubjectAccessForm
from schools.models import Pupil, School
from schools.permissions import user_is_school_lead
from schools.rate_limits import RIGHTS_REQUESTS, enforce_limit
from schools.services.erasure import ErasureError, ErasureResult, erase_pupil
from schools.services.subject_access.production import PupilErasedError, produce_subject_access


def _lead_pupil(request: HttpRequest, urn: int, pupil_pk: int) -> tuple[School, Pupil]:
    """The school (404 unless the user works there; 403 unless they lead it) and its pupil (404 if not its)."""
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    if not user_is_school_lead(request.user, school):
        raise PermissionDenied("Only the school lead can act on rights requests.")
    pupils = Pupil.objects.for_user(request.user).filter(school=school).select_related("school")
    return school, get_object_or_404(pupils, pk=pupil_pk)


def _already_erased(request: HttpRequest, school: School, pupil: Pupil) -> HttpResponse:
    return render(request, "schools/rights/erased.html", {"school": school, "pupil": pupil})


def _download(data: dict, pupil: Pupil) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False, sort_keys=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"pupil-{pupil.pk}-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _needs_care(data: dict) -> bool:
    """Whether the data holds answers that could tell an adult something has happened to the pupil."""
    return bool(data["questions"]) or any(
        answer["disclosure_sensitive"] or answer["text"]
        for response in data["survey_responses"]
        for answer in response["answers"]
    )


@never_cache
@login_required
def pupil_data(request: HttpRequest, urn: int, pupil_pk: int) -> HttpResponse:
    """GET: the form asking why. POST with a reason: the data, as a page or a download, audited."""
    school, pupil = _lead_pupil(request, urn, pupil_pk)
    if pupil.erased_at is not None:
        return _already_erased(request, school, pupil)
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (refused := enforce_limit(request, RIGHTS_REQUESTS, school=school)) is not None:
            return refused
        output = "json" if request.POST.get("output") == "json" else "page"
        reason = form.cleaned_data["reason"]
        try:
            data = produce_subject_access(
                pupil=pupil,
                actor=request.user,  # type: ignore[arg-type]
                reason=reason,
                output=output,
                ip_address=client_ip(request),
            )
        except PupilErasedError:
            return _already_erased(request, school, pupil)
        if output == "json":
            return _download(data, pupil)
        context = {
            "school": school,
            "pupil": pupil,
            "data": data,
            "reason": reason,
            "needs_care": _needs_care(data),
        }
        return render(request, "schools/rights/data.html", context)
    return render(request, "schools/rights/data_request.html", {"school": school, "pupil": pupil, "form": form})


# How the erasure's counts are said to the lead: (one, many). Counts not named here are not shown.
DELETED_WORDS = {
    "free_text_answers_deleted": ("written survey answer", "written survey answers"),
    "questions_deleted": ("anonymous question", "anonymous questions"),
    "attendance_records_deleted": ("register entry", "register entries"),
    "quiz_attempts_deleted": ("quiz attempt", "quiz attempts"),
    "survey_responses_deleted": ("survey response", "survey responses"),
    "activity_answers_deleted": ("quick check or scenario answer", "quick check or scenario answers"),
    "lesson_progress_deleted": ("lesson progress record", "lesson progress records"),
    "module_progress_deleted": ("module progress record", "module progress records"),
}


def _number(count: int, words: tuple[str, str]) -> str:
    return f"{count} {words[0] if count == 1 else words[1]}"


def erasure_message(result: ErasureResult) -> str:
    """What an erasure did, in a sentence or three, e.g. "Deleted: 1 anonymous question, 2 register entries." """
    counts = result.counts()
    deleted = [_number(counts[name], words) for name, words in DELETED_WORDS.items() if counts.get(name)]
    parts = [f"The pupil has been erased and is now shown as {result.reference}."]
    parts.append(f"Deleted: {', '.join(deleted)}." if deleted else "No records needed deleting.")
    if counts.get("evaluation_records_kept"):
        kept = _number(counts["evaluation_records_kept"], ("evaluation record", "evaluation records"))
        parts.append(f"Kept without their name: {kept}.")
    return " ".join(parts)


@never_cache
@login_required
def pupil_erase(request: HttpRequest, urn: int, pupil_pk: int) -> HttpResponse:
    """GET: what erasure does, and the form. POST with a reason and the pupil's name typed: erase."""
    school, pupil = _lead_pupil(request, urn, pupil_pk)
    if pupil.erased_at is not None:
        return _already_erased(request, school, pupil)
    form = ErasureForm(request.POST or None, expected_name=pupil.display_name)
    if request.method == "POST" and form.is_valid():
        if (refused := enforce_limit(request, RIGHTS_REQUESTS, school=school)) is not None:
            return refused
        try:
            result = erase_pupil(
                pupil,
                actor=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
            )
        except ErasureError as error:
            form.add_error(None, str(error))
        else:
            if result.already_erased:
                # Erased by someone else since the page was opened.
                pupil.refresh_from_db()
                return _already_erased(request, school, pupil)
            messages.success(request, erasure_message(result))
            return redirect("schools:school_pupils", school.urn)
    return render(request, "schools/rights/erase.html", {"school": school, "pupil": pupil, "form": form})
