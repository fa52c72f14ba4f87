"""Pupils' sign-in sessions. Pupils are not Django users: the session holds who they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils import timezone

from config.prepared_query import PreparedQuery
from schools.models import Pupil, SchoolClass

WRONG_CODES = "We could not sign you in with those codes. Check your card, or ask your teacher."
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


@dataclass(frozen=True)
class CodesSignIn:
    """What a posted codes form came to: the pupil and class signed in, or None and the status to
    answer the form with (429 while sign-in is paused, 400 for malformed codes, 200 for wrong ones)."""

    signed_in: tuple[Pupil, SchoolClass] | None
    status: int


def sign_in_with_codes(request, form) -> CodesSignIn:
    """Sign a pupil in with a posted class code and personal code (``PupilLoginForm``), the one way
    codes are checked. Failed tries count towards the pause on sign-in; the form carries the errors."""
    from schools.rate_limits import PUPIL_TOO_MANY_TRIES, count_failed_pupil_sign_in, pupil_sign_in_paused
    from schools.services.pupils import authenticate_pupil

    if pupil_sign_in_paused(request):
        form.is_valid()
        form.add_error(None, PUPIL_TOO_MANY_TRIES)
        return CodesSignIn(None, 429)
    if not form.is_valid():
        count_failed_pupil_sign_in(request)
        return CodesSignIn(None, 400)
    found = authenticate_pupil(class_code=form.cleaned_data["class_code"], pupil_code=form.cleaned_data["pupil_code"])
    if found is None:
        count_failed_pupil_sign_in(request)
        form.add_error(None, WRONG_CODES)
        return CodesSignIn(None, 200)
    sign_in_pupil(request, *found)
    return CodesSignIn(found, 200)


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
