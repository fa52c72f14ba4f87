"""Pupils' sign-in and sign-out. Their work is in the learning app, at "learning:pupil_home"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.forms.teaching import PupilLoginForm
from schools.pupil_accounts import pupil_providers
from schools.pupil_session import current_pupil, sign_in_with_codes, sign_out_pupil


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
        attempt = sign_in_with_codes(request, form)
        if attempt.signed_in is not None:
            return redirect(_next_page(request))
        status = attempt.status
    context = {"form": form, "providers": pupil_providers(request)}
    return render(request, "schools/pupils/login.html", context, status=status)


@require_POST
def pupil_logout(request: HttpRequest) -> HttpResponse:
    sign_out_pupil(request)
    return redirect("schools:pupil_login")
