"""Pupils' sign-in and sign-out. Their work is in the learning app, at "learning:pupil_home"."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit import ALL as ALL_METHODS
from django_ratelimit.core import get_usage

from schools.forms.teaching import PupilLoginForm
from schools.pupil_codes import normalise
from schools.pupil_session import current_pupil, sign_in_pupil, sign_out_pupil
from schools.services.pupils import authenticate_pupil

WRONG_CODES = "We could not sign you in with those codes. Check your card, or ask your teacher."
TOO_MANY = "Too many tries. Wait a few minutes, then try again, or ask your teacher for help."


def _class_key(group, request) -> str:
    return normalise(request.POST.get("class_code", ""))


def _limited(request: HttpRequest, *, increment: bool) -> bool:
    """Failed sign-ins are limited per device address and per class code.

    With ``increment`` a failure is counted; without, the limits are only checked.
    """
    limited = False
    for group, key, rate in (
        ("pupil-login-ip", "ip", settings.PUPIL_LOGIN_RATE_PER_IP),
        ("pupil-login-class", _class_key, settings.PUPIL_LOGIN_RATE_PER_CLASS),
    ):
        usage = get_usage(request, group=group, key=key, rate=rate, method=ALL_METHODS, increment=increment)
        limited = limited or (usage is not None and usage["count"] >= usage["limit"])
    return limited


@never_cache
def pupil_login(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and current_pupil(request) is not None:
        return redirect(reverse("learning:pupil_home"))
    form = PupilLoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _limited(request, increment=False):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            found = authenticate_pupil(
                class_code=form.cleaned_data["class_code"], pupil_code=form.cleaned_data["pupil_code"]
            )
            if found is not None:
                sign_in_pupil(request, *found)
                return redirect(reverse("learning:pupil_home"))
            _limited(request, increment=True)
            form.add_error(None, WRONG_CODES)
        else:
            _limited(request, increment=True)
    return render(request, "schools/pupils/login.html", {"form": form}, status=status)


@require_POST
def pupil_logout(request: HttpRequest) -> HttpResponse:
    sign_out_pupil(request)
    return redirect("schools:pupil_login")
