"""Roster upload: upload a CSV, watch it being checked, see the problems or a preview,
confirm, and watch it being imported. The work happens in background tasks."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.access_log import record_view
from schools.forms.roster import OneRosterUploadForm, PossibleMatchesForm, RosterUploadForm
from schools.models import ImportStatus, RosterFormat, RosterImport, School, SchoolClass
from schools.permissions import AnyUser, user_can_manage_class, user_is_school_lead
from schools.roster.files import MAX_FILE_BYTES
from schools.roster.preview import PREVIEW_ROWS
from schools.roster_queue import (
    STALE_AGE,
    not_queued,
    queue_roster_apply,
    queue_roster_check,
    try_roster_import_again,
    waiting_too_long,
)
from schools.services.roster import confirm_roster_import, start_roster_import, stored_possible_matches

# The status page lists this many problems; a badly broken file can have thousands.
LISTED_ERRORS = 500
IN_PROGRESS = {ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING}


def _can_import(user: AnyUser, school: School, school_class: SchoolClass | None) -> bool:
    if school_class is not None:
        return user_can_manage_class(user, school_class)
    return user_is_school_lead(user, school)


def _upload(
    request: HttpRequest,
    *,
    school: School,
    school_class: SchoolClass | None,
    format: RosterFormat = RosterFormat.CLASS_LIST,
) -> HttpResponse:
    """The upload form of a class list or a OneRoster export; a good file is stored and queued."""
    if not _can_import(request.user, school, school_class):
        raise PermissionDenied
    form_class = OneRosterUploadForm if format == RosterFormat.ONEROSTER else RosterUploadForm
    # A POST with no file has empty POST and FILES, so `request.POST or None` would not bind the form.
    form = form_class(request.POST, request.FILES) if request.method == "POST" else form_class()
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            roster_import = start_roster_import(
                school=school,
                school_class=school_class,
                uploaded_by=request.user,
                filename=form.cleaned_data["file"].name,
                content=form.cleaned_data["content"],
                format=format,
            )
            transaction.on_commit(partial(queue_roster_check, import_id=roster_import.pk))
        return redirect("schools:roster_status", roster_import.pk)
    if format == RosterFormat.ONEROSTER:
        return render(request, "schools/roster/oneroster_upload.html", {"form": form, "school": school})
    return render(
        request,
        "schools/roster/upload.html",
        {"form": form, "school": school, "school_class": school_class, "max_megabytes": MAX_FILE_BYTES // 2**20},
    )


@never_cache
@login_required
def roster_upload(request: HttpRequest, class_pk: int) -> HttpResponse:
    """Upload a class list: pupils are created (or found) and added to the class."""
    school_class = get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=class_pk)
    return _upload(request, school=school_class.school, school_class=school_class)


@never_cache
@login_required
def school_roster_upload(request: HttpRequest, urn: int) -> HttpResponse:
    """Upload a whole-school list (school leads only): pupils are created, in no class."""
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    return _upload(request, school=school, school_class=None)


@never_cache
@login_required
def school_oneroster_upload(request: HttpRequest, urn: int) -> HttpResponse:
    """Upload a OneRoster 1.1 export (school leads only): classes, teachers and pupils at once,
    with the same checks, preview and questions as a class list."""
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    return _upload(request, school=school, school_class=None, format=RosterFormat.ONEROSTER)


def _roster_import_for(request: HttpRequest, pk: int) -> RosterImport:
    return get_object_or_404(
        RosterImport.objects.for_user(request.user).select_related("school", "school_class").defer("content"), pk=pk
    )


def _upload_url(roster_import: RosterImport) -> str:
    if roster_import.format == RosterFormat.ONEROSTER:
        return reverse("schools:school_oneroster_upload", args=[roster_import.school.urn])
    if roster_import.school_class_id is not None:
        return reverse("schools:roster_upload", args=[roster_import.school_class_id])
    return reverse("schools:school_roster_upload", args=[roster_import.school.urn])


def _status_page(
    request: HttpRequest, roster_import: RosterImport, *, form: PossibleMatchesForm | None = None, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "roster_import": roster_import,
        "school": roster_import.school,
        "school_class": roster_import.school_class,
        "in_progress": roster_import.status in IN_PROGRESS,
        "upload_url": _upload_url(roster_import),
        "not_queued": not_queued(roster_import),
        "waiting_too_long": waiting_too_long(roster_import),
        "stale_minutes": int(STALE_AGE.total_seconds() // 60),
    }
    if roster_import.status == ImportStatus.IMPORTED:
        return render(request, "schools/roster/finished.html", context)
    if roster_import.status in (ImportStatus.INVALID, ImportStatus.FAILED):
        context["errors"] = roster_import.errors[:LISTED_ERRORS]
        context["error_count"] = len(roster_import.errors)
    elif roster_import.status == ImportStatus.VALID:
        context["form"] = form or PossibleMatchesForm(stored_possible_matches(roster_import))
        context["preview_limit"] = PREVIEW_ROWS
        context["can_import"] = _can_import(request.user, roster_import.school, roster_import.school_class)
        record_view(
            request,
            school=roster_import.school,
            summary=f"Viewed the preview of class list upload #{roster_import.pk}",
            target=roster_import,
        )
    return render(request, "schools/roster/status.html", context, status=status)


@never_cache
@login_required
def roster_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the file is checked or imported; then its problems, its preview (with a
    question for each possible match), or the result."""
    return _status_page(request, _roster_import_for(request, pk))


@never_cache
@login_required
@require_POST
def roster_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the import of a checked file, with the answers to its possible matches; if one is
    missing, show the preview again with the question marked. A second submit finds it
    already confirmed."""
    roster_import = _roster_import_for(request, pk)
    if not _can_import(request.user, roster_import.school, roster_import.school_class):
        raise PermissionDenied
    if roster_import.status == ImportStatus.VALID:
        form = PossibleMatchesForm(stored_possible_matches(roster_import), request.POST)
        if not form.is_valid():
            return _status_page(request, roster_import, form=form, status=400)
        with transaction.atomic():
            if confirm_roster_import(roster_import=roster_import, answers=form.answers):
                user_id = request.user.pk
                transaction.on_commit(partial(queue_roster_apply, import_id=roster_import.pk, user_id=user_id))
    return redirect("schools:roster_status", roster_import.pk)


@never_cache
@login_required
@require_POST
def roster_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Try again" button of a job that could not be queued or has waited too long.
    A second press finds it queued already and queues nothing."""
    roster_import = _roster_import_for(request, pk)
    if not _can_import(request.user, roster_import.school, roster_import.school_class):
        raise PermissionDenied
    try_roster_import_again(roster_import=roster_import, user=request.user)  # type: ignore[arg-type]
    return redirect("schools:roster_status", roster_import.pk)
