"""Teachers' views of their classes' progress: the grid, item analysis, CSV export, resets.

Classes are reached through ``SchoolClass.objects.for_user`` so another school's class,
or a class the teacher neither teaches nor leads, answers 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from courses.lesson_deck import with_modules
from learning.exports import csv_lines, grid_rows
from learning.grid import SORTS, RowStatus, build_grid, current_pupils, filter_rows, sort_rows
from learning.grid_html import grid_body
from learning.item_analysis import analyse_items
from learning.services.resets import REASON_MAX_LENGTH, REASON_MIN_LENGTH, reset_lesson_progress
from schools.access_log import client_ip, record_view
from schools.models import Assignment, AuditAction, SchoolClass
from schools.permissions import class_for, user_can_manage_class
from schools.rate_limits import EXPORTS, enforce_limit
from schools.services.audit import record_audit


class ResetProgressForm(forms.Form):
    reason = forms.CharField(
        label="Why are you resetting this pupil's lessons?",
        help_text=f"Between {REASON_MIN_LENGTH} and {REASON_MAX_LENGTH} characters. This is kept in the audit log.",
        min_length=REASON_MIN_LENGTH,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter a reason for the reset",
            "min_length": f"The reason must be at least {REASON_MIN_LENGTH} characters",
            "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer",
        },
    )


def _assignment_of(school_class: SchoolClass, pk: int) -> Assignment:
    return get_object_or_404(school_class.assignments.select_related("module"), pk=pk)


def _chosen_assignment(request: HttpRequest, assignments: list[Assignment]) -> Assignment | None:
    """The assignment asked for in ?assignment=, or the newest one."""
    wanted = request.GET.get("assignment")
    if not wanted:
        return max(assignments, key=lambda a: (a.opens_on, a.pk), default=None)
    for assignment in assignments:
        if str(assignment.pk) == wanted:
            return assignment
    raise Http404("No such assignment for this class.")


@never_cache
@login_required
def class_progress(request: HttpRequest, class_pk: int) -> HttpResponse:
    school_class = class_for(request, class_pk)
    assignments = with_modules(school_class.assignments.order_by("-opens_on", "-pk"))
    assignment = _chosen_assignment(request, assignments)
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "name")
    compact = request.GET.get("view") == "compact"
    toggled = request.GET.copy()
    toggled["view"] = "full" if compact else "compact"
    context = {
        "school_class": school_class,
        "assignments": assignments,
        "assignment": assignment,
        "status": status if status in RowStatus.labels else "",
        "sort": sort if sort in dict(SORTS) else "name",
        "status_choices": RowStatus.choices,
        "sort_choices": SORTS,
        "can_manage": user_can_manage_class(request.user, school_class),
        # Compact: narrow lesson columns numbered (their titles in a key), smaller text.
        "compact": compact,
        "view_toggle_url": f"?{toggled.urlencode()}",
    }
    if assignment is not None:
        grid = build_grid(assignment=assignment, school_class=school_class)
        rows = sort_rows(filter_rows(grid.rows, status), sort)
        context.update(
            grid=grid,
            rows=rows,
            grid_body=grid_body(grid, rows, can_manage=context["can_manage"]),
            counts=grid.counts,
        )
        record_view(
            request,
            school=school_class.school,
            summary=f"Viewed the progress grid of {school_class.name} for {assignment.module.title}",
            target=school_class,
        )
    return render(request, "learning/teacher/class_progress.html", context)


@never_cache
@login_required
def class_progress_csv(request: HttpRequest, class_pk: int) -> HttpResponse | StreamingHttpResponse:
    school_class = class_for(request, class_pk)
    assignments = with_modules(school_class.assignments.all())
    assignment = _chosen_assignment(request, assignments)
    if assignment is None:
        raise Http404("This class has no modules yet.")
    if (refused := enforce_limit(request, EXPORTS, school=school_class.school)) is not None:
        return refused
    grid = build_grid(assignment=assignment, school_class=school_class)
    record_audit(
        actor=request.user,
        school=school_class.school,
        action=AuditAction.EXPORTED,
        summary=f"Progress of class {school_class.name} in {assignment.module.title} exported as CSV",
        target=school_class,
        detail={"class": school_class.name, "assignment": assignment.pk, "pupils": len(grid.rows)},
        ip_address=client_ip(request),
    )
    response = StreamingHttpResponse(csv_lines(grid_rows(grid)), content_type="text/csv; charset=utf-8")
    filename = f"progress-{slugify(school_class.name)}-{slugify(assignment.module.title)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def item_analysis(request: HttpRequest, class_pk: int, assignment_pk: int) -> HttpResponse:
    school_class = class_for(request, class_pk)
    assignment = _assignment_of(school_class, assignment_pk)
    items = analyse_items(assignment=assignment, school_class=school_class)
    return render(
        request,
        "learning/teacher/item_analysis.html",
        {
            "school_class": school_class,
            "assignment": assignment,
            "items": items,
            "several_versions": len({item.version_number for item in items}) > 1,
        },
    )


@never_cache
@login_required
def reset_progress(request: HttpRequest, class_pk: int, assignment_pk: int, pupil_pk: int) -> HttpResponse:
    school_class = class_for(request, class_pk)
    if not user_can_manage_class(request.user, school_class):
        raise PermissionDenied("Only the class's teachers and school leads can reset progress.")
    assignment = _assignment_of(school_class, assignment_pk)
    pupil = get_object_or_404(current_pupils(school_class), pk=pupil_pk)
    form = ResetProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reset_lesson_progress(
            pupil=pupil, assignment=assignment, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, f"The lesson progress of {pupil.display_name} was reset.")
        return redirect(f"{reverse('learning:class_progress', args=[school_class.pk])}?assignment={assignment.pk}")
    return render(
        request,
        "learning/teacher/reset_progress.html",
        {"school_class": school_class, "assignment": assignment, "pupil": pupil, "form": form},
    )
