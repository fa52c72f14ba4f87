"""Where a pupil can get help: their school's safeguarding lead and the help services for their age.

Shown on the pupil's help page, and straight after a survey with a disclosure-sensitive
item (see ``learning.sensitive_items``), by the same template
(``learning/pupil/includes/where_to_get_help.html``). Only services for the pupil's age are
listed, never adults-only or perpetrator lines (``courses.help_services``).
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from courses.help_services import ages_of_year_groups, pupil_services
from courses.models import ModulePage, ProgrammePage, SurveyVersion
from learning.sensitive_items import shows_sensitive_items
from schools.models import Assignment, Pupil


def help_services_for(pupil: Pupil) -> list:
    """The help services of the pupil's programmes for their age, once each; every programme's if none yet."""
    module_ids = Assignment.objects.for_pupil(pupil).values("module_id")
    module_paths = ModulePage.objects.filter(pk__in=module_ids).values_list("path", flat=True)
    parent_paths = {path[: -Page.steplen] for path in module_paths}
    programmes = ProgrammePage.objects.live().order_by("path")
    if parent_paths:
        programmes = programmes.filter(path__in=parent_paths)
    services: list = []
    seen: set[str] = set()
    for programme in programmes:
        for child in programme.help_services:
            if child.value["name"].casefold() not in seen:
                seen.add(child.value["name"].casefold())
                services.append(child.value)
    return pupil_services(services, *ages_of_year_groups(pupil.year_group))


def help_signposting(pupil: Pupil) -> dict[str, Any]:
    """The help services for the pupil, as the signposting block's value."""
    return {
        "heading": "Services you can contact",
        "intro": "Free and confidential. You do not have to give your name.",
        "services": help_services_for(pupil),
    }


def help_context(pupil: Pupil) -> dict[str, Any]:
    """What ``where_to_get_help.html`` needs: the pupil's school (its safeguarding lead) and the services."""
    return {"pupil": pupil, "school": pupil.school, "signposting": help_signposting(pupil)}


def help_after_survey(pupil: Pupil, version: SurveyVersion) -> dict[str, Any] | None:
    """The help to show a pupil who was given ``version``, or None when it has no disclosure-sensitive item.

    Depends only on the items the pupil was shown, never on what they answered.
    """
    if not shows_sensitive_items(version.definition):
        return None
    return help_context(pupil)
