"""The signed-in pupil's help page: their school's safeguarding lead and the services they can contact."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from learning.help_panel import help_context
from schools.models import Pupil
from schools.pupil_session import pupil_required


@never_cache
@pupil_required
def pupil_help(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    return render(request, "learning/pupil/help.html", help_context(pupil))
