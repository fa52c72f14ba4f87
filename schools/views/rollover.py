"""The new academic year, for school leads: the preview, starting it, and undoing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.forms.rollover import RolloverForm
from schools.services.rollover import RolloverError, plan_rollover, start_new_year, undo_new_year
from schools.views.leads import led_school


@never_cache
@login_required
def new_year(request: HttpRequest, urn: int) -> HttpResponse:
    """What starting the new year would do, with a choice per class; starting it."""
    school = led_school(request, urn)
    plan = plan_rollover(school=school)
    form = RolloverForm(plan, request.POST or None) if plan is not None else None
    latest = school.rollovers.filter(undone_at__isnull=True).first()
    status = 200
    if request.method == "POST" and plan is not None and form is not None:
        if form.is_valid():
            try:
                rollover = start_new_year(
                    school=school,
                    to_year=form.cleaned_data["to_year"],
                    choices=form.choices,
                    actor=request.user,  # type: ignore[arg-type]
                    ip_address=request.META.get("REMOTE_ADDR"),
                )
            except RolloverError as error:
                messages.error(request, str(error))
                return redirect("schools:new_year", school.urn)
            return redirect("schools:rollover_detail", school.urn, rollover.pk)
        status = 400
    context = {"school": school, "plan": plan, "form": form, "latest": latest}
    return render(request, "schools/rollover/preview.html", context, status=status)


@never_cache
@login_required
def rollover_detail(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = led_school(request, urn)
    rollover = get_object_or_404(school.rollovers.select_related("started_by", "undone_by"), pk=pk)
    return render(request, "schools/rollover/detail.html", {"school": school, "rollover": rollover})


@never_cache
@login_required
@require_POST
def rollover_undo(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = led_school(request, urn)
    rollover = get_object_or_404(school.rollovers, pk=pk)
    try:
        undo_new_year(rollover=rollover, actor=request.user, ip_address=request.META.get("REMOTE_ADDR"))  # type: ignore[arg-type]
    except RolloverError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The start of the new year was undone: classes and year groups are as they were.")
    return redirect("schools:rollover_detail", school.urn, rollover.pk)
