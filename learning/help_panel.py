"""Where a pupil can get help: their school's safeguarding lead and the help services.

Shown on the pupil's help page, and straight after a survey with a disclosure-sensitive
item (see ``learning.sensitive_items``), by the same template
(``learning/pupil/includes/where_to_get_help.html``).
"""

from __future__ import annotations

from typing import Any

from courses.models import SurveyVersion
from learning.sensitive_items import shows_sensitive_items
from learning.views.help import help_services_for
from schools.models import Pupil


def help_signposting(pupil: Pupil) -> dict[str, Any]:
    """The help services of the pupil's programmes, as the signposting block's value."""
    return {
        "heading": "Services you can contact",
        "intro": "Free and confidential. You do not have to give your name.",
        "services": help_services_for(pupil),
    }


def help_context(pupil: Pupil) -> dict[str, Any]:
    """What ``where_to_get_help.html`` needs: the pupil's school (its safeguarding lead) and the services."""
    return {"school": pupil.school, "signposting": help_signposting(pupil)}


def help_after_survey(pupil: Pupil, version: SurveyVersion) -> dict[str, Any] | None:
    """The help to show a pupil who was given ``version``, or None when it has no disclosure-sensitive item.

    Depends only on the items the pupil was shown, never on what they answered.
    """
    if not shows_sensitive_items(version.definition):
        return None
    return help_context(pupil)
