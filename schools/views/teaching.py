"""Teachers' pages: their classes, pupils, login cards and assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.roles import GlobalRole, has_global_role
from schools.access_log import client_ip, record_view
from schools.forms.teaching import AssignmentForm, ClassForm, MovePupilForm, PupilForm
from schools.join_links import share_links
from schools.models import Assignment, Pupil, School, SchoolClass, SchoolRole
from schools.permissions import class_for, user_can_create_class, user_can_manage_class, user_is_school_lead
from schools.pupil_cards import card_sheet
from schools.pupil_codes import format_for_card
from schools.rate_limits import PUPIL_CODES, enforce_limit
from schools.services.assignments import assign_module
from schools.services.classes import archive_class, create_class
from schools.services.pupils import create_pupil, issue_login_cards, move_pupil, reset_login_code


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """Where staff land after signing in: their own work first."""
    user = request.user
    if user.memberships.exists():
        return redirect("schools:teacher_home")
    if user.is_superuser or has_global_role(user, GlobalRole.CONTENT_EDITOR):
        return redirect("wagtailadmin_home")
    waiting = School.objects.filter(join_requests__user=user, join_requests__decided_at__isnull=True)
    return render(request, "schools/teaching/no_role.html", {"waiting_for": waiting})


def _assignment_status(assignment: Assignment, today) -> tuple[str, str]:
    """A label and a GOV.UK tag colour for the teacher's list."""
    if assignment.opens_on > today:
        return f"Opens {assignment.opens_on:%-d %B}", "grey"
    if assignment.is_comparison and assignment.post_wave_on and assignment.post_wave_on > today:
        return f"Comparison class: quiz and survey again from {assignment.post_wave_on:%-d %B}", "purple"
    if assignment.due_on is None:
        return "Open", "blue"
    if assignment.due_on < today:
        return f"Was due {assignment.due_on:%-d %B}", "orange"
    return f"Due {assignment.due_on:%-d %B}", "green"


@login_required
def teacher_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    assignments = Prefetch("assignments", queryset=Assignment.objects.select_related("module").order_by("opens_on"))
    classes = (
        SchoolClass.objects.for_user(user)
        .active()
        .select_related("school")
        .prefetch_related(assignments, "teachers")
        .with_pupil_count()
    )
    mine, others = [], []
    for school_class in classes:
        school_class.assignment_rows = [(a, *_assignment_status(a, today)) for a in school_class.assignments.all()]
        (mine if user in school_class.teachers.all() else others).append(school_class)
    led_schools = School.objects.filter(memberships__user=user, memberships__role=SchoolRole.SCHOOL_LEAD)
    return render(
        request,
        "schools/teaching/home.html",
        {"my_classes": mine, "other_classes": others, "led_schools": led_schools},
    )


@login_required
def class_create(request: HttpRequest) -> HttpResponse:
    schools = list(School.objects.for_user(request.user).filter(memberships__user=request.user).distinct())
    if not schools:
        raise PermissionDenied("Only staff of a school can create classes.")
    form = ClassForm(request.POST or None, schools=School.objects.filter(pk__in=[s.pk for s in schools]))
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        if not user_can_create_class(request.user, school):
            raise PermissionDenied
        school_class = create_class(
            school=school,
            name=form.cleaned_data["name"],
            year_group=form.cleaned_data["year_group"],
            academic_year=form.cleaned_data["academic_year"],
            teacher=request.user,
        )
        messages.success(request, f"Class {school_class.name} created. Its class code is {school_class.class_code}.")
        return redirect("schools:class_detail", school_class.pk)
    return render(request, "schools/teaching/class_form.html", {"form": form})


def _managed_class_for(request: HttpRequest, pk: int) -> SchoolClass:
    school_class = class_for(request, pk)
    if not user_can_manage_class(request.user, school_class):
        raise PermissionDenied("Archived classes cannot be changed.")
    return school_class


def _pupil_in(school_class: SchoolClass, pupil_pk: int) -> Pupil:
    return get_object_or_404(
        Pupil.objects.in_class(school_class),
        pk=pupil_pk,
    )


@never_cache
@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = class_for(request, pk)
    pupils = Pupil.objects.in_class(school_class).order_by("last_name", "first_name")
    assignments = school_class.assignments.select_related("module")
    today = timezone.localdate()
    record_view(
        request,
        school=school_class.school,
        summary=f"Viewed the pupils of class {school_class.name}",
        target=school_class,
    )
    return render(
        request,
        "schools/teaching/class_detail.html",
        {
            "school_class": school_class,
            "pupils": pupils,
            "assignment_rows": [(a, *_assignment_status(a, today)) for a in assignments],
            "can_manage": user_can_manage_class(request.user, school_class),
            "is_lead": user_is_school_lead(request.user, school_class.school),
            "teachers": school_class.teachers.all(),
        },
    )


@never_cache
@login_required
def pupil_add(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _managed_class_for(request, pk)
    form = PupilForm(request.POST or None, initial={"year_group": school_class.year_group})
    if request.method == "POST" and form.is_valid():
        pupil, code = create_pupil(
            school=school_class.school, school_class=school_class, actor=request.user, **form.cleaned_data
        )
        return render(
            request,
            "schools/teaching/new_code.html",
            {"school_class": school_class, "pupil": pupil, "code": format_for_card(code), "created": True},
        )
    return render(request, "schools/teaching/pupil_form.html", {"form": form, "school_class": school_class})


@never_cache
@login_required
@require_POST
def pupil_reset_code(request: HttpRequest, pk: int, pupil_pk: int) -> HttpResponse:
    school_class = _managed_class_for(request, pk)
    pupil = _pupil_in(school_class, pupil_pk)
    if (refused := enforce_limit(request, PUPIL_CODES, school=school_class.school)) is not None:
        return refused
    code = reset_login_code(pupil=pupil, actor=request.user, ip_address=client_ip(request))
    return render(
        request,
        "schools/teaching/new_code.html",
        {"school_class": school_class, "pupil": pupil, "code": format_for_card(code), "created": False},
    )


@never_cache
@login_required
def pupil_move(request: HttpRequest, pk: int, pupil_pk: int) -> HttpResponse:
    school_class = _managed_class_for(request, pk)
    pupil = _pupil_in(school_class, pupil_pk)
    targets = SchoolClass.objects.for_user(request.user).active().filter(school=school_class.school).exclude(pk=pk)
    form = MovePupilForm(request.POST or None, classes=targets)
    if request.method == "POST" and form.is_valid():
        to_class = form.cleaned_data["to_class"]
        move_pupil(pupil=pupil, from_class=school_class, to_class=to_class, actor=request.user)
        messages.success(request, f"{pupil.display_name} moved to {to_class.name}.")
        return redirect("schools:class_detail", school_class.pk)
    return render(
        request, "schools/teaching/pupil_move.html", {"form": form, "school_class": school_class, "pupil": pupil}
    )


@never_cache
@login_required
def login_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: explain that printing makes new codes. POST: issue them and show the printable sheet."""
    school_class = _managed_class_for(request, pk)
    if request.method != "POST":
        return render(request, "schools/teaching/cards_confirm.html", {"school_class": school_class})
    if (refused := enforce_limit(request, PUPIL_CODES, school=school_class.school)) is not None:
        return refused
    cards = issue_login_cards(school_class=school_class, actor=request.user, ip_address=client_ip(request))
    return render(
        request,
        "schools/teaching/cards.html",
        {"school_class": school_class, "cards": card_sheet(request, school_class, cards)},
    )


@login_required
def class_archive(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _managed_class_for(request, pk)
    if request.method == "POST":
        archive_class(school_class=school_class, actor=request.user)
        messages.success(request, f"{school_class.name} has been archived. Its pupils can no longer sign in with it.")
        return redirect("schools:teacher_home")
    return render(request, "schools/teaching/class_archive.html", {"school_class": school_class})


@login_required
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    school_class = _managed_class_for(request, pk)
    classes = SchoolClass.objects.for_user(request.user).active().filter(school=school_class.school)
    form = AssignmentForm(request.POST or None, classes=classes, initial={"classes": [school_class.pk]})
    if request.method == "POST" and form.is_valid():
        chosen = [c for c in form.cleaned_data["classes"] if user_can_manage_class(request.user, c)]
        try:
            assign_module(
                classes=chosen,
                module=form.cleaned_data["module"],
                opens_on=form.cleaned_data["opens_on"],
                due_on=form.cleaned_data["due_on"],
                delivery=form.cleaned_data["delivery"],
                include_surveys=form.cleaned_data["include_surveys"],
                actor=request.user,
                arm=form.cleaned_data["arm"],
                post_wave_on=form.cleaned_data["post_wave_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = ", ".join(c.name for c in chosen)
            messages.success(request, f"{form.cleaned_data['module'].title} assigned to {names}.")
            return redirect("schools:class_detail", school_class.pk)
    return render(request, "schools/teaching/assignment_form.html", {"form": form, "school_class": school_class})


@never_cache
@login_required
def assignment_share(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """The join link, QR code and share buttons of one assignment, for its class's teachers."""
    school_class = class_for(request, pk)
    assignment = get_object_or_404(
        Assignment.objects.for_user(request.user).select_related("module", "school_class"),
        pk=assignment_pk,
        school_class=school_class,
    )
    context = {"school_class": school_class, "assignment": assignment, "links": share_links(request, assignment)}
    return render(request, "schools/teaching/assignment_share.html", context)


@never_cache
@login_required
def teacher_help(request: HttpRequest) -> HttpResponse:
    """Help for staff: what to do if a pupil tells you something, with each of their schools' safeguarding lead."""
    schools = list(School.objects.filter(memberships__user=request.user).distinct().order_by("name"))
    return render(request, "schools/teaching/help.html", {"schools": schools})
