"""Teachers' survey pages for one class assignment: the class summary and the follow-up window.

Classes are reached through ``SchoolClass.objects.for_user`` so another school's class, or a
class the teacher neither teaches nor leads, answers 404. Survey answers appear only added up
for the class, only where enough pupils answered (see ``learning.survey_summary``), and only
in batches of pupils, never one pupil at a time (see ``learning.survey_release``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.cache import never_cache

from courses.models import SurveyVersion
from learning.forms.follow_up import DATE_FORMAT, FollowUpWindowForm
from learning.services.survey_releases import released_class_survey
from learning.services.surveys import open_follow_up
from schools.models import Assignment, AuditAction, SchoolClass
from schools.permissions import user_can_manage_class
from schools.services.audit import record_audit


def _class_and_assignment(request: HttpRequest, class_pk: int, assignment_pk: int) -> tuple[SchoolClass, Assignment]:
    school_class = get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=class_pk)
    assignment = get_object_or_404(school_class.assignments.select_related("module"), pk=assignment_pk)
    return school_class, assignment


def _why_no_survey(assignment: Assignment) -> str:
    """Why this assignment has no survey for pupils to answer, or "" if it has one."""
    survey_id = assignment.module.attitude_survey_id
    if survey_id is None or not SurveyVersion.objects.filter(survey_id=survey_id).exists():
        return f"{assignment.module.title} has no survey, so there is no follow-up survey to open."
    if not assignment.include_surveys:
        return (
            "The before and after surveys were switched off when this module was assigned, "
            "so there is no follow-up survey to open."
        )
    return ""


@never_cache
@login_required
def survey_summary(request: HttpRequest, class_pk: int, assignment_pk: int) -> HttpResponse:
    school_class, assignment = _class_and_assignment(request, class_pk, assignment_pk)
    summary = released_class_survey(assignment=assignment, threshold=settings.SUPPRESSION_THRESHOLD)
    return render(
        request,
        "learning/teacher/survey_summary.html",
        {
            "school_class": school_class,
            "assignment": assignment,
            "summary": summary,
            "no_survey": _why_no_survey(assignment) if not summary.has_responses else "",
            "can_manage": user_can_manage_class(request.user, school_class),
        },
    )


@never_cache
@login_required
def follow_up(request: HttpRequest, class_pk: int, assignment_pk: int) -> HttpResponse:
    school_class, assignment = _class_and_assignment(request, class_pk, assignment_pk)
    if not user_can_manage_class(request.user, school_class):
        raise PermissionDenied("Only the class's teachers and school leads can open a follow-up survey.")
    today = timezone.localdate()
    unavailable = _why_no_survey(assignment)
    context = {"school_class": school_class, "assignment": assignment, "today": today, "unavailable": unavailable}
    if unavailable:
        context["windows"] = list(assignment.follow_up_windows.all())
        if request.method == "POST":
            return render(request, "learning/teacher/follow_up.html", {**context, "problem": unavailable}, status=400)
        return render(request, "learning/teacher/follow_up.html", context)

    if request.method == "POST":
        with transaction.atomic():
            # Serialise openings for one assignment so two at once cannot overlap.
            Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
            windows = list(assignment.follow_up_windows.all())
            form = FollowUpWindowForm(request.POST, assignment=assignment, windows=windows, today=today)
            if form.is_valid():
                window = open_follow_up(
                    assignment=assignment,
                    opens_on=form.cleaned_data["opens_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    actor=request.user,
                )
                dates = f"{format_date(window.opens_on, DATE_FORMAT)} to {format_date(window.closes_on, DATE_FORMAT)}"
                record_audit(
                    actor=request.user,
                    school=school_class.school,
                    action=AuditAction.FOLLOW_UP_OPENED,
                    summary=f"Follow-up survey of {assignment.module.title} for class {school_class.name} set "
                    f"for {dates}",
                    target=window,
                    detail={
                        "class": school_class.name,
                        "assignment": assignment.pk,
                        "opens_on": window.opens_on.isoformat(),
                        "closes_on": window.closes_on.isoformat(),
                    },
                )
                messages.success(request, f"The follow-up survey is set for {dates}.")
                return redirect(reverse("learning:follow_up", args=[school_class.pk, assignment.pk]))
    else:
        windows = list(assignment.follow_up_windows.all())
        form = FollowUpWindowForm(assignment=assignment, windows=windows, today=today)
    context.update(form=form, windows=windows, typical_range=form.typical_range)
    status = 400 if form.is_bound else 200
    return render(request, "learning/teacher/follow_up.html", context, status=status)
