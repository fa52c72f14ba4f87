"""Teaching a lesson in class: before you teach, the class's ground rules, and present mode.

The projected view shows the lesson and nothing else: no pupil names or data ever reach it.
The presenter view (a second window) adds the teacher notes and timings and follows the
projected one in the browser (BroadcastChannel), without a round trip to the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from classroom.forms.delivery import GroundRulesForm, SlideVisibilityForm, TeachingChecklistForm
from classroom.models import LiveSession
from classroom.services.delivery import (
    PlannedSlide,
    SlideNotOptionalError,
    can_start_lesson,
    checklist_for,
    ground_rules_for,
    module_is_sensitive,
    plan_lesson,
    record_checklist,
    reset_ground_rules,
    save_ground_rules,
    set_slide_hidden,
    shown_slides,
)
from courses.help_services import LeftOff, left_off_pupil_screens
from courses.models import LessonPage, ModulePage
from schools.models import Assignment, SchoolClass
from schools.permissions import user_can_manage_class, user_is_school_lead

LABEL_WORDS = 12
LIVE_SESSIONS_LISTED = 10
FIRST_HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.IGNORECASE | re.DOTALL)


@dataclass
class Teaching:
    """The class, assignment and lesson a teaching page is about, reached through the user's scope."""

    school_class: SchoolClass
    assignment: Assignment
    lesson: LessonPage

    @property
    def module(self) -> ModulePage:
        return self.assignment.module

    @property
    def args(self) -> list[int]:
        return [self.school_class.pk, self.assignment.pk, self.lesson.pk]


def _teaching(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int) -> Teaching:
    school_class = get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=class_pk)
    assignment = get_object_or_404(school_class.assignments.select_related("module"), pk=assignment_pk)
    lesson = get_object_or_404(LessonPage.objects.live().child_of(assignment.module), pk=lesson_pk)
    return Teaching(school_class, assignment, lesson)


def _require_manager(request: HttpRequest, school_class: SchoolClass) -> None:
    if not user_can_manage_class(request.user, school_class):
        raise PermissionDenied("Only a teacher of this class, or a school lead, can do this.")


def slide_label(item: PlannedSlide) -> str:
    """A short name for a slide in lists and the presenter view's 'next' line."""
    bound: Any = item.slide.bound_block
    value = bound.value
    kind = item.block_type
    if kind == "ground_rules":
        return "Our ground rules"
    if kind == "text":
        html = str(getattr(value, "source", value))
        heading = FIRST_HEADING.search(html)
        # Tags become spaces so a heading and the paragraph after it do not run together.
        text = strip_tags(heading.group(1)) if heading else strip_tags(html.replace("<", " <"))
    else:
        fields = ("heading", "title", "question", "prompt", "alt_text")
        text = next((str(value.get(name)) for name in fields if value.get(name)), "")
    label = Truncator(" ".join(text.split())).words(LABEL_WORDS)
    return label or bound.block.label


@never_cache
@login_required
def teach_lesson(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    """Before you teach: guidance, warnings, notes, the checklist and the slides, with hide and show."""
    teaching = _teaching(request, class_pk, assignment_pk, lesson_pk)
    school_class, lesson = teaching.school_class, teaching.lesson
    can_manage = user_can_manage_class(request.user, school_class)
    checklist = checklist_for(school_class=school_class, lesson=lesson)
    form = TeachingChecklistForm(
        request.POST or None,
        initial={
            "dsl_told": checklist.dsl_told if checklist else False,
            "affected_pupils_considered": checklist.affected_pupils_considered if checklist else False,
            "ground_rules_ready": checklist.ground_rules_ready if checklist else False,
        },
    )
    if request.method == "POST":
        _require_manager(request, school_class)
        if form.is_valid():
            checklist = record_checklist(
                school_class=school_class, lesson=lesson, teacher=request.user, **form.cleaned_data
            )
            if checklist.completed_at:
                messages.success(request, "Checklist complete. You are ready to teach this lesson.")
            else:
                messages.info(request, "Checklist saved. Tick every item before you present a sensitive lesson.")
            return redirect("classroom:teach_lesson", *teaching.args)
    plan = plan_lesson(school_class=school_class, lesson=lesson)
    can_start, reasons = can_start_lesson(school_class=school_class, lesson=lesson, user=request.user)
    return render(
        request,
        "classroom/present/lesson.html",
        {
            "teaching": teaching,
            "school_class": school_class,
            "school": school_class.school,
            "module": teaching.module,
            "lesson": lesson,
            "sensitive": module_is_sensitive(teaching.module),
            "plan": [(item, slide_label(item)) for item in plan],
            "shown_count": len(shown_slides(plan)),
            "ground_rules": ground_rules_for(school_class=school_class),
            "checklist": checklist,
            "form": form,
            "can_manage": can_manage,
            "can_start": can_start,
            "reasons": reasons,
            "is_lead": user_is_school_lead(request.user, school_class.school),
            "live_sessions": live_sessions_of(teaching),
            "left_off": services_left_off(lesson),
        },
    )


def services_left_off(lesson: LessonPage) -> list[LeftOff]:
    """The lesson's help services kept off pupils' screens, for the teacher's notes."""
    return left_off_pupil_screens(lesson.help_services(), *lesson.pupil_ages())


def live_sessions_of(teaching: Teaching) -> list[LiveSession]:
    """The times this lesson was taught live to the class, newest first, with how many were present."""
    return list(
        LiveSession.objects.filter(
            school_class=teaching.school_class, assignment=teaching.assignment, lesson=teaching.lesson
        )
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("-started_at")[:LIVE_SESSIONS_LISTED]
    )


@login_required
@require_POST
def slide_visibility(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    teaching = _teaching(request, class_pk, assignment_pk, lesson_pk)
    _require_manager(request, teaching.school_class)
    form = SlideVisibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That slide could not be changed.")
        return redirect("classroom:teach_lesson", *teaching.args)
    try:
        set_slide_hidden(
            school_class=teaching.school_class,
            lesson=teaching.lesson,
            block_id=form.cleaned_data["block_id"],
            hidden=form.cleaned_data["hidden"],
            user=request.user,
        )
    except SlideNotOptionalError:
        messages.error(request, "Ground rules, signposting and quick checks are always shown.")
    else:
        messages.success(request, "Slide hidden for this class." if form.cleaned_data["hidden"] else "Slide shown.")
    return redirect(reverse("classroom:teach_lesson", args=teaching.args) + "#slides")


@never_cache
@login_required
def ground_rules(request: HttpRequest, class_pk: int) -> HttpResponse:
    """The class agrees its own ground rules; until it does, the defaults open every lesson."""
    school_class = get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=class_pk)
    _require_manager(request, school_class)
    rules = ground_rules_for(school_class=school_class)
    form = GroundRulesForm(request.POST or None, initial={"rules": "\n".join(rules)})
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            reset_ground_rules(school_class=school_class)
            messages.success(request, "Ground rules are back to the defaults.")
            return redirect("classroom:ground_rules", school_class.pk)
        if form.is_valid():
            save_ground_rules(school_class=school_class, rules=form.cleaned_data["rules"], user=request.user)
            messages.success(request, f"Ground rules saved for {school_class.name}.")
            return redirect("classroom:ground_rules", school_class.pk)
    lessons = [
        (assignment, assignment.module.lessons())
        for assignment in school_class.assignments.select_related("module").order_by("opens_on", "pk")
    ]
    return render(
        request,
        "classroom/present/ground_rules.html",
        {"school_class": school_class, "form": form, "rules": rules, "lessons": lessons},
    )


def _slide_number(request: HttpRequest, count: int) -> int:
    try:
        number = int(request.GET.get("slide", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), count)


def _presentation(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int):
    """The lesson's shown slides, or a redirect to the lesson page saying why it cannot start."""
    teaching = _teaching(request, class_pk, assignment_pk, lesson_pk)
    _require_manager(request, teaching.school_class)
    can_start, reasons = can_start_lesson(school_class=teaching.school_class, lesson=teaching.lesson, user=request.user)
    if not can_start:
        for reason in reasons:
            messages.error(request, reason)
        return teaching, None
    slides = shown_slides(plan_lesson(school_class=teaching.school_class, lesson=teaching.lesson))
    return teaching, slides


def _present_context(request: HttpRequest, teaching: Teaching, slides: list[PlannedSlide]) -> dict:
    number = _slide_number(request, len(slides))
    labels = [slide_label(item) for item in slides]
    return {
        "teaching": teaching,
        "lesson": teaching.lesson,
        "slides": [(item, labels[i], labels[i + 1] if i + 1 < len(labels) else "") for i, item in enumerate(slides)],
        "slide_count": len(slides),
        "current": number,
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < len(slides) else None,
        "ground_rules": ground_rules_for(school_class=teaching.school_class),
        "channel": f"present-{teaching.school_class.pk}-{teaching.lesson.pk}",
        "lesson_minutes": teaching.lesson.estimated_minutes,
        "left_off": services_left_off(teaching.lesson),
    }


@never_cache
@login_required
def present(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    """The projected view: one slide at a time, large and plain, with no names or pupil data."""
    teaching, slides = _presentation(request, class_pk, assignment_pk, lesson_pk)
    if slides is None:
        return redirect("classroom:teach_lesson", *teaching.args)
    context = _present_context(request, teaching, slides)
    # Messages can name pupils ("Ava moved to 9X"): they wait for a page that is not projected.
    context["messages"] = []
    return render(request, "classroom/present/present.html", context)


@never_cache
@login_required
def presenter(request: HttpRequest, class_pk: int, assignment_pk: int, lesson_pk: int) -> HttpResponse:
    """The teacher's second window: current and next slide, teacher notes and timings."""
    teaching, slides = _presentation(request, class_pk, assignment_pk, lesson_pk)
    if slides is None:
        return redirect("classroom:teach_lesson", *teaching.args)
    context = _present_context(request, teaching, slides)
    context["present_url"] = reverse("classroom:present", args=teaching.args)
    return render(request, "classroom/present/presenter.html", context)
