"""Pupils' sign-in and sign-out. Their work is in the learning app, at "learning:pupil_home"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.forms.teaching import PupilLoginForm
from schools.pupil_accounts import pupil_providers
from schools.pupil_session import current_pupil, sign_in_pupil, sign_out_pupil
from schools.rate_limits import PUPIL_TOO_MANY_TRIES, count_failed_pupil_sign_in, pupil_sign_in_paused
from schools.services.pupils import authenticate_pupil

WRONG_CODES = "We could not sign you in with those codes. Check your card, or ask your teacher."


def _next_page(request: HttpRequest) -> str:
    """Where a pupil goes once signed in: the module of a join link, or their home page."""
    assignment = request.POST.get("assignment") or request.GET.get("assignment") or ""
    if assignment.isdigit():
        return reverse("learning:assignment", args=[int(assignment)])
    return reverse("learning:pupil_home")


@never_cache
def pupil_login(request: HttpRequest) -> HttpResponse:
    """The codes form. A join link (``?class=CODE&assignment=ID``) fills in the class code and
    leads to the module afterwards; the module page itself checks it is the pupil's."""
    if request.method == "GET" and current_pupil(request) is not None:
        return redirect(_next_page(request))
    initial = {"class_code": request.GET.get("class", "")[:12], "assignment": request.GET.get("assignment", "")[:12]}
    form = PupilLoginForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if pupil_sign_in_paused(request):
            form.is_valid()
            form.add_error(None, PUPIL_TOO_MANY_TRIES)
            status = 429
        elif form.is_valid():
            found = authenticate_pupil(
                class_code=form.cleaned_data["class_code"], pupil_code=form.cleaned_data["pupil_code"]
            )
            if found is not None:
                sign_in_pupil(request, *found)
                return redirect(_next_page(request))
            count_failed_pupil_sign_in(request)
            form.add_error(None, WRONG_CODES)
        else:
            count_failed_pupil_sign_in(request)
    context = {"form": form, "providers": pupil_providers(request)}
    return render(request, "schools/pupils/login.html", context, status=status)


@require_POST
def pupil_logout(request: HttpRequest) -> HttpResponse:
    sign_out_pupil(request)
    return redirect("schools:pupil_login")
