"""Pupils' sign-in sessions. Pupils are not Django users: the session holds who they are."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from schools.models import Pupil, SchoolClass

CACHE_ATTR = "_current_pupil"


def sign_in_pupil(request, pupil: Pupil, school_class: SchoolClass) -> None:
    """Start a pupil session. Any staff session in this browser ends first (shared devices)."""
    logout(request)
    request.session.cycle_key()
    request.session[settings.PUPIL_SESSION_KEY] = {"pupil": pupil.pk, "class": school_class.pk}
    setattr(request, CACHE_ATTR, pupil)


def sign_out_pupil(request) -> None:
    request.session.flush()
    setattr(request, CACHE_ATTR, None)


def current_pupil(request) -> Pupil | None:
    """The signed-in pupil, or None. Archived classes and removed pupils are signed out."""
    if hasattr(request, CACHE_ATTR):
        return getattr(request, CACHE_ATTR)
    data = request.session.get(settings.PUPIL_SESSION_KEY) if hasattr(request, "session") else None
    pupil = None
    if data:
        pupil = (
            Pupil.objects.select_related("school")
            .filter(
                pk=data["pupil"],
                memberships__school_class_id=data["class"],
                memberships__removed_at__isnull=True,
                memberships__school_class__archived_at__isnull=True,
            )
            .first()
        )
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
