"""Pupil sessions on shared devices end by themselves: after ``PUPIL_SESSION_IDLE_MINUTES``
without a page being opened, and at the end of the school day (``PUPIL_SCHOOL_DAY_ENDS``).

The time a pupil last opened a page is kept in their session and written at most once a
minute, so most requests do not save the session. Background requests (a live lesson's page
asking for changes, ``Accept: application/json``) do not count as using the device: a lesson
page left open on an unattended device still signs out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from config.fixed_urls import fixed_url
from schools.pupil_session import has_pupil_session, mark_pupil_seen, pupil_session_times, sign_out_pupil

# Writing "last seen" at most this often keeps a session save off most requests.
SEEN_RESOLUTION = timedelta(minutes=1)
IDLE = "You were signed out because this device was not used for {minutes} minutes. Sign in again to carry on."
DAY_ENDED = "You were signed out because the school day has ended. Sign in again to carry on."


def school_day_ends() -> time:
    """``PUPIL_SCHOOL_DAY_ENDS`` ("HH:MM", local time) as a time."""
    return _day_end(settings.PUPIL_SCHOOL_DAY_ENDS)


@lru_cache(maxsize=8)
def _day_end(value: str) -> time:
    """Read once per value: it is asked on every signed-in pupil's request."""
    try:
        return datetime.strptime(value, "%H:%M").time()
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"PUPIL_SCHOOL_DAY_ENDS must be a time like 17:00, not {value!r}.") from error


def session_ends_at(*, signed_in: datetime, day_ends: time) -> datetime:
    """The end of the school day a session belongs to: ``day_ends`` (local time) on the day the
    pupil signed in, or on the next day if they signed in at or after it."""
    local = timezone.localtime(signed_in)
    ends = timezone.make_aware(datetime.combine(local.date(), day_ends))
    if ends <= signed_in:
        ends = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), day_ends))
    return ends


def expiry_reason(*, signed_in: datetime, seen: datetime, now: datetime) -> str | None:
    """Why a pupil session has ended by ``now`` (the message for the pupil), or None if it has not."""
    if now >= session_ends_at(signed_in=signed_in, day_ends=school_day_ends()):
        return DAY_ENDED
    minutes = settings.PUPIL_SESSION_IDLE_MINUTES
    if now - seen >= timedelta(minutes=minutes):
        return IDLE.format(minutes=minutes)
    return None


def is_background(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


class PupilSessionMiddleware:
    """End expired pupil sessions, and note when a signed-in pupil last opened a page.

    An expired session is flushed and the pupil sent to the sign-in page with the reason
    (background requests get a 401 with it instead). Place after SessionMiddleware and
    MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Quick exit ends every session anyway, and must not stop to explain.
        if has_pupil_session(request) and request.path != fixed_url("schools:quick_exit"):
            ended = self.check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponseBase | None:
        now = timezone.now()
        signed_in, seen = pupil_session_times(request)
        reason = expiry_reason(signed_in=signed_in, seen=seen, now=now)
        if reason is None:
            if now - seen >= SEEN_RESOLUTION and not is_background(request):
                mark_pupil_seen(request, now)
            return None
        sign_out_pupil(request)
        messages.info(request, reason)
        if request.path == fixed_url("schools:pupil_login"):
            return None
        if is_background(request):
            return JsonResponse(
                {"signed_out": True, "message": reason, "sign_in_url": reverse("schools:pupil_login")}, status=401
            )
        return redirect("schools:pupil_login")
