"""School leads' pages: their school's pupils, evaluation opt-outs and the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from schools.access_log import record_view
from schools.forms.audit import AuditLogFilterForm
from schools.forms.pupil_list import PupilListFilterForm
from schools.forms.teaching import EvaluationStatusForm
from schools.models import AuditEvent, Pupil, School
from schools.permissions import user_can_record_opt_out, user_can_view_audit_log, user_is_school_lead
from schools.services.pupils import record_opt_out, restore_evaluation

PAGE_SIZE = 50


def led_school(request: HttpRequest, urn: int) -> School:
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    if not user_is_school_lead(request.user, school):
        raise PermissionDenied("Only the school lead can see this page.")
    return school


@login_required
def school_overview(request: HttpRequest, urn: int) -> HttpResponse:
    school = led_school(request, urn)
    classes = school.classes.active().prefetch_related("teachers")
    return render(request, "schools/leads/overview.html", {"school": school, "classes": classes})


@never_cache
@login_required
def school_pupils(request: HttpRequest, urn: int) -> HttpResponse:
    """The school's pupils, searched by name and filtered by class, year and evaluation status
    (a GET form, so the filters work without JavaScript and stay in the address)."""
    school = led_school(request, urn)
    form = PupilListFilterForm(request.GET, school=school)
    pupils = form.filter(Pupil.objects.for_user(request.user).filter(school=school).not_erased())
    page = Paginator(pupils.order_by("last_name", "first_name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    show = form.cleaned_data.get("show") if form.is_valid() else ""
    which = "pupils left out of the evaluation" if show == "excluded" else "pupil list"
    record_view(
        request,
        school=school,
        summary=f"Viewed the {which} of {school.name} (page {page.number})",
        target=school,
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "school": school,
        "page": page,
        "form": form,
        "show": show,
        "page_query": f"&{filters.urlencode()}" if filters else "",
    }
    return render(request, "schools/leads/pupils.html", context, status=200 if form.is_valid() else 400)


@never_cache
@login_required
def pupil_evaluation(request: HttpRequest, urn: int, pupil_pk: int) -> HttpResponse:
    school = led_school(request, urn)
    pupil = get_object_or_404(Pupil.objects.for_user(request.user).filter(school=school).not_erased(), pk=pupil_pk)
    if not user_can_record_opt_out(request.user, pupil):
        raise PermissionDenied
    form = EvaluationStatusForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "restore":
            restore_evaluation(pupil=pupil, actor=request.user)
            messages.success(request, f"{pupil.display_name} is back in the evaluation.")
            return redirect("schools:school_pupils", school.urn)
        if form.is_valid():
            record_opt_out(pupil=pupil, kind=form.cleaned_data["kind"], on=form.cleaned_data["on"], actor=request.user)
            messages.success(request, f"Recorded for {pupil.display_name}. They keep learning as before.")
            return redirect("schools:school_pupils", school.urn)
    record_view(request, school=school, summary=f"Viewed the evaluation status of {pupil.display_name}", target=pupil)
    return render(request, "schools/leads/pupil_evaluation.html", {"school": school, "pupil": pupil, "form": form})


@login_required
def audit_log(request: HttpRequest, urn: int) -> HttpResponse:
    school = led_school(request, urn)
    if not user_can_view_audit_log(request.user, school):
        raise PermissionDenied
    events = AuditEvent.objects.for_school(school).select_related("actor")
    form = AuditLogFilterForm(request.GET)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    if action:
        events = events.filter(action=action)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "schools/leads/audit_log.html",
        {"school": school, "page": page, "form": form, "action": action},
        status=200 if form.is_valid() else 400,
    )
