"""The teacher's side of a live lesson: start it, open activities, watch the counts, end it.

Sessions and classes are reached through ``for_user`` scoped querysets, so another
school's session answers 404. Neither the teacher's page nor the projected screen shows a
pupil's name: only how many joined and answered, and how the class answered once enough
pupils have (see ``classroom.services.live_counts``). Names are on the register only.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classroom.models import LiveSession
from classroom.permissions import user_can_run_session
from classroom.services.live import (
    SessionRefusedError,
    close_activity,
    end_session,
    open_activity,
    session_activities,
    start_session,
)
from classroom.services.live_counts import MIN_ANSWERS_FOR_RESULT, live_counts
from schools.join_links import qr_svg_uri
from schools.permissions import class_for, user_can_manage_class

COUNTS_POLL_MS = 2000


def session_for(request: HttpRequest, pk: int) -> LiveSession:
    """A session the user may run; another school's (or class's) answers 404, an archived class 403."""
    session = get_object_or_404(
        LiveSession.objects.for_user(request.user).select_related(
            "school_class__school", "assignment__module", "lesson"
        ),
        pk=pk,
    )
    if not user_can_run_session(request.user, session):
        raise PermissionDenied
    return session


@never_cache
@login_required
def live_start(request: HttpRequest, class_pk: int) -> HttpResponse:
    """The class's assigned lessons, each with a button to teach it live."""
    school_class = class_for(request, class_pk)
    if not user_can_manage_class(request.user, school_class):
        raise PermissionDenied
    assignments = list(school_class.assignments.select_related("module").order_by("opens_on", "pk"))
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        assignment = next((a for a in assignments if str(a.pk) == request.POST.get("assignment")), None)
        lesson_pk = request.POST.get("lesson", "")
        lesson = None
        if assignment is not None and lesson_pk.isdigit():
            lesson = assignment.module.lessons().filter(pk=lesson_pk).first()
        if assignment is None or lesson is None:
            problems, status = ["Choose a lesson from the list."], 400
        else:
            try:
                session = start_session(
                    school_class=school_class, assignment=assignment, lesson=lesson, teacher=request.user
                )
            except SessionRefusedError as refused:
                problems, status = refused.reasons, 400
            else:
                return redirect("classroom:live_session", session.pk)
    running = school_class.live_sessions.open().select_related("lesson").first()
    return render(
        request,
        "classroom/live/start.html",
        {
            "school_class": school_class,
            "assignments": [(assignment, list(assignment.module.lessons())) for assignment in assignments],
            "running": running,
            "problems": problems,
        },
        status=status,
    )


def _screen_context(session: LiveSession) -> dict:
    counts = live_counts(session)
    return {
        "session": session,
        "school_class": session.school_class,
        "counts": counts,
        "min_answers": MIN_ANSWERS_FOR_RESULT,
        "poll_ms": COUNTS_POLL_MS,
    }


@never_cache
@login_required
def live_session(request: HttpRequest, pk: int) -> HttpResponse:
    """The teacher's controls: open or close an activity, the counts, and end the lesson."""
    session = session_for(request, pk)
    if not session.is_open:
        return redirect("classroom:register", session.pk)
    context = _screen_context(session)
    context["activities"] = session_activities(session)
    return render(request, "classroom/live/session.html", context)


@require_POST
@login_required
def live_activity(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the posted activity (``action=open``, ``key``) or close the open one (``action=close``)."""
    session = session_for(request, pk)
    try:
        if request.POST.get("action") == "close":
            close_activity(session=session)
        else:
            open_activity(session=session, key=request.POST.get("key", ""))
    except SessionRefusedError as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    return redirect("classroom:live_session", session.pk)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def live_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), then ends the lesson (POST): pupils can no longer answer, and the register follows."""
    session = session_for(request, pk)
    if not session.is_open:
        return redirect("classroom:register", session.pk)
    if request.method == "GET":
        return render(
            request,
            "classroom/live/end.html",
            {"session": session, "school_class": session.school_class, "counts": live_counts(session)},
        )
    end_session(session=session)
    messages.success(request, "The live lesson has ended. Check the register, then mark the lesson taught.")
    return redirect("classroom:register", session.pk)


@never_cache
@require_GET
@login_required
def live_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The projected screen: how to join, and live counts. Never a name."""
    session = session_for(request, pk)
    context = _screen_context(session)
    join_query = urlencode({"class": session.school_class.class_code})
    join_url = request.build_absolute_uri(f"{reverse('classroom:pupil_live_join')}?{join_query}")
    context["join_qr"] = qr_svg_uri(join_url, "QR code for joining the lesson")
    return render(request, "classroom/live/screen.html", context)


@never_cache
@require_GET
@login_required
def live_counts_json(request: HttpRequest, pk: int) -> JsonResponse:
    """The counts panel for the teacher's and projected screens, redrawn only when ``digest`` changes."""
    session = session_for(request, pk)
    context = _screen_context(session)
    counts = context["counts"]
    return JsonResponse(
        {
            "revision": session.revision,
            "ended": not session.is_open,
            "digest": counts.digest,
            "summary": counts.summary,
            "html": render_to_string("classroom/live/includes/counts.html", context, request=request),
            "poll_ms": COUNTS_POLL_MS,
        }
    )
