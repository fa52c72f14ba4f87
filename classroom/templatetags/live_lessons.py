"""The "your class lesson has started" prompt, for pages a signed-in pupil sees."""

from __future__ import annotations

from django import template
from django.conf import settings

from classroom.models import LiveSession

register = template.Library()


@register.inclusion_tag("classroom/pupil/includes/live_prompt.html", takes_context=True)
def live_lesson_prompt(context: template.Context) -> dict:
    """The running lesson of the class the pupil signed in with, if any (one query)."""
    request = context.get("request")
    data = request.session.get(settings.PUPIL_SESSION_KEY) if request is not None else None
    session = None
    if data:
        session = (
            LiveSession.objects.open()
            .filter(school_class_id=data["class"])
            .select_related("lesson")
            .only("pk", "lesson__title")
            .first()
        )
    return {"live_session": session}
