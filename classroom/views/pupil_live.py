"""A pupil following a live class lesson on their own device.

Pupils already signed in see a "your class lesson has started" prompt and join with one
button; others join with their class code and personal code. The lesson page shows the
activity the teacher opened. It works without JavaScript (a "Check for the next
activity" link); with it, the page asks ``live_state`` every few seconds whether anything
changed. That endpoint reads only the browser's session (loaded anyway by the
pupil-session middleware) and, when the cache can answer, not the database, so its cost
per connected pupil is small and bounded. Once the pupil is signed out it answers 401,
and the page sends them to the sign-in page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from classroom.live_poll import state_answer, token_session_pk
from classroom.models import LiveSession
from classroom.services.live import SessionRefusedError, join_session, open_session_for_class, session_state
from schools.forms.teaching import PupilLoginForm
from schools.models import Pupil, SchoolClass
from schools.pupil_session import current_pupil, has_pupil_session, pupil_required, sign_in_with_codes

from .pupil_page import render_live_page

SIGNED_OUT = "You are no longer signed in on this device. Sign in again to carry on."


def signed_in_class_id(request: HttpRequest) -> int | None:
    """The class the pupil signed in with (their codes name one class)."""
    data = request.session.get(settings.PUPIL_SESSION_KEY) or {}
    return data.get("class")


def pupil_session_or_404(request: HttpRequest, pupil: Pupil, pk: int) -> LiveSession:
    """A live session of the class the pupil signed in with; anything else answers 404."""
    return get_object_or_404(
        LiveSession.objects.select_related("school_class__school", "assignment__module", "lesson"),
        pk=pk,
        school_class_id=signed_in_class_id(request),
        school_class__in=SchoolClass.objects.for_pupil(pupil).values("pk"),
    )


@never_cache
@pupil_required
def live_home(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """The pupil's class lesson, if one is running: the prompt to join, or straight in once joined."""
    class_id = signed_in_class_id(request)
    session = open_session_for_class(class_id) if class_id else None
    if session is not None and session.attendance.filter(pupil=pupil, joined_at__isnull=False).exists():
        return redirect("classroom:pupil_live_lesson", session.pk)
    return render(request, "classroom/pupil/live_home.html", {"pupil": pupil, "session": session})


@never_cache
def live_join_with_codes(request: HttpRequest) -> HttpResponse:
    """Join the class lesson with the class code and personal code (signs the pupil in). The
    projected screen's QR code (``?class=CODE``) fills in the class code."""
    if request.method == "GET" and current_pupil(request) is not None:
        return redirect("classroom:pupil_live")
    form = PupilLoginForm(request.POST or None, initial={"class_code": request.GET.get("class", "")[:12]})
    status = 200
    if request.method == "POST":
        attempt = sign_in_with_codes(request, form)
        if attempt.signed_in is not None:
            pupil, school_class = attempt.signed_in
            session = open_session_for_class(school_class.pk)
            if session is None:
                messages.info(request, "Your class lesson has not started yet. Wait for your teacher.")
                return redirect("classroom:pupil_live")
            join_session(session=session, pupil=pupil)
            return redirect("classroom:pupil_live_lesson", session.pk)
        status = attempt.status
    return render(request, "classroom/pupil/join.html", {"form": form}, status=status)


@require_POST
@pupil_required
def live_join(request: HttpRequest, pupil: Pupil, pk: int) -> HttpResponse:
    session = pupil_session_or_404(request, pupil, pk)
    try:
        join_session(session=session, pupil=pupil)
    except SessionRefusedError:
        messages.info(request, "That lesson has ended.")
        return redirect("classroom:pupil_live")
    return redirect("classroom:pupil_live_lesson", session.pk)


@never_cache
@require_GET
@pupil_required
def live_lesson(request: HttpRequest, pupil: Pupil, pk: int) -> HttpResponse:
    """The open activity, or a page to wait on; the prompt to join if the pupil has not."""
    session = pupil_session_or_404(request, pupil, pk)
    return render_live_page(request, session=session, pupil=pupil)


def signed_out(request: HttpRequest, *, status: int = 401) -> JsonResponse:
    """What a device's background request gets once the pupil is no longer signed in to its class.

    The pupil-session middleware answers the same way (401) when it ends an expired session;
    the page then stops asking and goes to the sign-in page.
    """
    return JsonResponse(
        {"signed_out": True, "message": SIGNED_OUT, "sign_in_url": reverse("schools:pupil_login")}, status=status
    )


@never_cache
@require_GET
def live_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Whether anything changed since the revision the device has (``?since=N``), from the cache.

    The device proves it joined with the token the lesson page gave it. Beyond that this
    reads only the browser's session, which the pupil-session middleware has loaded
    already (to end idle ones): no pupil session answers 401, a pupil now signed in to
    another class 403. Most of the time it reads nothing else from the database, and most
    polls are answered before they reach it (``classroom.live_poll.LivePollMiddleware``).
    """
    state = session_state(pk) if token_session_pk(request.GET.get("token", "")) == pk else None
    if state is None:
        raise Http404("No such lesson.")
    if not has_pupil_session(request):
        return signed_out(request)
    if signed_in_class_id(request) != state["class"]:
        return signed_out(request, status=403)
    return state_answer(state, request.GET.get("since", ""), request.headers.get("If-None-Match", ""))
