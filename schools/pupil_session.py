"""Pupils' sign-in sessions. Pupils are not Django users: the session holds who they are."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils import timezone

from config.prepared_query import PreparedQuery
from schools.models import Pupil, SchoolClass

CACHE_ATTR = "_current_pupil"
# In the session's pupil entry: when the pupil signed in and when they last opened a page, in
# whole seconds since the epoch (see schools.pupil_session_middleware).
SIGNED_IN = "signed_in"
SEEN = "seen"


def sign_in_pupil(request, pupil: Pupil, school_class: SchoolClass) -> None:
    """Start a pupil session. Any staff session in this browser ends first (shared devices).

    The cookie lasts until the browser closes; the idle limit and the end of the school day
    end the session sooner.
    """
    logout(request)
    request.session.cycle_key()
    now = int(timezone.now().timestamp())
    request.session[settings.PUPIL_SESSION_KEY] = {
        "pupil": pupil.pk,
        "class": school_class.pk,
        SIGNED_IN: now,
        SEEN: now,
    }
    request.session.set_expiry(0)
    setattr(request, CACHE_ATTR, pupil)


def sign_out_pupil(request) -> None:
    request.session.flush()
    setattr(request, CACHE_ATTR, None)


def has_pupil_session(request) -> bool:
    """Whether the request carries a pupil session. Never loads a session the browser did not send."""
    session = getattr(request, "session", None)
    if session is None or (settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.modified):
        return False
    return settings.PUPIL_SESSION_KEY in session


def pupil_session_times(request) -> tuple[datetime, datetime]:
    """When the signed-in pupil signed in and last opened a page. A pupil session that has no
    times yet (it began before they were recorded) starts its clock now."""
    data = request.session[settings.PUPIL_SESSION_KEY]
    if SIGNED_IN not in data or SEEN not in data:
        now = int(timezone.now().timestamp())
        data.setdefault(SIGNED_IN, now)
        data.setdefault(SEEN, now)
        request.session.modified = True
    return datetime.fromtimestamp(data[SIGNED_IN], UTC), datetime.fromtimestamp(data[SEEN], UTC)


def mark_pupil_seen(request, when: datetime) -> None:
    request.session[settings.PUPIL_SESSION_KEY][SEEN] = int(when.timestamp())
    request.session.modified = True


def signed_in_pupils(pupil_id: int, class_id: int) -> QuerySet[Pupil]:
    """The pupil a session names, while still in the class they signed in with and it is not archived."""
    return Pupil.objects.select_related("school").in_class(class_id, open_only=True).filter(pk=pupil_id)


# On every signed-in pupil's request: compiled once.
_SIGNED_IN_PUPIL = PreparedQuery(
    lambda pupil_id, class_id: signed_in_pupils(pupil_id, class_id)[:1], pupil_id=int, class_id=int
)


def current_pupil(request) -> Pupil | None:
    """The signed-in pupil, or None. Archived classes and removed pupils are signed out."""
    if hasattr(request, CACHE_ATTR):
        return getattr(request, CACHE_ATTR)
    data = request.session.get(settings.PUPIL_SESSION_KEY) if hasattr(request, "session") else None
    pupil = _SIGNED_IN_PUPIL.first(pupil_id=data["pupil"], class_id=data["class"]) if data else None
    setattr(request, CACHE_ATTR, pupil)
    return pupil


def pupil_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pupil = current_pupil(request)
        if pupil is None:
            return redirect("schools:pupil_login")
        return view(request, pupil, *args, **kwargs)

    return wrapper
