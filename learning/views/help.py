"""The signed-in pupil's help page: their school's safeguarding lead and the services they can contact."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from courses.models import ModulePage, ProgrammePage
from schools.models import Assignment, Pupil
from schools.pupil_session import pupil_required


def help_services_for(pupil: Pupil) -> list[dict]:
    """The help services of the programmes the pupil is taught, once each; every programme's if none yet."""
    module_ids = Assignment.objects.filter(
        school_class__memberships__pupil=pupil,
        school_class__memberships__removed_at__isnull=True,
        opens_on__lte=timezone.localdate(),
    ).values("module_id")
    module_paths = ModulePage.objects.filter(pk__in=module_ids).values_list("path", flat=True)
    parent_paths = {path[: -Page.steplen] for path in module_paths}
    programmes = ProgrammePage.objects.live().order_by("path")
    if parent_paths:
        programmes = programmes.filter(path__in=parent_paths)
    services: list[dict] = []
    seen: set[str] = set()
    for programme in programmes:
        for child in programme.help_services:
            service = dict(child.value)
            if service["name"].casefold() not in seen:
                seen.add(service["name"].casefold())
                services.append(service)
    return services


@never_cache
@pupil_required
def pupil_help(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    return render(
        request,
        "learning/pupil/help.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "signposting": {
                "heading": "Services you can contact",
                "intro": "Free and confidential. You do not have to give your name.",
                "services": help_services_for(pupil),
            },
        },
    )
